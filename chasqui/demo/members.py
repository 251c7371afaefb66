"""Demo plans and members for the demo loader: enough variety to see every state in the admin."""

import datetime

from django.db import transaction
from django.utils import timezone

from chasqui.membership.billing.services import record_payment
from chasqui.membership.choices import DeclarationSource, MembershipStatus, PaymentMethod, PaymentSource
from chasqui.membership.gift_aid.wording import WORDING_VERSION, declaration_wording
from chasqui.membership.history import log_event
from chasqui.membership.lifecycle.services import apply_expiry, cancel
from chasqui.membership.member_calendar import MEMBERSHIP_PERIOD
from chasqui.membership.models import GiftAidDeclaration, Member, Plan
from chasqui.membership.numbers import next_membership_number
from chasqui.membership.organisation import membership_settings, organisation_name
from chasqui.subscribers import services as subscriber_services

from .defaults import fill_defaults

DEMO_PLANS = [
    {
        "slug": "individual",
        "name": "Individual",
        "price_pence": 2500,
        "audience": "Anyone who wants to back our work",
        "description": "Full membership: the weekly bulletin, our reports as soon as they come out, "
        "and a vote at the annual general meeting.",
        "name_es": "Individual",
        "audience_es": "Toda persona que quiera apoyar nuestro trabajo",
        "description_es": "La membresía completa: el boletín semanal, nuestros informes en cuanto se "
        "publican y voto en la asamblea general anual.",
        "sort_order": 1,
    },
    {
        "slug": "concession",
        "name": "Concession",
        "price_pence": 1000,
        "audience": "Students and people without paid work",
        "description": "Everything the individual plan gives, at a price that keeps membership "
        "open to everyone.",
        "name_es": "Reducida",
        "audience_es": "Estudiantes y personas sin trabajo remunerado",
        "description_es": "Todo lo que ofrece la membresía individual, a un precio que la mantiene "
        "abierta a todos.",
        "sort_order": 2,
    },
    {
        "slug": "organisation",
        "name": "Organisation",
        "price_pence": 6000,
        "audience": "Unions, community groups, NGOs and other organisations",
        "description": "Membership for a group: bulletins and reports for your team, and your "
        "organisation listed among our supporters if you wish.",
        "name_es": "Organización",
        "audience_es": "Sindicatos, grupos comunitarios, ONG y otras organizaciones",
        "description_es": "Membresía para un colectivo: boletines e informes para su equipo y, si lo "
        "desea, su organización en la lista de quienes nos apoyan.",
        "sort_order": 3,
    },
]

DEMO_SETTINGS = {
    "number_prefix": "PSG-",
    "bank_account_name": "Peru Support Group",
    "bank_sort_code": "12-34-56",
    "bank_account_number": "00012345",
    "cheque_payable_to": "Peru Support Group",
    "cheque_address": "Membership Secretary\n1 Example Street\nLondon\nN1 9GU",
    "cheque_address_es": (
        "Membership Secretary (secretaría de socios)\n1 Example Street\nLondres\nN1 9GU\nReino Unido"
    ),
    "secretary_email": "membership@example.org",
}

# first, last, email, plan, method, state, days from today to expiry (None: never paid),
# Gift Aid, language, (address line, town, postcode, country)
LONDON = ("14 Canonbury Road", "London", "N1 2DG", "GB")
DEMO_MEMBERS = [
    ("Rosa", "Mamani", "rosa.mamani", "individual", "standing_order", "active", 265, True, "en", LONDON),
    (
        "Tom",
        "Hughes",
        "tom.hughes",
        "individual",
        "cheque",
        "active",
        25,
        False,
        "en",
        ("3 Bridge Street", "Cardiff", "CF10 1AA", "GB"),
    ),
    (
        "Priya",
        "Shah",
        "priya.shah",
        "concession",
        "standing_order",
        "active",
        5,
        False,
        "en",
        ("Flat 2, 40 Mill Lane", "Leeds", "LS1 4AP", "GB"),
    ),
    (
        "Eleanor",
        "Price",
        "eleanor.price",
        "individual",
        "card_subscription",
        "active",
        6,
        True,
        "en",
        ("The Old Barn", "Hexham", "NE46 1AB", "GB"),
    ),
    (
        "David",
        "Okafor",
        "david.okafor",
        "individual",
        "card",
        "active",
        180,
        False,
        "en",
        ("22 Park Terrace", "Glasgow", "G3 6BY", "GB"),
    ),
    (
        "Lucía",
        "Quispe",
        "lucia.quispe",
        "concession",
        "standing_order",
        "pending",
        None,
        False,
        "es",
        ("Jr. Ayacucho 120", "Cusco", "", "PE"),
    ),
    (
        "Martin",
        "Gallagher",
        "martin.gallagher",
        "individual",
        "cheque",
        "pending",
        None,
        False,
        "en",
        ("7 Church Walk", "Belfast", "BT1 2AB", "GB"),
    ),
    (
        "Hannah",
        "Wright",
        "hannah.wright",
        "individual",
        "standing_order",
        "grace",
        -10,
        False,
        "en",
        ("51 High Street", "Oxford", "OX1 4AS", "GB"),
    ),
    (
        "Jorge",
        "Huamán",
        "jorge.huaman",
        "concession",
        "cheque",
        "lapsed",
        -60,
        False,
        "es",
        ("Av. Grau 455", "Lima", "", "PE"),
    ),
    (
        "Sarah",
        "Bennett",
        "sarah.bennett",
        "individual",
        "standing_order",
        "cancelled",
        90,
        False,
        "en",
        ("9 Queen's Road", "Brighton", "BN1 3XE", "GB"),
    ),
    (
        "Latin America Solidarity Network",
        "",
        "lasn",
        "organisation",
        "standing_order",
        "active",
        300,
        False,
        "en",
        ("Unit 4, 18 Market Place", "Manchester", "M4 1HN", "GB"),
    ),
    (
        "Carmen",
        "Flores",
        "carmen.flores",
        "individual",
        "card",
        "active",
        30,
        False,
        "es",
        ("Calle Mayor 8", "Madrid", "", "ES"),
    ),
]


def create_demo_plans():
    """The three demo plans, created once by slug; an editor's later changes are left alone
    (a blank field, such as a Spanish name added since, is filled in)."""
    created = 0
    for fields in DEMO_PLANS:
        plan, was_created = Plan.objects.get_or_create(
            slug=fields["slug"], defaults={k: v for k, v in fields.items() if k != "slug"}
        )
        if not was_created and fill_defaults(plan, fields):
            plan.save()
        created += was_created
    return created


def configure_demo_settings():
    """Bank and cheque details for the demo, filling only fields still at their defaults."""
    settings = membership_settings()
    changed = fill_defaults(settings, DEMO_SETTINGS)
    if changed:
        settings.save()
    return changed


@transaction.atomic
def create_demo_members(today=None):
    """A dozen members across every status, with payments; created once by email address."""
    today = today or timezone.localdate()
    create_demo_plans()
    configure_demo_settings()
    plans = {plan.slug: plan for plan in Plan.objects.all()}
    grace_days = membership_settings().grace_days
    created = 0
    for row in DEMO_MEMBERS:
        first, last, local_part, plan_slug, method, state, days_left, gift_aid, language, address = row
        email = f"{local_part}@example.org"
        if Member.objects.filter(email=email).exists():
            continue
        plan = plans[plan_slug]
        paid_on = today + datetime.timedelta(days=days_left) - MEMBERSHIP_PERIOD if days_left else None
        member = create_demo_member(row, plan, joined_on=paid_on or today)
        if gift_aid:
            declare_demo_gift_aid(member)
        if paid_on:
            pay_demo_membership(member, plan, paid_on)
            apply_expiry(member, today=today, grace_days=grace_days)
        if state == MembershipStatus.CANCELLED:
            cancel(member, actor_label="demo", note="demo: cancelled by the member")
        created += 1
    return created


def create_demo_member(row, plan, joined_on):
    first, last, local_part, _plan, method, _state, _days, _gift_aid, language, address = row
    line_1, town, postcode, country = address
    member = Member.objects.create(
        number=next_membership_number(),
        first_name=first,
        last_name=last,
        email=f"{local_part}@example.org",
        address_line_1=line_1,
        town=town,
        postcode=postcode,
        country=country,
        language=language,
        plan=plan,
        payment_method=method,
        joined_on=joined_on,
        bulletin_consent=True,
    )
    log_event(member, "joined", actor_label="demo")
    # Consent on joining puts the address on the bulletin list, as a real join does.
    subscriber_services.subscribe_member(member.email, f"{first} {last}", language)
    return member


def declare_demo_gift_aid(member):
    GiftAidDeclaration.objects.create(
        member=member,
        wording_version=WORDING_VERSION,
        wording=declaration_wording(organisation_name()),
        first_name=member.first_name,
        last_name=member.last_name,
        address=f"{member.address_line_1}, {member.town}",
        postcode=member.postcode,
        source=DeclarationSource.JOIN_FORM,
    )


def pay_demo_membership(member, plan, paid_on):
    method = member.payment_method
    record_payment(
        member,
        amount_pence=plan.price_pence,
        paid_on=paid_on,
        method=method,
        source=PaymentSource.STRIPE if PaymentMethod(method).is_card else PaymentSource.OFFLINE,
        idempotency_key=f"demo:{member.email}:{paid_on.isoformat()}",
        reference=member.number,
        actor_label="demo",
        today=paid_on,
        send_receipt=False,
    )
    member.refresh_from_db()
    if method == PaymentMethod.CARD_SUBSCRIPTION:
        member.stripe_customer_id = f"cus_demo{member.pk}"
        member.stripe_subscription_id = f"sub_demo{member.pk}"
        member.save(update_fields=["stripe_customer_id", "stripe_subscription_id"])
