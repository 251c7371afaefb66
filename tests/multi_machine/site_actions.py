"""What an editor does on one of the servers, run as that server's own process (same settings, same
environment): `python -m tests.multi_machine.site_actions ACTION [ARGS]` prints a JSON answer."""

import datetime
import io
import json
import sys

import django

django.setup()

from django.core.files.images import ImageFile  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from wagtail.models import Site  # noqa: E402

from chasqui.core.models import SiteSettings  # noqa: E402
from chasqui.images.models import CustomImage  # noqa: E402
from chasqui.news.models import NewsIndexPage, NewsItemPage  # noqa: E402
from chasqui.newsletter import services  # noqa: E402
from chasqui.newsletter.models import Bulletin  # noqa: E402
from chasqui.newsletter.tasks import enqueue_send  # noqa: E402
from chasqui.pages.structure import ensure_site_structure  # noqa: E402
from chasqui.publications.models import PublicationIndexPage, PublicationPage  # noqa: E402
from chasqui.subscribers.choices import SubscriberStatus  # noqa: E402
from chasqui.subscribers.models import Subscriber  # noqa: E402

TITLE = "Water and mining in Cajamarca"


def set_up(readers):
    """The site tree, a publication with no cover yet, two news items, a draft bulletin and its readers."""
    homes = ensure_site_structure()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Peru Watch Trust"
    site_settings.postal_address = "12 Example Street\nLondon\nN1 0AA"
    site_settings.email = "office@example.org"
    site_settings.save()
    index = PublicationIndexPage.objects.child_of(homes["en"]).get()
    publication = PublicationPage(
        title=TITLE, slug="water-and-mining", date=timezone.localdate(), summary_text="<p>A report.</p>"
    )
    index.add_child(instance=publication)
    publication.save_revision().publish()
    news = NewsIndexPage.objects.child_of(homes["en"]).get()
    for days, title in [(2, "Congress debates the mining law"), (1, "Floods in Piura")]:
        item = NewsItemPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            date=timezone.localdate() - datetime.timedelta(days=days),
            lede=f"What happened: {title.lower()}.",
        )
        news.add_child(instance=item)
        item.save_revision().publish()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.net", language="en", status=SubscriberStatus.SUBSCRIBED)
        for n in range(readers)
    )
    bulletin = services.create_next_bulletin("en")
    return {"publication": publication.pk, "path": publication.url, "bulletin": bulletin.pk}


def drawn_png():
    picture = Image.new("RGB", (640, 400), "#f4efe6")
    ImageDraw.Draw(picture).rectangle((80, 80, 560, 320), fill="#1d5c63")
    data = io.BytesIO()
    picture.save(data, "PNG")
    return ImageFile(data, name="river.png")


def publish(publication_id, new_title):
    """Upload a cover image and publish the publication under a new title."""
    image = CustomImage.objects.create(title="The river at dawn", file=drawn_png())
    publication = PublicationPage.objects.get(pk=publication_id).specific
    publication.title = new_title
    publication.cover_image = image
    publication.save_revision().publish()
    return {"image": image.pk, "file": image.file.name}


def send(bulletin_id):
    """Send now, and queue the sending task a second time, as a second click or cron would: two
    workers then share the send."""
    services.send_now(Bulletin.objects.get(pk=bulletin_id))
    enqueue_send(bulletin_id)
    return {"sending": bulletin_id}


ACTIONS = {
    "set_up": lambda readers: set_up(int(readers)),
    "publish": lambda pk, title: publish(int(pk), title),
}
ACTIONS["send"] = lambda pk: send(int(pk))
ACTIONS["resend_uncertain"] = lambda pk: services.resend_to_uncertain(Bulletin.objects.get(pk=int(pk))) or {}
ACTIONS["send_once"] = lambda pk: services.send_now(Bulletin.objects.get(pk=int(pk))) or {"sending": int(pk)}

if __name__ == "__main__":
    sys.stdout.write(json.dumps(ACTIONS[sys.argv[1]](*sys.argv[2:])) + "\n")
