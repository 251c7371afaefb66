"""Every public and members' address, in both languages, carries the strict Content Security Policy,
and every inline script and style on its page the request's nonce; the other browser security
headers come with it. The Wagtail admin gets its own, looser policy, which carries no nonce.

The addresses come from walking the URL configuration: a new pattern fails the walk until it is
given a concrete address below, so no page can be added without its headers being checked.
"""

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.models import Page

from chasqui.core import views as core_views
from chasqui.membership.account import signin
from chasqui.membership.join.views import join_done_token
from chasqui.membership.lifecycle.renewal_links import renewal_token
from chasqui.membership.models import Member, Payment
from chasqui.news.models import NewsItemPage, Region, Topic
from chasqui.newsletter.choices import BulletinStatus
from chasqui.newsletter.models import Bulletin
from chasqui.newsletter.preview import preview_token
from chasqui.subscribers import links
from chasqui.subscribers.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=False)

LANGUAGES = ("en", "es")
NONCE = re.compile(r"'nonce-([^']+)'")
PERMISSIONS_REFUSED = ("camera=()", "microphone=()", "geolocation=()", "payment=()")
STRICT_DIRECTIVES = (
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' https://checkout.stripe.com",
    "frame-ancestors 'none'",
)
# Wagtail serves documents with a policy stricter still.
NOTHING_ALLOWED = "default-src 'none'"


class SiteData:
    """The demo site, and what patterns with arguments are filled in from."""

    def __init__(self):
        call_command("load_demo", stdout=StringIO())
        self.member = Member.objects.filter(payments__isnull=False).first()
        self.payment = Payment.objects.filter(member=self.member).first()
        self.bulletin = Bulletin.objects.filter(status=BulletinStatus.SENT).order_by("-number").first()
        self.draft_bulletin = Bulletin.objects.exclude(status=BulletinStatus.SENT).first() or self.bulletin
        self.subscriber, _ = Subscriber.objects.get_or_create(email="reader@example.net")
        self.document = get_document_model().objects.first()
        self.topic = Topic.objects.filter(news_items__isnull=False).first() or Topic.objects.first()
        self.region = Region.objects.filter(news_items__isnull=False).first() or Region.objects.first()
        self.news_item = NewsItemPage.objects.live().filter(locale__language_code="en").first()
        self.sign_in_token = signin.issue_link_token(signin.issue_code(self.member)[0])


# Arguments for each named pattern that takes any ("namespace:name" → data → args).
PATTERN_ARGUMENTS = {
    "wagtaildocs_serve": lambda data: [data.document.pk, data.document.filename],
    "wagtaildocs_authenticate_with_password": lambda data: [1],
    "wagtailcore_authenticate_with_password": lambda data: [1, data.news_item.pk],
    "mail_provider_tracking": lambda data: ["postmark"],
    "subscribers:confirm": lambda data: [links.confirm_token(data.subscriber)],
    "subscribers:unsubscribe": lambda data: [links.unsubscribe_token(data.subscriber)],
    "subscribers:one_click_unsubscribe": lambda data: [links.unsubscribe_token(data.subscriber)],
    "newsletter:detail": lambda data: [data.bulletin.number],
    "newsletter:preview": lambda data: [preview_token(data.draft_bulletin)],
    "membership:join_done": lambda data: [join_done_token(data.member)],
    "membership:renew": lambda data: [renewal_token(data.member)],
    "membership:sign_in_link": lambda data: [data.sign_in_token],
    "membership:receipt": lambda data: [data.payment.pk],
}
# Wagtail serves every page through one pattern: its addresses come from the page tree instead.
PAGE_PATTERN = "wagtail_serve"
# Routable pages' own routes (the news archive's filters and feeds), by route name.
ROUTE_ARGUMENTS = {
    "topic": lambda data: {"slug": data.topic.slug},
    "region": lambda data: {"slug": data.region.slug},
    "year": lambda data: {"year": data.news_item.date.year},
    "month": lambda data: {"year": data.news_item.date.year, "month": data.news_item.date.month},
    "feed": lambda data: {"kind": "rss"},
    "topic_feed": lambda data: {"slug": data.topic.slug, "kind": "atom"},
    "region_feed": lambda data: {"slug": data.region.slug, "kind": "rss"},
    "export": lambda data: {"kind": "csv"},
    # The observatory's records by key and its archived copies: an unknown one answers 404.
    "api_incident": lambda data: {"key": "unknown"},
    "api_actor": lambda data: {"key": "unknown"},
    "api_case": lambda data: {"key": "unknown"},
    "api_unknown": lambda data: {"rest": "unknown/"},
    "archived_copy": lambda data: {"source_id": 999999},
}


def named_patterns(patterns=None, namespace=None):
    """(qualified name, pattern) for every named pattern outside the admin, depth first."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def takes_arguments(pattern):
    return bool(pattern.pattern.regex.groups)


def pattern_addresses(data):
    """One address per pattern in each language, and the patterns nobody has given one yet."""
    addresses, missing = set(), []
    for name, pattern in named_patterns():
        if name == PAGE_PATTERN:
            continue
        if takes_arguments(pattern) and name not in PATTERN_ARGUMENTS:
            missing.append(name)
            continue
        args = PATTERN_ARGUMENTS[name](data) if takes_arguments(pattern) else []
        for language in LANGUAGES:
            with translation.override(language):
                addresses.add(reverse(name, args=args))
    return addresses, missing


def page_addresses(data):
    """One live page of each type in each language, each routable page's routes, and a missing page."""
    addresses, missing = {"/no-such-page/", "/es/no-such-page/"}, []
    seen_types = set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        key = (type(page), page.locale_id)
        if key in seen_types:
            continue
        seen_types.add(key)
        addresses.add(page.url)
        if isinstance(page, RoutablePageMixin):
            for route in page.get_subpage_urls():
                if route.name not in ROUTE_ARGUMENTS and route.pattern.regex.groups:
                    missing.append(f"{type(page).__name__}:{route.name}")
                    continue
                kwargs = ROUTE_ARGUMENTS[route.name](data) if route.pattern.regex.groups else {}
                addresses.add(page.url + page.reverse_subpage(route.name, kwargs=kwargs))
    return addresses, missing


def policy_problems(address, response):
    """What is wrong with one response's headers and, for a page, with its inline elements."""
    problems = []
    policy = response.headers.get("Content-Security-Policy", "")
    if policy == NOTHING_ALLOWED:
        return []
    for directive in STRICT_DIRECTIVES:
        if directive not in policy:
            problems.append(f"{address}: no {directive!r} in {policy!r}")
    if "unsafe-inline" in policy or "unsafe-eval" in policy:
        problems.append(f"{address}: unsafe source in {policy!r}")
    if response.headers.get("Cross-Origin-Opener-Policy") != "same-origin":
        problems.append(
            f"{address}: Cross-Origin-Opener-Policy {response.headers.get('Cross-Origin-Opener-Policy')}"
        )
    if response.headers.get("Referrer-Policy") != "strict-origin-when-cross-origin":
        problems.append(f"{address}: Referrer-Policy {response.headers.get('Referrer-Policy')}")
    for feature in PERMISSIONS_REFUSED:
        if feature not in response.headers.get("Permissions-Policy", ""):
            problems.append(f"{address}: Permissions-Policy does not refuse {feature}")
    if response.headers.get("Content-Type", "").startswith("text/html"):
        problems.extend(inline_element_problems(address, policy, response.content))
    return problems


def inline_element_problems(address, policy, content):
    """Inline scripts and styles without the header's nonce, and attributes no nonce can allow."""
    nonces = NONCE.findall(policy)
    nonce = nonces[0] if nonces else None
    allowed = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    if f"script-src {allowed};" not in policy or f"style-src {allowed};" not in policy:
        return [f"{address}: scripts and styles not limited to {allowed}: {policy!r}"]
    soup = BeautifulSoup(content, "html.parser")
    problems = []
    for element in soup.find_all(["script", "style"]):
        if element.name == "script" and element.get("src"):
            continue
        if nonce is None or element.get("nonce") != nonce:
            problems.append(f"{address}: <{element.name}> without the nonce: {str(element)[:120]}")
    for element in soup.find_all(style=True):
        problems.append(f"{address}: inline style attribute on <{element.name}>")
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.startswith("on")]
        if handlers:
            problems.append(f"{address}: event handler attributes {handlers} on <{element.name}>")
        if str(element.get("href", "")).strip().lower().startswith("javascript:"):
            problems.append(f"{address}: javascript: link")
    return problems


@pytest.fixture
def site_data(db):
    return SiteData()


def test_every_public_and_members_address_carries_the_strict_policy(client, site_data):
    by_pattern, missing_patterns = pattern_addresses(site_data)
    pages, missing_routes = page_addresses(site_data)
    assert not missing_patterns, f"give these patterns an address in PATTERN_ARGUMENTS: {missing_patterns}"
    assert not missing_routes, f"give these routes arguments in ROUTE_ARGUMENTS: {missing_routes}"
    session = client.session
    session.update(signin.session_values(site_data.member))
    session.save()

    problems, pages_with_nonce = [], 0
    for address in sorted(by_pattern | pages):
        response = client.get(address)
        pages_with_nonce += bool(NONCE.search(response.headers.get("Content-Security-Policy", "")))
        problems.extend(policy_problems(address, response))
    assert not problems, "\n".join(problems)
    assert len(by_pattern | pages) > 60
    # Every page of the site's layout has the theme's inline style, so most carry a nonce.
    assert pages_with_nonce > 40


def test_each_response_gets_a_nonce_of_its_own(client, site_data, settings):
    # A page served from the page cache keeps the nonce it was stored with (docs/caching.md).
    settings.CHASQUI_PAGE_CACHE = False
    first, second = (client.get("/").headers["Content-Security-Policy"] for _ in range(2))
    assert NONCE.findall(first) != NONCE.findall(second)


def test_the_error_page_styles_itself_with_the_nonce(db):
    response = ContentSecurityPolicyMiddleware(core_views.server_error)(RequestFactory().get("/"))
    assert response.status_code == 500
    (nonce,) = set(NONCE.findall(response.headers["Content-Security-Policy"]))
    assert BeautifulSoup(response.content, "html.parser").style["nonce"] == nonce


def test_the_admin_has_its_own_policy(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    # A nonce in the policy would make browsers ignore 'unsafe-inline' and break the admin.
    assert "nonce-" not in policy
    assert "camera=()" in response.headers["Permissions-Policy"]
    # WSGI servers refuse a header name that is not exactly a str (a StrEnum member, say).
    assert all(type(name) is str for name, _value in response.items())
