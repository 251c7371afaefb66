"""The bulletin feeds: permanent tag: ids and absolute links on the configured public address,
author and updated on every entry, and nothing an editor types reaching a reader as live HTML.

The feeds are parsed as XML, then every text in them is read again as HTML, as a feed reader might.
"""

from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin

pytestmark = [
    pytest.mark.django_db,
    # Short texts such as a link are read as HTML too, on purpose.
    pytest.mark.filterwarnings("ignore::bs4.MarkupResemblesLocatorWarning"),
]

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def sent(number, **fields):
    return Bulletin.objects.create(
        number=number,
        status=BulletinStatus.SENT,
        sent_at=timezone.now() - timezone.timedelta(days=100 - number),
        created_at=timezone.datetime(2026, 11, number, 9, tzinfo=timezone.get_current_timezone()),
        **fields,
    )


@pytest.fixture
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://news.perusupport.org.uk"


def fetch(client, path, host="evil.example.net"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    parser = ElementTree.XMLPullParser(events=["start"])
    parser.feed(response.content)
    parser.close()
    _event, root = next(parser.read_events())
    return root


def test_rss_items_have_permanent_guids_and_links_on_the_public_address(
    client, site_settings, public_address
):
    sent(10)
    sent(11)

    channel = fetch(client, "/bulletins/feed/").find("channel")
    for address in channel.itertext():
        assert "evil.example.net" not in address
    assert channel.findtext("link") == "https://news.perusupport.org.uk/bulletins/"
    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [
        "https://news.perusupport.org.uk/bulletins/11/",
        "https://news.perusupport.org.uk/bulletins/10/",
    ]
    guids = [item.find("guid") for item in items]
    assert [guid.text for guid in guids] == [
        "tag:news.perusupport.org.uk,2026-11-11:bulletins/en/11",
        "tag:news.perusupport.org.uk,2026-11-10:bulletins/en/10",
    ]
    assert {guid.get("isPermaLink") for guid in guids} == {"false"}
    # The same ids whichever address the feed is fetched from.
    again = fetch(client, "/bulletins/feed/", host="127.0.0.1").find("channel")
    assert [item.findtext("guid") for item in again.findall("item")] == [guid.text for guid in guids]


def test_atom_entries_have_ids_authors_and_updated(client, site_settings, public_address):
    sent(10)

    feed = fetch(client, "/bulletins/feed/atom/")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == "tag:news.perusupport.org.uk,2026-11-10:bulletins/en/10"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Peru Watch Trust"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.find(f"{ATOM}link").get("href") == "https://news.perusupport.org.uk/bulletins/10/"
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "https://news.perusupport.org.uk/bulletins/feed/atom/"


def live_html(fragment):
    """Elements or attributes a feed reader would run if it rendered `fragment` as HTML."""
    if not fragment:
        return []
    elements = BeautifulSoup(fragment, "html.parser").find_all(True)
    found = [element.name for element in elements if element.name in {"script", "img", "iframe", "style"}]
    found += [name for element in elements for name in element.attrs if name.startswith("on")]
    return found


@pytest.mark.parametrize("path", ["/bulletins/feed/", "/bulletins/feed/atom/"])
def test_hostile_text_never_reaches_a_reader_as_html(client, site_settings, public_address, path):
    site_settings.organisation_name = f"Trust {HOSTILE}"
    site_settings.save()
    sent(12, subject=f"Update 12 {HOSTILE}", introduction=f'<p>Hello {HOSTILE}</p><p onclick="x()">Bye</p>')

    feed = fetch(client, path)

    texts = [text for element in feed.iter() if element.text for text in [element.text]]
    assert any("Hello" in text for text in texts)
    for text in texts:
        # Each field as a reader that treats it as HTML would see it.
        assert live_html(text) == [], text
        assert "alert" not in text or "<" not in text
