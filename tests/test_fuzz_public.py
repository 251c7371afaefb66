"""Bad input never makes a server error: generated text in every public URL, query string and form.

Hypothesis sends unicode, very long strings, NUL bytes, SQL- and HTML-like strings and huge or
negative numbers as path segments, query values and POST fields, to a site with the standard page
tree, a news item with a topic and a region, a publication, a plan and a sent bulletin. Any answer
is fine but a 5xx, and the test client re-raises whatever a view raised. Derandomized, so CI
repeats the same examples.
"""

import datetime
import urllib.parse

import pytest
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from wagtail.models import Site

from chasqui.contact.forms import ContactForm
from chasqui.core.models import SiteSettings
from chasqui.membership.account.forms import CodeForm, SignInForm
from chasqui.membership.join.forms import JoinForm
from chasqui.membership.tests.factories import make_plan
from chasqui.news.models import NewsIndexPage, NewsItemPage, Region, Topic
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin
from chasqui.publications.tests.factories import add_publication, publications_index_of
from chasqui.search.forms import SearchForm
from chasqui.subscribers.forms import SubscribeForm

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% debug %}",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "..%2f..%2f",
    "%",
    "%zz",
    "\ud7ff\ue000\U0010ffff",
    "\u202e\u200b\ufeff",
    "ñandú Señor Cusco ☃ 🦙",
    "NaN",
    "inf",
    "-1",
    "0",
    "-0",
    "1e309",
    "99999999999999999999999999999999999",
    "-99999999999999999999999999999999999",
    "9223372036854775808",
    "2147483648",
    "a@b",
    "x" * 10_000,
    "é" * 3_000,
    "\r\nSet-Cookie: a=b",
    "javascript:alert(1)",
    "//evil.example/",
    "*",
    "\\",
]

# Text a surrogate would break: UTF-8 can't carry it, so neither can a request.
plain_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
numbers = st.integers(min_value=-(10**40), max_value=10**40).map(str)
long_text = st.tuples(plain_text, st.integers(min_value=50, max_value=400)).map(
    lambda pair: pair[0] * pair[1]
)
fuzz_text = st.one_of(st.sampled_from(NASTY), plain_text, numbers, long_text)


def with_valid(*values):
    """Sometimes a value that passes validation, so the fuzz reaches the code behind the form."""
    return st.one_of(st.sampled_from(values), fuzz_text)


def quoted(segment):
    return urllib.parse.quote(segment, safe="") or "x"


@pytest.fixture
def site(site_tree):
    """The standard tree plus one of everything a public page lists."""
    settings_obj = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.email = "office@example.org"
    settings_obj.save()
    topic = Topic.objects.create(name="Mining", name_es="Minería", slug="mining")
    region = Region.objects.get(slug="cusco")
    item = NewsItemPage(
        title="Water and the mine", slug="water", date=datetime.date(2025, 3, 1), lede="Lede."
    )
    item.topics = [topic]
    item.regions = [region]
    NewsIndexPage.objects.child_of(site_tree["en"]).get().add_child(instance=item)
    item.save_revision().publish()
    publication = add_publication(publications_index_of(site_tree["en"]), "Dialogue report")
    publication.save_revision().publish()
    plan = make_plan(slug="individual", name="Individual")
    Bulletin.objects.create(
        number=1,
        language="en",
        status=BulletinStatus.SENT,
        sent_at=timezone.now() - timezone.timedelta(days=3),
    )
    return {"item": item, "topic": topic, "region": region, "publication": publication, "plan": plan}


def assert_no_server_error(response, what):
    event(f"status {response.status_code}")  # the spread of answers: pytest --hypothesis-show-statistics
    assert response.status_code < 500, f"{what} answered {response.status_code}"


# Every public URL: the project's URL patterns, and the routes of Wagtail's pages.


def route_templates(patterns=None, prefix=""):
    """Each `path()` route of chasqui/urls.py with its converters, outside the editors' admin."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
        if route.startswith(("admin/", "^")) or "(?P" in route:
            continue
        if isinstance(entry, URLResolver):
            yield from route_templates(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route


PAGE_ROUTES = [
    "/",
    "/<seg>/",
    "/<seg>/<seg>/",
    "/news/",
    "/news/<seg>/",
    "/news/water/",
    "/news/water/<seg>/",
    "/news/topic/<seg>/",
    "/news/topic/mining/",
    "/news/region/<seg>/",
    "/news/region/cusco/",
    "/news/archive/<int>/",
    "/news/archive/<int>/<int>/",
    "/news/archive/2025/<int>/",
    "/news/feed/<seg>/",
    "/news/feed/rss/",
    "/news/feed/atom/",
    "/news/topic/<seg>/feed/<seg>/",
    "/news/topic/mining/feed/<seg>/",
    "/news/region/cusco/feed/<seg>/",
    "/publications/",
    "/publications/<seg>/",
    "/publications/dialogue-report/",
    "/documents/<int>/<seg>/",
    "/es/",
    "/es/<seg>/",
    "/es/noticias/<seg>/",
]


def url_templates():
    return sorted({*route_templates(), *PAGE_ROUTES})


def fill(template, draw):
    """Put generated values in every converter of a route: <int:...> gets numbers, the rest text."""
    parts = []
    for piece in template.split("<"):
        name, closing, rest = piece.partition(">")
        if not closing:
            parts.append(piece)
            continue
        value = draw(st.one_of(numbers, fuzz_text)) if name.startswith("int") else draw(fuzz_text)
        parts.append(quoted(value) + rest)
    return "".join(parts)


@st.composite
def public_urls(draw):
    url = fill(draw(st.sampled_from(url_templates())), draw)
    query = draw(st.dictionaries(st.sampled_from(["page", "q", "type", "year", "month", "lang"]), fuzz_text))
    return url + ("?" + urllib.parse.urlencode(query) if query else "")


def test_the_url_list_covers_the_public_routes():
    templates = url_templates()

    for expected in ("/search/", "/healthz", "/sitemap.xml", "/robots.txt", "/membership/stripe/webhook/"):
        assert expected in templates
    assert "/anymail/<slug:provider>/tracking/" in templates
    assert "/bulletins/<int:number>/" in templates
    assert not [template for template in templates if template.startswith("/admin")]


@FUZZ
@given(url=public_urls())
def test_any_public_url_answers_without_a_server_error(client, site, url):
    assert_no_server_error(client.get(url), f"GET {url}")


@FUZZ
@given(url=public_urls(), body=st.dictionaries(fuzz_text, fuzz_text, max_size=4))
def test_posting_junk_to_any_public_url_answers_without_a_server_error(client, site, url, body):
    assert_no_server_error(client.post(url, body), f"POST {url}")


# Every public form, each field fuzzed, some left out and some valid.


def form_data(form_class, valid):
    names = [*form_class.base_fields, "website"]
    values = {name: with_valid(*valid.get(name, ["x"])) for name in names}
    return st.fixed_dictionaries({}, optional=values)


VALID = {
    "email": ["reader@example.org", "READER@EXAMPLE.ORG"],
    "language": ["en", "es"],
    "source": ["/news/water/"],
    "website": [""],
    "plan": ["1", "individual"],
    "payment_method": ["standing_order", "card", "cheque"],
    "country": ["GB", "PE"],
    "postcode": ["N1 0AA"],
    "first_name": ["Ana"],
    "last_name": ["Quispe"],
    "address_line_1": ["12 Example Street"],
    "town": ["London"],
    "gift_aid": ["on"],
    "bulletin_consent": ["on"],
    "code": ["123456", "000000"],
    "type": ["", "news", "publication", "page"],
    "page": ["1", "2"],
}

FORMS = [
    ("/subscribe/", SubscribeForm),
    ("/es/subscribe/", SubscribeForm),
    ("/members/join/", JoinForm),
    ("/members/sign-in/", SignInForm),
    ("/members/sign-in/code/", CodeForm),
    ("/write-to-us/", ContactForm),
]


@st.composite
def form_posts(draw):
    url, form_class = draw(st.sampled_from(FORMS))
    return url, draw(form_data(form_class, VALID))


@FUZZ
@given(post=form_posts())
def test_any_public_form_answers_without_a_server_error(client, site, post):
    url, data = post

    assert_no_server_error(client.post(url, data), f"POST {url} {data!r:.300}")


@FUZZ
@given(query=form_data(SearchForm, VALID), language=st.sampled_from(["", "/es"]))
def test_any_search_answers_without_a_server_error(client, site, query, language):
    url = f"{language}/search/?{urllib.parse.urlencode(query)}"

    assert_no_server_error(client.get(url), f"GET {url:.300}")


# The webhooks take bodies from outside: junk of any content type.


@FUZZ
@given(
    url=st.sampled_from(
        ["/membership/stripe/webhook/", "/anymail/postmark/tracking/", "/anymail/mailgun/tracking/"]
    ),
    body=st.one_of(
        st.binary(max_size=2000), fuzz_text.map(str.encode), st.just(b'{"type": "x", "data": {}}')
    ),
    content_type=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded"]),
    signature=st.one_of(st.none(), fuzz_text),
)
def test_junk_posted_to_the_webhooks_answers_without_a_server_error(
    client, site, url, body, content_type, signature
):
    headers = {} if signature is None else {"Stripe-Signature": signature.replace("\x00", "")[:2000]}

    response = client.post(url, body, content_type=content_type, headers=headers)

    assert_no_server_error(response, f"POST {url} {body[:200]!r}")
