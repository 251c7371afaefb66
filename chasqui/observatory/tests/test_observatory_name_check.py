"""The check for unmarked sensitive names reads the page's child rows as the editor submitted them,
and finds a name or alias as whole words, whatever its case, accents or spacing."""

import pytest
from django.utils import translation
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset

from chasqui.news.models import NewsItemPage
from chasqui.observatory.models.actors import named_in
from chasqui.observatory.models.incidents import withheld_sources_note
from chasqui.observatory.name_check import Place, message

from .conftest import SECRET_NAME
from .test_observatory_sensitive_text import editor, news_form, unmarked

pytestmark = pytest.mark.django_db

SOURCE_MESSAGE = (
    "“%s” in row %d of “Sources” names a person at risk (A community leader): "
    "write the public description instead of the name, or leave it out."
)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("José Quispe", "jose  QUISPE"),
        ("José Quispe", "Threats against José\n Quispe, again."),
        ("José Quispe", "https://radio.example/jose-quispe-amenazado"),
        ("José Quispe", "jose_quispe.pdf"),
        ("Don Zaca", "said DON ZACÁ."),
    ],
)
def test_a_name_is_found_whatever_its_case_accents_and_spacing(name, text):
    assert named_in(name, {"where": text}) == ["where"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("José Quispe", "Josée Quispeña"),
        ("José Quispe", "José Quispetupa"),
        ("Don Zaca", "Don Zacarías Pérez spoke."),
        ("Don Zaca", "Don, Zaca"),
        ("Zaca", "Zacarías"),
    ],
)
def test_a_name_inside_a_longer_word_is_not_found(name, text):
    assert named_in(name, {"where": text}) == []


@pytest.fixture
def writer(client, django_user_model):
    client.force_login(editor(django_user_model))
    return client


def publish_sources(client, item, sources, initial=0):
    form = news_form(item, unmarked("Quiet week."), sources=inline_formset(sources, initial=initial))
    return client.post(f"/admin/pages/{item.pk}/edit/", form)


def test_a_news_source_naming_a_person_at_risk_is_refused_with_its_row_named(writer, sensitive_world):
    item = sensitive_world["news_item"]
    before = Revision.page_revisions.filter(object_id=str(item.pk)).count()
    sources = [
        {"title": "Radio report", "url": "https://radio.example/report", "language": "es"},
        {"title": "Interview with zacarias   QUISPETUPA", "url": "https://radio.example/a", "language": "es"},
        {"title": "Second report", "url": "https://radio.example/don-zaca", "language": "es"},
    ]

    response = publish_sources(writer, item, sources)

    assert response.status_code == 200
    content = response.content.decode()
    assert SOURCE_MESSAGE % ("title", 2) in content
    assert SOURCE_MESSAGE % ("URL", 3) in content
    assert "row 1 of" not in content
    assert SECRET_NAME not in content  # the message names the row, not the person
    assert "Don Zaca" not in content
    assert Revision.page_revisions.filter(object_id=str(item.pk)).count() == before
    assert not NewsItemPage.objects.get(pk=item.pk).sources.exists()


def test_a_name_inside_a_longer_word_or_a_deleted_row_is_no_reason_to_refuse(writer, sensitive_world):
    item = sensitive_world["news_item"]
    sources = [
        {"title": "Don Zacarías Pérez speaks", "url": "https://radio.example/zacarias", "language": "es"},
        {"title": f"{SECRET_NAME} speaks", "url": "https://radio.example/b", "language": "es", "DELETE": "1"},
    ]

    response = publish_sources(writer, item, sources)

    assert response.status_code == 302, response.content.decode()[:3000]
    saved = NewsItemPage.objects.get(pk=item.pk)
    assert list(saved.sources.values_list("title", flat=True)) == ["Don Zacarías Pérez speaks"]
    assert saved.live_revision.as_object().sources.count() == 1


def test_a_stored_row_edited_to_name_the_person_is_refused(writer, sensitive_world):
    item = sensitive_world["news_item"]
    assert (
        publish_sources(
            writer, item, [{"title": "Radio", "url": "https://radio.example/c", "language": "es"}]
        ).status_code
        == 302
    )
    stored = NewsItemPage.objects.get(pk=item.pk).sources.get()

    renamed = [{"id": stored.pk, "title": "Radio: Don  zaca", "url": stored.url, "language": "es"}]
    response = publish_sources(writer, item, renamed, initial=1)

    assert response.status_code == 200
    assert SOURCE_MESSAGE % ("title", 1) in response.content.decode()
    assert NewsItemPage.objects.get(pk=item.pk).sources.get().title == "Radio"


def test_the_messages_and_the_note_are_in_spanish_too():
    with translation.override("es"):
        row = message(Place("título", rows="Fuentes", number=2), "Un dirigente")
        note = withheld_sources_note(3)
    assert row.startswith("«título» en la fila 2 de «Fuentes» nombra a una persona en riesgo (Un dirigente)")
    assert note.startswith("3 fuentes están reservadas: necesita el permiso de datos sensibles")
