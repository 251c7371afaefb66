"""Import keeps each address's status, writes all rows or none, and is idempotent; export reads back."""

import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chasqui.subscribers.choices import ConsentCause, SubscriberStatus
from chasqui.subscribers.models import ConsentEvent, Subscriber
from chasqui.subscribers.subscriber_csv import export_subscribers, import_subscribers

pytestmark = pytest.mark.django_db

OTHER_TOOL_EXPORT = (
    "Email Address,First Name,Last Name,Language,Status\r\n"
    "ana@example.org,Ana,Quispe,Spanish,subscribed\r\n"
    "BOB@Example.org,Bob,,en,unsubscribed\r\n"
    "carla@example.org,,,es-PE,bounced\r\n"
    "dan@example.org,Dan,,,complained\r\n"
    "eva@example.org,Eva,,English,pending\r\n"
)


def statuses():
    return dict(Subscriber.objects.values_list("email", "status"))


def test_import_keeps_each_state_and_records_the_cause(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(OTHER_TOOL_EXPORT, encoding="utf-8")
    out = StringIO()
    call_command("import_subscribers", str(path), stdout=out)
    assert "5 new" in out.getvalue()
    assert statuses() == {
        "ana@example.org": SubscriberStatus.SUBSCRIBED,
        "bob@example.org": SubscriberStatus.UNSUBSCRIBED,
        "carla@example.org": SubscriberStatus.BOUNCED,
        "dan@example.org": SubscriberStatus.COMPLAINED,
        "eva@example.org": SubscriberStatus.PENDING,
    }
    ana = Subscriber.objects.get(email="ana@example.org")
    assert (ana.name, ana.language) == ("Ana Quispe", "es")
    assert Subscriber.objects.get(email="carla@example.org").language == "es"
    assert Subscriber.objects.get(email="dan@example.org").language == "en"
    assert set(ConsentEvent.objects.values_list("cause", flat=True)) == {ConsentCause.IMPORT}
    assert ConsentEvent.objects.count() == 5


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    import_subscribers(OTHER_TOOL_EXPORT)
    before = list(Subscriber.objects.order_by("pk").values())
    events = ConsentEvent.objects.count()
    report = import_subscribers(OTHER_TOOL_EXPORT)
    assert report.summary() == {"create": 0, "update": 0, "unchanged": 5, "kept": 0}
    assert list(Subscriber.objects.order_by("pk").values()) == before
    assert ConsentEvent.objects.count() == events


def test_a_broken_file_writes_nothing_and_names_each_bad_row(tmp_path):
    broken = (
        "email,name,language,status\n"
        "good@example.org,Good,en,subscribed\n"
        "not-an-address,Bad,en,subscribed\n"
        "good@example.org,Again,en,subscribed\n"
        "odd@example.org,Odd,fr,subscribed\n"
        "weird@example.org,Weird,en,maybe\n"
    )
    path = tmp_path / "broken.csv"
    path.write_text(broken, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_subscribers", str(path), stderr=err)
    messages = err.getvalue()
    assert "line 3:" in messages
    assert "not-an-address" in messages
    assert "line 4:" in messages
    assert "also on line 2" in messages
    assert "line 5:" in messages
    assert "fr" in messages
    assert "line 6:" in messages
    assert "maybe" in messages
    assert Subscriber.objects.count() == 0
    assert ConsentEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,status\nAna,subscribed\n", "No email column"),
        ("email,name\nana@example.org,Ana\n", "No status column"),
        ("", "empty"),
        (b"email,status\n\xff\xfeana@example.org,subscribed\n", "is not a valid email address"),
    ],
)
def test_file_level_problems_are_explained(content, message):
    report = import_subscribers(content)
    assert not report.is_valid
    assert any(message in text for _line, text in report.errors)
    assert Subscriber.objects.count() == 0


def test_a_file_saved_as_windows_1252_reads_like_utf_8():
    content = "email,name,status\nana@example.org,Ana Muñoz Peña,subscribed\n".encode("cp1252")
    report = import_subscribers(content)
    assert report.is_valid
    assert Subscriber.objects.get(email="ana@example.org").name == "Ana Muñoz Peña"


def test_dry_run_reports_but_writes_nothing(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(OTHER_TOOL_EXPORT, encoding="utf-8")
    out = StringIO()
    call_command("import_subscribers", str(path), "--dry-run", stdout=out)
    assert "Would import 5 rows: 5 new" in out.getvalue()
    assert Subscriber.objects.count() == 0


def test_import_does_not_resubscribe_someone_who_left_here(make_subscriber):
    make_subscriber("ana@example.org", SubscriberStatus.UNSUBSCRIBED)
    report = import_subscribers("email,status\nana@example.org,subscribed\n")
    assert report.summary()["kept"] == 1
    assert statuses() == {"ana@example.org": SubscriberStatus.UNSUBSCRIBED}


def test_import_records_a_withdrawal_from_the_other_tool(make_subscriber):
    subscriber = make_subscriber("ana@example.org", SubscriberStatus.SUBSCRIBED)
    import_subscribers("email;status\nana@example.org;Unsubscribed\n")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    last = subscriber.consent_events.last()
    assert (last.from_status, last.cause) == (SubscriberStatus.SUBSCRIBED, ConsentCause.IMPORT)


def test_export_reads_back_unchanged_and_filters_by_status(make_subscriber):
    make_subscriber("ana@example.org", SubscriberStatus.SUBSCRIBED, name="=HYPERLINK(1)", language="es")
    make_subscriber("bob@example.org", SubscriberStatus.BOUNCED, name="Bob")
    everything = io.StringIO()
    assert export_subscribers(everything) == 2
    lines = everything.getvalue().splitlines()
    assert lines[0] == "email,name,language,status,signed_up,confirmed,status_changed"
    assert lines[1].startswith("ana@example.org,'=HYPERLINK(1),es,subscribed,")
    assert lines[2].startswith("bob@example.org,Bob,en,bounced,")

    before = list(Subscriber.objects.order_by("pk").values())
    report = import_subscribers(everything.getvalue())
    assert report.summary()["unchanged"] == 2
    assert list(Subscriber.objects.order_by("pk").values()) == before

    out = StringIO()
    call_command("export_subscribers", "--status", "bounced", stdout=out)
    rows = out.getvalue().splitlines()
    assert len(rows) == 2
    assert rows[1].startswith("bob@example.org,")
