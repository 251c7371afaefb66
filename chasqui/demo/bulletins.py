"""Demo bulletins: the two most recent weeks of demo news, marked as sent without sending anything."""

import datetime
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from chasqui.news.models import NewsItemPage
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin, BulletinItem

DEMO_INTRODUCTIONS = [
    "<p>A busy week in Congress and in the regions. Here is what we followed.</p>",
    "<p>Our round-up of the week's news, with thanks to our partners in Peru for their reports.</p>",
]
DEMO_SIGN_OFF = "<p>Thank you for reading. Write to us with news from your region.</p>"


@transaction.atomic
def create_demo_bulletins(language="en", count=2, items_per_bulletin=5):
    """Idempotent: does nothing if the language already has bulletins. Returns the bulletins created."""
    if Bulletin.objects.filter(language=language).exists():
        return []
    news = list(
        NewsItemPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("-date", "-pk")[: count * items_per_bulletin]
    )
    if not news:
        return []
    highest = max((item.bulletin_number or 0) for item in news)
    created = []
    for position in range(count):
        chunk = news[position * items_per_bulletin : (position + 1) * items_per_bulletin]
        if not chunk:
            break
        # Sent a couple of days after its latest item, as the weekly bulletin would have been.
        sent_at = timezone.make_aware(
            datetime.datetime.combine(max(item.date for item in chunk) + timedelta(days=2), datetime.time(9))
        )
        bulletin = Bulletin.objects.create(
            number=highest + count - position,
            language=language,
            introduction=DEMO_INTRODUCTIONS[position % len(DEMO_INTRODUCTIONS)],
            sign_off=DEMO_SIGN_OFF,
            status=BulletinStatus.SENT,
            send_started_at=sent_at,
            sent_at=sent_at,
            recipients_listed_at=sent_at,
        )
        BulletinItem.objects.bulk_create(
            BulletinItem(bulletin=bulletin, news_item=item, sort_order=order)
            for order, item in enumerate(sorted(chunk, key=lambda page: (page.date, page.pk)))
        )
        created.append(bulletin)
    return created
