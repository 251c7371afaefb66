"""Plans, the cheque address and the Gift Aid declaration as Spanish readers see them: the plans in
Spanish, HMRC's declaration in its English words with a Spanish explanation beside it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from chasqui.membership.choices import PaymentMethod
from chasqui.membership.emails import Sender
from chasqui.membership.gift_aid import wording as gift_aid
from chasqui.membership.models import Plan
from chasqui.membership.organisation import membership_settings

from .factories import PlanFactory, make_member
from .test_account import sign_in_as

pytestmark = pytest.mark.django_db

EXPLANATION = "HMRC, la agencia tributaria del Reino Unido"


@pytest.fixture
def plan(site_tree):
    return PlanFactory(
        name="Concession",
        slug="concession",
        price_pence=1000,
        audience="Students",
        description="Everything, for less.",
        name_es="Reducida",
        audience_es="Estudiantes",
        description_es="Todo, por menos.",
    )


def test_spanish_join_page_shows_the_plans_in_spanish(client, plan):
    spanish = client.get("/es/members/join/").content.decode()
    english = client.get("/members/join/").content.decode()

    for text in ("Reducida", "Estudiantes", "Todo, por menos."):
        assert text in spanish
    for text in ("Concession", "Students", "Everything, for less."):
        assert text not in spanish
        assert text in english
    assert "Reducida" not in english


def test_a_plan_without_spanish_shows_its_english_name(client, site_tree):
    PlanFactory(name="Organisation", slug="organisation", price_pence=6000)

    assert "Organisation" in client.get("/es/members/join/").content.decode()


def test_spanish_join_form_explains_hmrcs_english_declaration(client, plan):
    spanish = BeautifulSoup(client.get("/es/members/join/").content, "html.parser")
    english = BeautifulSoup(client.get("/members/join/").content, "html.parser")

    declaration = spanish.find(id="gift-aid-wording")
    assert declaration["lang"] == "en"
    assert gift_aid.TAXPAYER_STATEMENT in declaration.get_text()
    assert EXPLANATION in spanish.select_one(".gift-aid-explanation").get_text()
    assert english.select_one(".gift-aid-explanation") is None


def test_members_gift_aid_page_explains_the_declaration_in_spanish(client, plan):
    member = make_member(
        active=True, language="es", plan=plan, address_line_1="1 Acacia Avenue", postcode="N1 9GU"
    )
    sign_in_as(client, member)

    page = BeautifulSoup(client.get("/es/members/gift-aid/").content, "html.parser")

    assert page.select_one(".members-declaration")["lang"] == "en"
    assert EXPLANATION in page.select_one(".gift-aid-explanation").get_text()


def test_welcome_email_names_the_plan_and_cheque_address_in_the_members_language(plan):
    settings = membership_settings()
    settings.cheque_payable_to = "Peru Support Group"
    settings.cheque_address = "1 Example Street\nLondon"
    settings.cheque_address_es = "1 Example Street\nLondres\nReino Unido"
    settings.save()
    spanish = make_member(
        plan=plan, language="es", email="lucia@example.org", payment_method=PaymentMethod.CHEQUE
    )
    english = make_member(
        plan=plan, language="en", email="tom@example.org", payment_method=PaymentMethod.CHEQUE
    )

    spanish_body = Sender().welcome(spanish).body
    english_body = Sender().welcome(english).body

    assert "Reducida" in spanish_body
    assert "Reino Unido" in spanish_body
    assert "Concession" in english_body
    assert "Londres" not in english_body


def test_plan_labels_follow_the_active_language(plan):
    with translation.override("es"):
        assert str(plan) == "Reducida"
    with translation.override("en"):
        assert str(plan) == "Concession"


def test_the_secretary_writes_a_plans_spanish_in_its_own_tab(secretary_client):
    response = secretary_client.post(
        reverse("plan:add"),
        {
            "name": "Organisation",
            "slug": "organisation",
            "price_pounds": "60",
            "sort_order": "3",
            "name_es": "Organización",
            "audience_es": "Colectivos",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    plan = Plan.objects.get(slug="organisation")
    assert (plan.name_es, plan.audience_es) == ("Organización", "Colectivos")
    edit = BeautifulSoup(secretary_client.get(reverse("plan:edit", args=[plan.pk])).content, "html.parser")
    assert any(tab.get_text(strip=True).startswith("Spanish") for tab in edit.select('[role="tab"]'))
