"""Archived copies no source cites any more are deleted once the change commits, never while another
source cites them; the weekly command deletes what is left over."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from chasqui.observatory.models import IncidentPage, IncidentSource, SourceLink

from .source_server import PAGE, PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def source_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = False
    return settings


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if in its own transaction: what it queues for after the commit runs too."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def captured(url):
    return SourceLink.objects.create(url=url, capture=ContentFile(PAGE, name="page.html"))


def republish(incident, sources):
    page = IncidentPage.objects.get(pk=incident.pk)
    page.sources = [IncidentSource(**source) for source in sources]
    page.save_revision().publish()
    return page


def exists(name):
    return default_storage.exists(name)


def test_a_capture_is_deleted_with_the_last_source_citing_its_address(add_incident, committed):
    incident = add_incident(sources=[{"title": "Radio", "url": "https://radio.example/a"}])
    add_incident("Another", sources=[{"title": "Radio", "url": "https://radio.example/shared"}])
    add_incident("A third", sources=[{"title": "Radio", "url": "https://radio.example/shared"}])
    gone, shared = captured("https://radio.example/a"), captured("https://radio.example/shared")

    committed(republish, incident, [{"title": "Radio", "url": "https://radio.example/b"}])
    committed(IncidentPage.objects.get(title="Another").delete)

    assert not exists(gone.capture.name)
    assert not SourceLink.objects.filter(url="https://radio.example/a").exists()
    assert exists(shared.capture.name)  # "A third" still cites it
    assert SourceLink.objects.filter(url="https://radio.example/shared").exists()


def test_an_upload_is_deleted_with_the_last_source_citing_it(add_incident, committed):
    spanish = Locale.objects.get(language_code="es")
    copy = {"title": "Radio", "url": "", "archived_copy": ContentFile(PDF, name="report.pdf")}
    incident = committed(add_incident, sources=[copy])
    name = incident.sources.get().archived_copy.name
    translation = incident.copy_for_translation(spanish)
    translation.save_revision().publish()
    assert translation.sources.get().archived_copy.name == name

    committed(republish, incident, [{"title": "Radio", "url": ""}])
    assert exists(name)  # the Spanish translation still cites it

    committed(IncidentPage.objects.get(pk=translation.pk).delete)
    assert not exists(name)


def test_a_replaced_upload_is_deleted_and_its_replacement_kept(add_incident, committed):
    first = {"title": "Radio", "archived_copy": ContentFile(PDF, name="a.pdf")}
    incident = committed(add_incident, sources=[first])
    old = incident.sources.get().archived_copy.name

    second = {"title": "Radio", "archived_copy": ContentFile(PDF, name="b.pdf")}
    page = committed(republish, incident, [second])

    assert not exists(old)
    assert exists(page.sources.get().archived_copy.name)


def test_nothing_is_deleted_when_the_change_is_rolled_back(add_incident, django_capture_on_commit_callbacks):
    incident = add_incident(sources=[{"title": "Radio", "url": "https://radio.example/a"}])
    link = captured("https://radio.example/a")

    def delete_then_fail():
        with transaction.atomic():
            incident.sources.get().delete()
            assert exists(link.capture.name)  # not before the commit
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        delete_then_fail()

    assert callbacks == []
    assert exists(link.capture.name)
    assert SourceLink.objects.filter(pk=link.pk).exists()


def aged(name, days=2):
    path = default_storage.path(name)
    then = (datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=days)).timestamp()
    os.utime(path, (then, then))


def test_the_command_deletes_leftovers_and_keeps_what_is_cited_or_new(add_incident, capsys):
    incident = add_incident(sources=[{"title": "Radio", "url": "https://radio.example/cited"}])
    cited = captured("https://radio.example/cited")
    uncited = captured("https://radio.example/forgotten")  # e.g. deleted while storage was down
    orphan = default_storage.save("observatory/sources/x1/old.pdf", ContentFile(PDF))
    fresh = default_storage.save("observatory/sources/x2/new.pdf", ContentFile(PDF))
    drafted = default_storage.save("observatory/sources/x3/draft.pdf", ContentFile(PDF))
    page = IncidentPage.objects.get(pk=incident.pk)
    page.sources = [IncidentSource(title="Draft", archived_copy=drafted)]
    page.save_revision()  # a draft not yet published names it
    for name in (orphan, drafted, cited.capture.name, uncited.capture.name):
        aged(name)

    call_command("delete_unused_source_copies", "--dry-run")
    assert "Would delete 1 capture(s) and 1 other file(s)." in capsys.readouterr().out
    assert exists(orphan)
    assert exists(uncited.capture.name)

    call_command("delete_unused_source_copies")

    out = capsys.readouterr().out
    assert orphan in out
    assert "Deleted 1 capture(s) and 1 other file(s)." in out
    assert not exists(orphan)
    assert not exists(uncited.capture.name)
    assert not SourceLink.objects.filter(pk=uncited.pk).exists()
    assert exists(fresh)
    assert exists(drafted)
    assert exists(cited.capture.name)
