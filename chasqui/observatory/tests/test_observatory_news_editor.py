"""Linking from the news editor: "Record an incident" opens the add-incident form with the news item
filled in, saving it links both ways, and the item's editor lists the incidents that report it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from chasqui.news.models import NewsIndexPage, Region
from chasqui.news.tests.factories import NewsItemPageFactory
from chasqui.observatory.models import IncidentIndexPage, IncidentNewsItem, IncidentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("nadia", "nadia@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    return client


def news_item(site_tree, language="en", regions=("puno",), title="Floods in Puno"):
    index = NewsIndexPage.objects.child_of(site_tree[language]).get()
    return NewsItemPageFactory(
        parent=index,
        title=title,
        slug=title.lower().replace(" ", "-"),
        regions=list(Region.objects.filter(slug__in=regions)),
        publish=True,
    )


def page_form(html):
    """The page form's fields as the browser would post them."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            option = field.find("option", selected=True)
            data[name] = option.get("value", "") if option else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") not in ("checkbox", "radio") or field.has_attr("checked"):
            data[name] = field.get("value", "")
    return form["action"], data


def record_button_url(editor_client, item):
    """The "Record an incident" action in the header of the item's edit page."""
    html = editor_client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    menus = BeautifulSoup(html, "html.parser").select("header [data-w-dropdown-target=content] a")
    links = [link["href"] for link in menus if "Record an incident" in link.get_text()]
    assert len(links) == 1
    return links[0]


def test_record_an_incident_prefills_the_form_and_saving_links_both_ways(
    editor_client, site_tree, kinds, incident_index
):
    item = news_item(site_tree)

    prefilled = editor_client.get(record_button_url(editor_client, item))
    assert prefilled.status_code == 200
    action, data = page_form(prefilled.content.decode())
    assert action == f"/admin/pages/add/observatory/incidentpage/{incident_index.pk}/"
    assert data["news_links-TOTAL_FORMS"] == "1"
    assert data["news_links-0-news_item"] == str(item.pk)
    assert data["region"] == str(Region.objects.get(slug="puno").pk)
    assert data["next"] == f"/admin/pages/{item.pk}/edit/"

    data.update(
        title="Homes flooded in Juliaca",
        slug="homes-flooded-in-juliaca",
        incident_type=str(kinds["clash"].pk),
        description="Families lost their homes.",
        **{"action-publish": "action-publish"},
    )
    saved = editor_client.post(action, data)

    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert saved["Location"] == f"/admin/pages/{item.pk}/edit/"
    incident = IncidentPage.objects.get(slug="homes-flooded-in-juliaca")
    assert incident.live
    links = IncidentNewsItem.objects.filter(page=incident)
    assert list(links.values_list("news_item", flat=True)) == [item.pk]
    editor = editor_client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert "Incidents this news item reports" in editor
    assert f'href="/admin/pages/{incident.pk}/edit/">Homes flooded in Juliaca</a>' in editor
    assert "Homes flooded in Juliaca" in editor_client.get(item.url).content.decode()


def test_the_region_is_chosen_only_when_the_item_has_exactly_one(editor_client, site_tree):
    item = news_item(site_tree, regions=("puno", "cusco"), title="Strikes in the south")

    _action, data = page_form(editor_client.get(record_button_url(editor_client, item)).content.decode())

    assert data["news_links-0-news_item"] == str(item.pk)
    assert data["region"] == ""


def test_a_spanish_item_records_under_the_spanish_index(editor_client, site_tree):
    spanish_index = IncidentIndexPage.objects.child_of(site_tree["es"]).get()
    item = news_item(site_tree, language="es", title="Inundaciones en Puno")

    action, data = page_form(editor_client.get(record_button_url(editor_client, item)).content.decode())

    assert action == f"/admin/pages/add/observatory/incidentpage/{spanish_index.pk}/"
    assert data["news_links-0-news_item"] == str(item.pk)


def test_an_item_without_incidents_says_so_and_a_new_item_has_no_list(editor_client, site_tree):
    item = news_item(site_tree)

    editor = editor_client.get(f"/admin/pages/{item.pk}/edit/").content.decode()

    assert "No incident is linked to this news item yet." in editor
    assert (
        "Incidents this news item reports"
        not in editor_client.get(
            reverse("wagtailadmin_pages:add", args=["news", "newsitempage", item.get_parent().pk])
        ).content.decode()
    )
