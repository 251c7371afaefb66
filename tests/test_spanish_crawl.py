"""Every public and members' page under /es/ reads in Spanish: no English interface string is left.

The demo site is crawled from /es/ (following every /es/ link), together with the pages a link
does not reach (forms, search, a missing page, the feeds) and the members' area of a Spanish
member. Each page's text, and the attributes a reader or a screen reader meets (alt, title,
aria-label, placeholder, the meta description), is searched for the English msgids of the
catalogues that have Spanish: any one found verbatim is English that escaped translation.
Elements marked lang="en" (the switcher's "English", HMRC's Gift Aid wording) are English on
purpose and are left out.
"""

import re
from collections import deque
from io import StringIO
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from chasqui.membership.account import signin
from chasqui.membership.models import Member, Plan
from chasqui.membership.tests.factories import make_member, make_payment

# Feeds are read with the HTML parser too: their text is what matters here.
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")]

PROJECT_DIR = Path(__file__).resolve().parents[1] / "chasqui"
CATALOGUES = [
    PROJECT_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po",
    PROJECT_DIR / "news" / "locale" / "es" / "LC_MESSAGES" / "django.po",
]
# Placeholders, markup and line breaks split a msgid into the phrases a page shows verbatim.
FRAGMENT_BREAKS = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w*\}|<[^>]+>|\n")
READER_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
MAX_PAGES = 120
# Links that act (sign out) or download a file rather than show a page.
SKIPPED_PATHS = re.compile(r"/(sign-out|sign-in/link|documents|media|static)/|/my-data/$")
NOT_LINKED = [
    "/es/members/join/",
    "/es/members/sign-in/",
    "/es/subscribe/",
    "/es/write-to-us/",
    "/es/bulletins/",
    "/es/search/?q=miner%C3%ADa",
    "/es/search/?q=zzzz",
    "/es/no-existe/",
    "/es/noticias/feed/rss/",
    "/es/noticias/feed/atom/",
]
MEMBERS_AREA = [
    "/es/members/",
    "/es/members/plan/",
    "/es/members/payment-method/",
    "/es/members/address/",
    "/es/members/consents/",
    "/es/members/gift-aid/",
    "/es/members/my-data/summary/",
    "/es/members/email/",
    "/es/members/cancel/",
    "/es/members/erase/",
]


def _distinctive(fragment, spanish_text):
    """Long enough to be a phrase of the interface, and not also Spanish (a name, "Plan", "Total")."""
    words = re.findall(r"[A-Za-z']+", fragment)
    if not words or len(fragment) < 4:
        return False
    if len(words) == 1 and (len(fragment) < 6 or not fragment[0].isupper()):
        return False
    return fragment not in spanish_text


def english_phrases():
    """The phrases of every translated msgid whose Spanish differs from them. Language names are
    written in their own language everywhere ("English" in the switcher and the bulletin form)."""
    entries = [entry for path in CATALOGUES for entry in polib.pofile(str(path)) if not entry.obsolete]
    spanish_text = "\n".join(
        text for entry in entries for text in ([entry.msgstr, *entry.msgstr_plural.values()])
    )
    phrases = set()
    language_names = {name for _code, name in settings.LANGUAGES}
    for entry in entries:
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            for fragment in FRAGMENT_BREAKS.split(msgid):
                fragment = " ".join(fragment.split()).strip(" .,:;·–-()\"'")
                if _distinctive(fragment, spanish_text) and fragment not in language_names:
                    phrases.add(fragment)
    return phrases


@pytest.fixture(scope="module")
def english_pattern():
    phrases = sorted(english_phrases(), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, phrases)) + r")(?![\w'])")


def reader_text(content):
    """What a Spanish reader meets on the page (or feed), without the parts marked as English."""
    soup = BeautifulSoup(content, "html.parser")
    for element in soup.select("script, style, template, [lang]:not([lang^='es'])"):
        element.decompose()
    texts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        texts.extend(element.get(name, "") for name in READER_ATTRIBUTES)
    texts.extend(meta.get("content", "") for meta in soup.select('meta[name="description"]'))
    return " ".join(" ".join(texts).split())


def spanish_links(content, prefix):
    soup = BeautifulSoup(content, "html.parser")
    for anchor in soup.select("a[href]"):
        href = urldefrag(anchor["href"])[0]
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith(prefix) or parts.query:
            continue
        if not SKIPPED_PATHS.search(parts.path):
            yield parts.path


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module inside a transaction rolled back at its end."""
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("crawl") / "media"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def crawl(client, start, extra):
    """{path: content} of every page below `start` reachable from it, plus `extra`."""
    seen, pages = set(), {}
    queue = deque([start, *extra])
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        content = response.content.decode()
        is_html = "html" in response.get("Content-Type", "")
        pages[path] = content
        if is_html:
            queue.extend(spanish_links(content, start))
    return pages


def english_on(pages, pattern):
    found = {}
    for path, content in pages.items():
        hits = sorted(set(pattern.findall(reader_text(content))))
        if hits:
            found[path] = hits
    return found


def test_public_spanish_pages_show_no_english_interface_text(demo_site, client, english_pattern):
    pages = crawl(client, "/es/", NOT_LINKED)

    assert len(pages) > 30  # the crawl reached the site, not just the home page
    assert english_on(pages, english_pattern) == {}


def test_members_area_in_spanish_shows_no_english_interface_text(demo_site, client, english_pattern):
    member = make_member(
        active=True,
        language="es",
        first_name="Rosa",
        email="rosa.es@example.org",
        plan=Plan.objects.get(slug="individual"),
        address_line_1="12 Acacia Avenue",
        town="London",
        postcode="N1 9GU",
        country="GB",
    )
    payment = make_payment(member=member, idempotency_key="crawl")
    session = client.session
    session.update(signin.session_values(member))
    session.save()

    pages = crawl(client, "/es/members/", [*MEMBERS_AREA, f"/es/members/receipts/{payment.pk}/"])

    assert "/es/members/gift-aid/" in pages
    assert english_on(pages, english_pattern) == {}
    assert Member.objects.filter(pk=member.pk).exists()


def test_the_check_finds_english_left_in_a_spanish_page(english_pattern):
    page = (
        '<html lang="es"><body><p>Saltar</p><button>Become a member</button>'
        '<a lang="en">English</a><p lang="en">Search</p></body></html>'
    )

    assert english_pattern.findall(reader_text(page)) == ["Become a member"]
