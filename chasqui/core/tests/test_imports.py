import pytest
from django.core.management.base import CommandError
from django.utils import translation
from wagtail.models import Page

from chasqui.core.imports import RowError, may_add_and_publish_under, read_source, source_path


def test_a_row_error_names_its_row_and_column_in_the_reader_s_language():
    error = RowError(3, "region", "Unknown region")
    assert str(error) == "row 3, region: Unknown region"
    with translation.override("es"):
        assert str(error) == "fila 3, region: Unknown region"


def test_a_missing_file_is_a_clear_command_error(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*absent\.csv: no such file\."):
        source_path(tmp_path / "absent.csv")
    with pytest.raises(CommandError, match="no such file"):
        read_source(str(tmp_path))  # a folder is not a file either


def test_a_file_is_read_as_bytes(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_bytes("date,región\n".encode())
    assert read_source(str(path)) == "date,región\n".encode()


@pytest.mark.django_db
def test_only_active_superusers_or_editors_who_may_publish_may_import(django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    reader = django_user_model.objects.create_user("reader", "reader@example.org", "x")
    assert may_add_and_publish_under(boss, Page)
    assert not may_add_and_publish_under(reader, Page)
    boss.is_active = False
    assert not may_add_and_publish_under(boss, Page)
