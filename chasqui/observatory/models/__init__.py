"""The observatory's records: incident types, actors, cases, incidents and the index above them.

Each concern has its module; Django finds the models here.
"""

from .actors import ActorLink, ActorPage
from .bulletins import BulletinIncident
from .cases import CasePage
from .incidents import IncidentActor, IncidentNewsItem, IncidentPage, IncidentQuerySet, IncidentSource
from .index_page import IncidentIndexPage
from .sources import SourceLink
from .types import IncidentType

__all__ = [
    "ActorLink",
    "ActorPage",
    "BulletinIncident",
    "CasePage",
    "IncidentActor",
    "IncidentIndexPage",
    "IncidentNewsItem",
    "IncidentPage",
    "IncidentQuerySet",
    "IncidentSource",
    "IncidentType",
    "SourceLink",
]
