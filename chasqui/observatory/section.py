"""The observatory's index under every home page, as one of the home sections."""

from chasqui.core.sections import HomeSection

from .models.index_page import IncidentIndexPage


def home_observatory(home, index, request):
    """The home page links the observatory (as `observatory_index`) and shows nothing more yet."""
    return {}


OBSERVATORY_SECTION = HomeSection(
    key="observatory",
    index_model=IncidentIndexPage,
    titles={"en": ("Observatory", "observatory"), "es": ("Observatorio", "observatorio")},
    home_context=home_observatory,
)
