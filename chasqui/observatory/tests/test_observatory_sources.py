"""Archived copies of sources and the weekly link check, against a real HTTP server on 127.0.0.1:
uploads checked by content, captures with their checksum and time, the guard against private
addresses, the link check's transitions and bounds, what readers see, and what stays withheld."""

import datetime
import hashlib
import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone, translation
from wagtail.models import Site
from wagtail.users.models import UserProfile

from chasqui.core.management.commands.run_scheduled_jobs import JOBS
from chasqui.core.models import SiteSettings
from chasqui.observatory import capture, fetching, linkcheck
from chasqui.observatory.models import IncidentIndexPage, IncidentSource, SourceLink
from chasqui.observatory.views import ARCHIVE_POLICY

from .source_server import PAGE, PDF, SecureSourceServer, SourceServer

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WRONG_KIND = "An archived copy must be a PDF, an HTML page or a PNG, JPEG or WebP image."
ANSWERING = (200, None, 0, False)


@pytest.fixture
def server():
    with SourceServer() as running:
        yield running


@pytest.fixture(autouse=True)
def source_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CHASQUI_SOURCE_FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.CHASQUI_SOURCE_FETCH_TIMEOUT = 0.5
    settings.CHASQUI_SOURCE_ARCHIVE_MAX_MB = 1
    settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = True
    settings.CHASQUI_SOURCE_CHECK_HOST_DELAY = 0
    settings.CHASQUI_SOURCE_CHECK_PER_RUN = 30
    settings.CHASQUI_SOURCE_CHECK_PER_HOST = 5
    return settings


@pytest.fixture
def publish(add_incident, django_capture_on_commit_callbacks):
    """Publish an incident and run what its commit queues (captures, with the immediate task backend)."""

    def publish_incident(title="Clash at the river", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return add_incident(title, **fields)

    return publish_incident


def link_of(url):
    return SourceLink.objects.get(url=url)


def stored(name):
    with default_storage.open(name, "rb") as handle:
        return handle.read()


# Uploads


def test_an_upload_is_known_by_its_content_and_its_checksum_size_and_time_noted(publish, settings):
    settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = False
    incident = publish(
        sources=[{"title": "Radio", "url": "", "archived_copy": ContentFile(PDF, name="report.txt")}]
    )
    source = incident.sources.get()
    assert source.archived_content_type == "application/pdf"
    assert source.archived_sha256 == hashlib.sha256(PDF).hexdigest()
    assert source.archived_size == len(PDF)
    assert timezone.now() - source.archived_added_at < timedelta(minutes=1)
    assert stored(source.archived_copy.name) == PDF
    assert source.archived_copy.name.startswith("observatory/sources/")
    assert source.archived_copy.name.endswith("/report.txt")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 a Windows program", "report.pdf", "must be a PDF, an HTML page or a PNG, JPEG or WebP"),
        (b"", "empty.html", "is empty"),
        (b"<!doctype html>" + b"x" * (1024 * 1024), "big.html", "at most 1.0\xa0MB"),
    ],
)
def test_an_upload_of_the_wrong_kind_or_size_gets_a_clear_error(content, name, message):
    source = IncidentSource(title="Radio", archived_copy=ContentFile(content, name=name))
    with pytest.raises(ValidationError) as error:
        source.clean()
    assert message in error.value.message_dict["archived_copy"][0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "image/jpeg"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\xef\xbb\xbf  <!DOCTYPE HTML><p>Report</p>", "text/html"),
    ],
)
def test_images_and_html_pages_are_accepted(content, expected):
    source = IncidentSource(title="Radio", archived_copy=ContentFile(content, name="copy.bin"))
    source.clean()
    assert source.archived_content_type == expected


def edit_form_data(client, page):
    """Every field of the page's edit form as the browser would send it."""
    soup = BeautifulSoup(client.get(f"/admin/pages/{page.pk}/edit/").content, "html.parser")
    form = soup.find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit", "button"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_the_editor_sees_a_wrong_upload_refused_and_a_good_one_noted(admin_client, publish, settings):
    settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = False
    incident = publish(sources=[{"title": "Radio", "url": "https://radio.example/a"}])
    data = edit_form_data(admin_client, incident)
    data["sources-0-archived_copy"] = ContentFile(b"MZ\x90\x00 program", name="report.pdf")
    data["action-publish"] = "action-publish"

    response = admin_client.post(f"/admin/pages/{incident.pk}/edit/", data)

    assert response.status_code == 200
    assert WRONG_KIND in response.content.decode()
    assert not incident.sources.get().archived_copy

    data["sources-0-archived_copy"] = ContentFile(PNG, name="screenshot.png")
    assert admin_client.post(f"/admin/pages/{incident.pk}/edit/", data).status_code == 302
    source = incident.sources.get()
    assert source.archived_content_type == "image/png"
    assert source.archived_sha256 == hashlib.sha256(PNG).hexdigest()


# Capture


def test_publishing_captures_a_source_without_a_copy_with_its_checksum_and_time(publish, server):
    url = server.url("/page")
    publish(sources=[{"title": "Radio", "url": url}])

    link = link_of(url)
    assert link.capture_sha256 == hashlib.sha256(PAGE).hexdigest()
    assert link.capture_size == len(PAGE)
    assert link.capture_content_type == "text/html; charset=utf-8"
    assert link.capture_status == 200
    assert link.capture_final_url == url
    assert timezone.now() - link.captured_at < timedelta(minutes=1)
    assert link.capture_error == ""
    assert stored(link.capture.name) == PAGE
    method, path, headers, _at = server.requests[-1]
    assert (method, path) == ("GET", "/page")
    assert "Chasqui" in headers["User-Agent"]
    assert "http://127.0.0.1:8000" in headers["User-Agent"]  # BASE_URL: the site that is asking


def test_a_source_with_an_uploaded_copy_is_not_fetched(publish, server):
    copy = ContentFile(PNG, name="a.png")
    publish(sources=[{"title": "Radio", "url": server.url("/page"), "archived_copy": copy}])
    assert server.requests == []
    assert not link_of(server.url("/page")).capture


def test_a_capture_follows_redirects_and_keeps_the_final_address(publish, server):
    publish(sources=[{"title": "Radio", "url": server.url("/redirect")}])
    link = link_of(server.url("/redirect"))
    assert link.capture_final_url == server.url("/page")
    assert stored(link.capture.name) == PAGE


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP status 404"),
        ("/slow", "No answer within 0.5 seconds"),
        ("/big", "larger than the limit"),
        ("/big-unannounced", "larger than the limit"),
        ("/loop", "Too many redirects"),
        ("/video", "must be a PDF, an HTML page or a PNG, JPEG or WebP image"),
    ],
)
def test_a_failed_capture_records_why(publish, server, path, message):
    publish(sources=[{"title": "Radio", "url": server.url(path)}])
    link = link_of(server.url(path))
    assert message in link.capture_error
    assert link.capture_tried_at is not None
    assert not link.capture


def test_a_failed_capture_never_removes_the_earlier_copy(publish, server):
    url = server.url("/switched")
    publish(sources=[{"title": "Radio", "url": url}])
    first = link_of(url)
    server.switch(503)

    capture.capture(first.pk)

    link = link_of(url)
    assert "HTTP status 503" in link.capture_error
    assert (link.capture.name, link.capture_sha256, link.captured_at) == (
        first.capture.name,
        first.capture_sha256,
        first.captured_at,
    )
    assert stored(link.capture.name) == PAGE


@pytest.fixture
def secure_server(tmp_path):
    with SecureSourceServer(tmp_path) as running:
        yield running


def test_https_is_fetched_with_the_certificate_checked_for_the_host_name(secure_server, monkeypatch):
    with pytest.raises(fetching.FetchError, match="The secure connection to localhost failed"):
        fetching.fetch(secure_server.url("/page"), max_bytes=1000)  # signed by no one we trust

    monkeypatch.setenv("SSL_CERT_FILE", str(secure_server.certificate))  # trusted from now on
    answer = fetching.fetch(secure_server.url("/redirect"), max_bytes=1000)
    assert (answer.status, answer.url, answer.body) == (200, secure_server.url("/page"), PAGE)
    assert secure_server.requests[-1][2]["Host"] == f"localhost:{secure_server.httpd.server_port}"

    # Connected to 127.0.0.1 as checked, but spoken to by name: a certificate for another name fails.
    with pytest.raises(fetching.FetchError, match="The secure connection to 127.0.0.1 failed"):
        fetching.fetch(secure_server.url("/page", host="127.0.0.1"), max_bytes=1000)


def test_loopback_is_refused_unless_a_setting_allows_it(publish, server, settings):
    settings.CHASQUI_SOURCE_FETCH_ALLOWED_NETWORKS = []
    publish(sources=[{"title": "Radio", "url": server.url("/page")}])
    assert "private network (127.0.0.1)" in link_of(server.url("/page")).capture_error
    assert server.requests == []


def test_every_redirect_is_checked_again(publish, server, settings):
    settings.CHASQUI_SOURCE_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    publish(sources=[{"title": "Radio", "url": server.url("/to-private")}])
    assert "private network (127.0.0.2)" in link_of(server.url("/to-private")).capture_error
    assert [path for _m, path, _h, _t in server.requests] == ["/to-private"]


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://127.0.0.1/report.pdf", "gopher://127.0.0.1/", "http:///nohost"],
)
def test_only_http_and_https_addresses_are_fetched(url):
    with pytest.raises(fetching.Refused):
        fetching.fetch(url)


def test_private_and_link_local_addresses_are_refused(settings):
    settings.CHASQUI_SOURCE_FETCH_ALLOWED_NETWORKS = []
    for address in ("10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1", "fe80::1"):
        with pytest.raises(fetching.Refused):
            fetching.check_address(address, "example")
    fetching.check_address("8.8.8.8", "example")


def incident_editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "x")
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_archive_sources_now_captures_for_an_editor_who_may_edit(
    client, add_incident, server, django_user_model, settings, django_capture_on_commit_callbacks
):
    settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = False
    incident = add_incident(sources=[{"title": "Radio", "url": server.url("/page")}])
    client.force_login(incident_editor(django_user_model))
    address = f"/admin/observatory/incidents/{incident.pk}/archive-sources/"

    assert address in client.get(f"/admin/pages/{incident.pk}/edit/").content.decode()
    assert "Archive sources now" in client.get(address).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address, follow=True)

    assert "Archiving 1 source address in the background." in response.content.decode()
    assert stored(link_of(server.url("/page")).capture.name) == PAGE


def test_archive_sources_now_is_refused_to_who_may_not_edit(client, add_incident, server, django_user_model):
    incident = add_incident(sources=[{"title": "Radio", "url": server.url("/page")}])
    user = django_user_model.objects.create_user("reader", "reader@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(f"/admin/observatory/incidents/{incident.pk}/archive-sources/")
    assert response.status_code == 302  # the admin turns a refusal into a message on its home page
    assert response["Location"] == "/admin/"
    assert server.requests == []
    assert not SourceLink.objects.exists()


# The link check


def check(**options):
    return linkcheck.run(**options)


def test_the_link_check_records_failures_and_stops_only_after_a_week(add_incident, server):
    url = server.url("/switched")
    add_incident(sources=[{"title": "Radio", "url": url}])

    check()
    link = link_of(url)
    assert (link.last_status, link.failing_since, link.failed_checks, link.stopped_answering) == ANSWERING
    first_check = link.last_checked_at

    server.switch(500)
    assert check().checked == 0  # checked less than a week ago: not due
    check(everything=True)
    link = link_of(url)
    assert link.last_status == 500
    assert link.last_checked_at > first_check
    assert link.failing_since == link.last_checked_at
    assert (link.failed_checks, link.stopped_answering) == (1, False)

    check(everything=True)  # a second failure minutes later is not yet a week of failing
    link = link_of(url)
    assert (link.failed_checks, link.stopped_answering) == (2, False)

    week_ago = timezone.now() - timedelta(days=8)
    SourceLink.objects.filter(pk=link.pk).update(failing_since=week_ago, last_checked_at=week_ago)
    assert check().stopped == 1
    link = link_of(url)
    assert (link.failed_checks, link.stopped_answering, link.failing_since) == (3, True, week_ago)

    server.switch(200)
    check(everything=True)
    link = link_of(url)
    assert (link.last_status, link.failing_since, link.failed_checks, link.stopped_answering) == ANSWERING


def test_head_falls_back_to_get(add_incident, server):
    add_incident(sources=[{"title": "Radio", "url": server.url("/no-head")}])
    check()
    assert link_of(server.url("/no-head")).last_status == 200
    assert [(m, p) for m, p, _h, _t in server.requests] == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_an_address_that_gives_no_answer_is_a_failure_with_its_reason(add_incident, server):
    add_incident(sources=[{"title": "Radio", "url": server.url("/slow")}])
    check()
    link = link_of(server.url("/slow"))
    assert (link.last_status, link.failed_checks) == (None, 1)
    assert "No answer within 0.5 seconds" in link.last_error


def test_the_check_takes_the_oldest_first_within_its_limits_and_takes_turns_by_host(add_incident, server):
    paths = [f"/page?n={n}" for n in range(4)]
    add_incident(sources=[{"title": f"Source {n}", "url": server.url(path)} for n, path in enumerate(paths)])
    add_incident("Blockade", sources=[{"title": "Other host", "url": server.url("/page", host="localhost")}])
    linkcheck.add_new_addresses()
    now = timezone.now()
    for age, path in enumerate(paths):  # /page?n=3 is the oldest checked
        SourceLink.objects.filter(url=server.url(path)).update(last_checked_at=now - timedelta(days=8 + age))

    result = check(limit=3, per_host=2)

    assert (result.checked, result.left) == (3, 2)
    asked = [(headers["Host"].split(":")[0], path) for _m, path, headers, _t in server.requests]
    # Never checked counts as the oldest; then the hosts take turns.
    assert asked == [("localhost", "/page"), ("127.0.0.1", "/page?n=3"), ("127.0.0.1", "/page?n=2")]
    assert check(limit=3, per_host=2).checked == 2  # the two left, next run
    assert check().checked == 0


def test_one_host_is_asked_at_most_once_every_delay(add_incident, server, settings):
    settings.CHASQUI_SOURCE_CHECK_HOST_DELAY = 0.3
    add_incident(sources=[{"title": f"Source {n}", "url": server.url(f"/page?n={n}")} for n in range(2)])
    check()
    first, second = (at for _m, _p, _h, at in server.requests)
    assert second - first >= 0.3


def test_the_check_only_counts_addresses_of_published_incidents(add_incident, server):
    add_incident("Draft", live=False, sources=[{"title": "Radio", "url": server.url("/page")}])
    assert check().checked == 0
    assert server.requests == []


def test_the_check_retries_a_failed_capture_once_the_address_answers(
    publish, server, django_capture_on_commit_callbacks
):
    url = server.url("/switched")
    server.switch(500)
    publish(sources=[{"title": "Radio", "url": url}])
    assert "HTTP status 500" in link_of(url).capture_error

    server.switch(200)
    with django_capture_on_commit_callbacks(execute=True):
        result = check()

    assert result.captures == 1
    link = link_of(url)
    assert (link.capture_error, link.capture_sha256) == ("", hashlib.sha256(PAGE).hexdigest())


def test_check_sources_runs_by_hand_and_among_the_scheduled_jobs(add_incident, server, capsys):
    add_incident(sources=[{"title": "Radio", "url": server.url("/missing")}])
    call_command("check_sources")
    assert "Checked 1 source address(es): 1 failed, 0 no longer answering" in capsys.readouterr().out
    assert "check_sources" in [name for name, _purpose in JOBS]


# What readers see


def captured_on(link):
    return formats.date_format(timezone.localdate(link.captured_at), "DATE_FORMAT")


def archived_address(incident):
    return f"/observatory/sources/{incident.sources.get().pk}/archived-copy/"


def test_the_incident_page_links_the_archived_copy_with_its_capture_date(client, publish, server):
    url = server.url("/page")
    incident = publish(sources=[{"title": "Radio report", "url": url}])
    html = client.get(incident.url).content.decode()

    assert f'<a href="{url}" rel="noopener">Radio report</a>' in html
    captured = captured_on(link_of(url))
    archived = archived_address(incident)
    assert f'(<a href="{archived}" rel="nofollow">Archived copy (captured {captured})</a>)' in html
    assert "no longer" not in html


def test_the_spanish_page_says_it_in_spanish(client, publish, server, site_tree):
    spanish_index = IncidentIndexPage.objects.child_of(site_tree["es"]).get()
    url = server.url("/page")
    sources = [{"title": "Radio", "url": url}]
    incident = publish("Enfrentamiento en el río", index=spanish_index, sources=sources)
    with translation.override("es"):
        captured = captured_on(link_of(url))
    html = client.get(incident.url).content.decode()
    assert f"Copia archivada (capturada el {captured})</a>" in html
    assert " de " in captured


def test_an_archived_page_is_served_as_a_sandbox(client, publish, server):
    incident = publish(sources=[{"title": "Radio report", "url": server.url("/page")}])
    response = client.get(archived_address(incident))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PAGE
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Security-Policy"] == ARCHIVE_POLICY
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "script-src" not in response["Content-Security-Policy"]  # default-src 'none': no script at all
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")


def test_a_capture_refreshes_the_cached_page_and_a_copy_is_never_cached(
    client, publish, server, settings, tmp_path
):
    settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = False
    settings.CHASQUI_PAGE_CACHE = True
    settings.CHASQUI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # as a first visit does: a change itself
    incident = publish(sources=[{"title": "Radio report", "url": server.url("/page")}])
    client.get(incident.url)
    cached = client.get(incident.url)
    assert cached["X-Page-Cache"] == "hit"
    assert "Archived copy" not in cached.content.decode()

    capture.capture(capture.links_for([server.url("/page")])[server.url("/page")].pk)

    fresh = client.get(incident.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Archived copy" in fresh.content.decode()
    for _visit in range(2):
        assert "X-Page-Cache" not in client.get(archived_address(incident))


def test_an_archived_pdf_is_served_as_a_pdf_in_the_browser(client, publish, settings):
    settings.CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = False
    copy = ContentFile(PDF, name="r.html")
    incident = publish(sources=[{"title": "Report", "url": "", "archived_copy": copy}])
    response = client.get(archived_address(incident))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src" not in response["Content-Security-Policy"]
    assert "r.html" in response["Content-Disposition"]


def test_a_source_that_stopped_answering_shows_its_archived_copy_first(client, publish, server):
    url = server.url("/switched")
    incident = publish(sources=[{"title": "Radio report", "url": url}])
    server.switch(404)
    check()
    week_ago = timezone.now() - timedelta(days=8)
    SourceLink.objects.filter(url=url).update(failing_since=week_ago, last_checked_at=week_ago)
    check()
    html = client.get(incident.url).content.decode()

    archived = archived_address(incident)
    captured = captured_on(link_of(url))
    assert (
        f'<a href="{archived}" rel="nofollow">Radio report (archived copy, captured {captured})</a>' in html
    )
    original = f'<a href="{url}" rel="nofollow noopener">original address</a>'
    assert f"The original no longer answers: {original}" in html
    assert html.index(archived) < html.index(url)


def test_an_uploaded_copy_is_shown_before_a_capture(client, publish, server):
    url = server.url("/page")
    copy = ContentFile(PNG, name="a.png")
    incident = publish(sources=[{"title": "Radio report", "url": url, "archived_copy": copy}])
    added = formats.date_format(timezone.localdate(incident.sources.get().archived_added_at), "DATE_FORMAT")
    assert f"Archived copy (added {added})" in client.get(incident.url).content.decode()
    assert b"".join(client.get(archived_address(incident)).streaming_content) == PNG


def test_the_exports_give_each_sources_archived_copy(client, publish, server):
    url = server.url("/page")
    incident = publish(
        sources=[{"title": "Radio report", "url": url, "date": datetime.date(2024, 3, 15)}],
        latitude=Decimal("-13.5"),
        longitude=Decimal("-71.9"),
    )
    absolute = f"http://testserver{archived_address(incident)}"

    record = client.get("/observatory/export/json/").json()["incidents"][0]
    assert record["sources"] == [
        {
            "title": "Radio report",
            "url": url,
            "language": "es",
            "date": "2024-03-15",
            "archived_url": absolute,
            "answering": True,
        }
    ]
    assert f"{url} (archived: {absolute})" in client.get("/observatory/export/csv/").content.decode()
    geojson = client.get("/observatory/export/geojson/").json()
    assert geojson["features"][0]["properties"]["sources"][0]["archived_url"] == absolute


def test_a_sensitive_incidents_sources_and_archived_copies_stay_withheld(client, publish, server):
    url = server.url("/page")
    incident = publish(
        "Threats against a defender",
        is_sensitive=True,
        sources=[
            {"title": "Radio report naming her", "url": url},
            {"title": "Screenshot", "url": "", "archived_copy": ContentFile(PNG, name="shot.png")},
        ],
    )
    assert link_of(url).capture  # kept for the editors
    sources = list(incident.sources.all())

    html = client.get(incident.url).content.decode()
    assert "Radio report naming her" not in html
    assert "archived-copy" not in html
    for source in sources:
        assert client.get(f"/observatory/sources/{source.pk}/archived-copy/").status_code == 404
    for export in ("json", "csv", "geojson"):
        content = client.get(f"/observatory/export/{export}/").content.decode()
        assert "archived-copy" not in content
        assert "127.0.0.1" not in content
    assert json.loads(client.get("/observatory/export/json/").content)["incidents"][0]["sources"] == []


def test_only_editors_with_the_permission_open_a_sensitive_incidents_archived_copy(
    client, publish, server, django_user_model
):
    incident = publish(
        "Threats against a defender", is_sensitive=True, sources=[{"title": "R", "url": server.url("/page")}]
    )
    address = f"/admin/observatory/sources/{incident.sources.get().pk}/archived-copy/"
    assert client.get(address).status_code == 302  # to the sign-in page
    assert client.get(address)["Location"].startswith("/admin/login/")

    editor = incident_editor(django_user_model)
    client.force_login(editor)
    # The copy can name the person: like the sources themselves, it is withheld without the permission
    # (refused as the admin refuses, back to its dashboard).
    refused = client.get(address)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")

    editor.user_permissions.add(Permission.objects.get(codename="view_sensitive_data"))
    client.force_login(django_user_model.objects.get(pk=editor.pk))
    response = client.get(address)
    assert b"".join(response.streaming_content) == PAGE
    assert response["Content-Security-Policy"] == ARCHIVE_POLICY


def test_an_unpublished_incidents_archived_copy_is_not_served(client, publish, server):
    incident = publish(sources=[{"title": "Radio", "url": server.url("/page")}])
    address = archived_address(incident)
    incident.unpublish()
    assert client.get(address).status_code == 404


def test_the_incident_page_costs_the_same_queries_with_one_archived_source_or_many(client, publish, server):
    few = publish("Few sources", sources=[{"title": "Radio", "url": server.url("/page?n=0")}])
    sources = [{"title": f"Source {n}", "url": server.url(f"/page?n={n}")} for n in range(1, 7)]
    many = publish("Many sources", sources=sources)
    assert all(link.capture for link in SourceLink.objects.all())
    counts = []
    for page in (few, many):
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert "Archived copy" in client.get(page.url).content.decode()
        counts.append(len(captured))
    assert counts[0] == counts[1]


# The report


def test_the_broken_sources_report_lists_failing_sources_for_editors(
    client, add_incident, publish, server, django_user_model
):
    add_incident("Clash", sources=[{"title": "Gone radio", "url": server.url("/missing")}])
    add_incident("Blockade", sources=[{"title": "Fine radio", "url": server.url("/page")}])
    archived = publish("March", sources=[{"title": "Moved radio", "url": server.url("/switched")}])
    server.switch(500)
    check()
    client.force_login(incident_editor(django_user_model))

    html = client.get("/admin/reports/broken-sources/").content.decode()
    assert "Gone radio" in html
    assert "404" in html
    assert "Fine radio" not in html
    assert "Moved radio" in html
    # Only the source with an archived copy has one to open.
    assert html.count("/admin/observatory/sources/") == 1
    assert f"/admin/observatory/sources/{archived.sources.get().pk}/archived-copy/" in html
    assert "Gone radio" not in client.get("/admin/reports/broken-sources/?state=stopped").content.decode()
    export = client.get("/admin/reports/broken-sources/?export=csv")
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"Gone radio" in content
    assert b"Fine radio" not in content


def test_the_report_lists_a_sensitive_incidents_sources_only_with_the_permission(
    client, add_incident, server, django_user_model
):
    add_incident("Clash", sources=[{"title": "Gone radio", "url": server.url("/missing")}])
    add_incident("Threat", is_sensitive=True, sources=[{"title": "Hidden radio", "url": server.url("/gone")}])
    check()
    editor = incident_editor(django_user_model)
    client.force_login(editor)
    for address in ("/admin/reports/broken-sources/", "/admin/reports/broken-sources/?export=csv"):
        response = client.get(address)
        content = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        assert "Gone radio" in content
        assert "Hidden radio" not in content
        assert "/gone" not in content

    editor.user_permissions.add(Permission.objects.get(codename="view_sensitive_data"))
    client.force_login(django_user_model.objects.get(pk=editor.pk))
    assert "Hidden radio" in client.get("/admin/reports/broken-sources/").content.decode()


def test_the_report_speaks_spanish_to_a_spanish_editor(client, publish, server, django_user_model):
    publish("Marzo", sources=[{"title": "Radio movida", "url": server.url("/switched")}])
    server.switch(500)
    check()
    editor = incident_editor(django_user_model)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(editor)

    html = client.get("/admin/reports/broken-sources/").content.decode()

    assert "Fuentes rotas" in html
    assert "Falla desde" in html
    assert re.search(r">\s*Fuente\s*<", html)  # the column, in this report's own words
    assert "Abrir" in html
    assert "Origen" not in html
