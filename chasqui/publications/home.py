"""What the home page shows of the publications: the latest one."""

from chasqui.core.sections import HomeSection

from .models import PublicationIndexPage, PublicationPage


def latest_publication(home):
    """The newest live, public publication anywhere under `home`."""
    return (
        PublicationPage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("cover_image")
        .order_by("-date", "-pk")
        .first()
    )


def home_publications(home, publications_index, request):
    return {"latest_publication": latest_publication(home)}


PUBLICATIONS_SECTION = HomeSection(
    key="publications",
    index_model=PublicationIndexPage,
    titles={"en": ("Publications", "publications"), "es": ("Publicaciones", "publicaciones")},
    home_context=home_publications,
    context_keys=("latest_publication",),
)
