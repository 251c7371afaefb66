"""The closed vocabularies of the observatory's records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")


class Verification(models.TextChoices):
    """How far the charity has checked an incident, weakest first."""

    REPORTED = "reported", _("reported")
    CORROBORATED = "corroborated", _("corroborated")
    VERIFIED = "verified", _("verified")


class ActorType(models.TextChoices):
    PERSON = "person", _("person")
    COMMUNITY = "community", _("community")
    ORGANISATION = "organisation", _("organisation")
    COMPANY = "company", _("company")
    STATE_BODY = "state_body", _("state body")
    MINING_PROJECT = "mining_project", _("mining project")


class ActorRole(models.TextChoices):
    PERPETRATOR = "perpetrator", _("perpetrator")
    VICTIM = "victim", _("victim")
    PARTY = "party", _("party")
    MEDIATOR = "mediator", _("mediator")
