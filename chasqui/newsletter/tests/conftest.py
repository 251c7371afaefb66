import asyncio
import datetime
import threading

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from chasqui.core.models import SiteSettings
from chasqui.core.testing import smtp
from chasqui.core.testing.smtp import SMTPServer, _Handler
from chasqui.news.models import NewsIndexPage, NewsItemPage
from chasqui.newsletter.services import create_next_bulletin
from chasqui.subscribers.choices import SubscriberStatus
from chasqui.subscribers.models import Subscriber

# The loopback SMTP server, for every test here.
smtp_server = smtp.smtp_server


class _OutageHandler(_Handler):
    async def handle_DATA(self, server, session, envelope):
        if self.server.should_go_down():
            # Stop the whole server from another thread, as if it crashed mid-conversation:
            # this message is never acknowledged and the connection drops.
            threading.Thread(target=self.server.stop, daemon=True).start()
            await asyncio.sleep(60)
        return await super().handle_DATA(server, session, envelope)


class OutageSMTPServer(SMTPServer):
    """The loopback server, able to die after a given number of messages and start again on its port."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.down_after = None
        self.stopped = threading.Event()

    def go_down_after(self, count):
        self.down_after = count

    def should_go_down(self):
        with self._lock:
            if self.down_after is not None and len(self.messages) >= self.down_after:
                self.down_after = None
                return True
        return False

    def start(self):
        self.stopped.clear()
        self._controller = Controller(_OutageHandler(self), hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self):
        super().stop()
        self.stopped.set()


@pytest.fixture
def outage_smtp_server(settings):
    server = OutageSMTPServer().start()
    settings.MAILERS = {**settings.MAILERS, "default": server.mailer_settings()}
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def site_settings(site_tree):
    site = Site.objects.get(is_default_site=True)
    settings_obj = SiteSettings.for_site(site)
    settings_obj.organisation_name = "Peru Watch Trust"
    settings_obj.postal_address = "12 Example Street\nLondon\nN1 0AA"
    settings_obj.email = "office@example.org"
    settings_obj.save()
    return settings_obj


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["en"]).get()


@pytest.fixture
def spanish_news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["es"]).get()


def days_ago(days):
    """A news date relative to today: the next bulletin gathers only the latest news."""
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def add_item():
    """Publish a news item as an editor would."""

    def add(index, title, date=None, lede=""):
        item = NewsItemPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            date=datetime.date.fromisoformat(date) if date else timezone.localdate(),
            lede=lede or f"What happened: {title.lower()}.",
        )
        index.add_child(instance=item)
        item.save_revision().publish()
        return NewsItemPage.objects.get(pk=item.pk)

    return add


@pytest.fixture
def make_subscribers(db):
    def make(count, language="en", status=SubscriberStatus.SUBSCRIBED, prefix="reader"):
        return [
            Subscriber.objects.create(
                email=f"{prefix}{n}@example.net", name=f"Reader {n}", language=language, status=status
            )
            for n in range(count)
        ]

    return make


@pytest.fixture
def bulletin_with_items(site_settings, news_index, add_item):
    add_item(news_index, "Congress debates mining law", days_ago(2))
    add_item(news_index, "Floods in Piura", days_ago(1))
    bulletin = create_next_bulletin("en")
    bulletin.introduction = "<p>This week in <b>Peru</b>.</p>"
    bulletin.sign_off = "<p>Until next week.</p>"
    bulletin.save()
    return bulletin


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        username="editor",
        email="editor@example.org",
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
