import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from chasqui.observatory import services
from chasqui.observatory.choices import ActorRole, ActorType
from chasqui.observatory.importing import import_incidents
from chasqui.observatory.models import ActorPage, IncidentPage

HEADER = "date,date_precision,region,place,type,killed,injured,detained,actors,summary,sources\n"
GOOD = HEADER + (
    '14/03/2024,,Puno,"Carabaya, San Gabán",clash,2,5,,'
    "Minera Sur SAC (perpetrator); Farmers of San Gabán (victim),"
    "Two farmers were killed in a clash at the river.,"
    "https://radio.example/san-gaban https://news.example/puno\n"
    "2024-05-01,month,apurimac,Cotabambas,Protest,,,,,"
    "A road blockade near the mine lasted a week.,https://news.example/bambas\n"
)


@pytest.fixture
def index(incident_index):
    return incident_index


def test_a_good_file_imports_incidents_with_actors_sources_and_counts(index, puno, kinds):
    existing = services.add_actor(index, "Minera Sur SAC", ActorType.COMPANY)
    result = import_incidents(GOOD.encode())
    assert result.errors == []
    assert result.created == 2
    assert result.new_actors == ["Farmers of San Gabán"]
    clash = IncidentPage.objects.get(date_start=datetime.date(2024, 3, 14))
    assert clash.live
    assert clash.get_parent().specific == index
    assert clash.latest_revision is not None
    assert clash.title == "Two farmers were killed in a clash at the river"
    assert (clash.region, clash.incident_type) == (puno, kinds["clash"])
    assert (clash.province, clash.district) == ("Carabaya", "San Gabán")
    assert (clash.killed, clash.injured, clash.detained) == (2, 5, None)
    links = {(link.actor.title, link.role) for link in clash.actor_links.all()}
    assert links == {("Minera Sur SAC", ActorRole.PERPETRATOR), ("Farmers of San Gabán", ActorRole.VICTIM)}
    assert clash.actor_links.get(role=ActorRole.PERPETRATOR).actor_id == existing.pk
    new_actor = ActorPage.objects.get(title="Farmers of San Gabán")
    assert new_actor.live
    assert new_actor.actor_type == ActorType.ORGANISATION
    assert [source.url for source in clash.sources.all()] == [
        "https://radio.example/san-gaban",
        "https://news.example/puno",
    ]
    blockade = IncidentPage.objects.get(date_start=datetime.date(2024, 5, 1))
    assert blockade.date_precision == "month"
    assert blockade.region.slug == "apurimac"
    assert (blockade.killed, blockade.injured, blockade.detained) == (None, None, None)


def test_a_dry_run_writes_nothing(index, puno):
    result = import_incidents(GOOD.encode(), dry_run=True)
    assert result.errors == []
    assert result.created == 2
    assert result.new_actors == ["Farmers of San Gabán", "Minera Sur SAC"]
    assert not IncidentPage.objects.exists()
    assert not ActorPage.objects.exists()


def test_one_bad_row_writes_nothing_and_every_error_names_its_row_and_column(index, puno):
    bad = GOOD + "31/02/2024,,Atlantis,,earthquake,two,,,Someone,,ftp://x\n"
    result = import_incidents(bad.encode())
    assert not IncidentPage.objects.exists()
    assert not ActorPage.objects.exists()
    where = {(error.row, error.column) for error in result.errors}
    assert where == {
        (4, "date"),
        (4, "region"),
        (4, "type"),
        (4, "killed"),
        (4, "actors"),
        (4, "summary"),
        (4, "sources"),
    }
    messages = {error.column: error.message for error in result.errors}
    assert "Atlantis" in messages["region"]
    assert "Unknown region" in messages["region"]
    assert "earthquake" in messages["type"]
    assert "Unknown type" in messages["type"]


def test_importing_the_same_file_again_creates_nothing_new(index, puno):
    import_incidents(GOOD.encode())
    again = import_incidents(GOOD.encode())
    assert again.errors == []
    assert (again.created, again.unchanged) == (0, 2)
    assert IncidentPage.objects.count() == 2
    assert ActorPage.objects.count() == 2


def test_the_same_incident_twice_in_one_file_is_an_error(index, puno):
    lines = GOOD.splitlines(keepends=True)
    result = import_incidents((GOOD + lines[1]).encode())
    assert [(error.row, error.column) for error in result.errors] == [(4, "summary")]
    assert not IncidentPage.objects.exists()


def test_a_windows_1252_file_imports_with_its_accents(index, puno):
    text = HEADER + "14/03/2024,,Áncash,Huaraz,clash,,,,,Protesta en la región de Áncash.,\n"
    result = import_incidents(text.encode("cp1252"))
    assert result.errors == []
    assert IncidentPage.objects.get().region.slug == "ancash"


def test_missing_required_columns_are_reported(index):
    result = import_incidents(b"date,place\n14/03/2024,Juliaca\n")
    assert [(error.row, error.column) for error in result.errors] == [(1, "region, type, summary")]


def test_the_command_imports_and_reports_errors(index, puno, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    call_command("import_incidents", str(good), "--dry-run")
    assert "Would create 2 incident(s)" in capsys.readouterr().out
    assert not IncidentPage.objects.exists()
    call_command("import_incidents", str(good))
    assert IncidentPage.objects.count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "14/03/2024,,Atlantis,,clash,,,,,Something.,\n")
    with pytest.raises(CommandError):
        call_command("import_incidents", str(bad))
    assert "row 2, region" in capsys.readouterr().err


def upload(client, text, **data):
    file = SimpleUploadedFile("incidents.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("observatory_import"), {"source": file, **data})


def test_the_admin_upload_imports_for_an_administrator(admin_client, index, puno):
    assert admin_client.get(reverse("observatory_import")).status_code == 200
    dry = upload(admin_client, GOOD, dry_run="on")
    assert dry.status_code == 200
    assert "Dry run" in dry.content.decode()
    assert not IncidentPage.objects.exists()
    response = upload(admin_client, GOOD)
    assert response.status_code == 200
    assert IncidentPage.objects.count() == 2


def test_the_admin_upload_lists_each_error_and_writes_nothing(admin_client, index, puno):
    response = upload(admin_client, GOOD + "14/03/2024,,Atlantis,,clash,,,,,Something.,\n")
    assert response.status_code == 400
    page = response.content.decode()
    assert '<tr data-row="4"><td>4</td><td>region</td>' in page
    assert "Atlantis" in page
    assert not IncidentPage.objects.exists()


def test_the_admin_upload_is_refused_to_anonymous_and_non_staff_users(client, index, puno, django_user_model):
    response = upload(client, GOOD)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.force_login(user)
    assert upload(client, GOOD).status_code in {302, 403}
    assert not IncidentPage.objects.exists()


def test_an_editor_without_publishing_rights_is_refused(client, index, puno, django_user_model):
    user = django_user_model.objects.create_user("intern", "intern@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # The admin turns a refusal into a redirect to its dashboard, with a message.
    refused = client.get(reverse("observatory_import"))
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert upload(client, GOOD).status_code == 302
    assert not IncidentPage.objects.exists()


def test_the_admin_upload_needs_the_csrf_token(admin_user, index, puno):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert upload(client, GOOD).status_code == 403
    assert not IncidentPage.objects.exists()


def test_incidents_of_the_same_title_get_their_own_addresses(index, puno, add_incident):
    add_incident("Protest in Juliaca", slug="protest-in-juliaca")
    text = HEADER.replace("\n", ",title\n") + (
        "02/04/2024,,Puno,,protest,,,,,Hundreds marched.,,Protest in Juliaca\n"
        "09/04/2024,,Puno,,protest,,,,,Thousands marched.,,Protest in Juliaca\n"
    )
    result = import_incidents(text.encode())
    assert result.errors == []
    slugs = set(IncidentPage.objects.values_list("slug", flat=True))
    assert slugs == {"protest-in-juliaca", "protest-in-juliaca-2", "protest-in-juliaca-3"}
