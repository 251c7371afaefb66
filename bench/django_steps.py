"""Django-side steps of bench/pages: run with the benchmark's environment, print JSON on stdout.

Kept apart from the orchestrator so every step sees exactly the settings and database the
served site uses.
"""

import argparse
import cProfile
import io
import json
import math
import os
import pstats
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chasqui.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch  # noqa: E402
from django.utils import timezone  # noqa: E402

from chasqui.news.models import NewsIndexPage, NewsItemPage, Topic  # noqa: E402
from chasqui.observatory.listing import PER_PAGE as INCIDENTS_PER_PAGE  # noqa: E402
from chasqui.observatory.listing import format_cursor  # noqa: E402
from chasqui.observatory.models import IncidentIndexPage, IncidentPage  # noqa: E402
from chasqui.pages.structure import ensure_site_structure  # noqa: E402
from chasqui.search.models import SearchEntry  # noqa: E402

HOST = "127.0.0.1"
DEEP_PAGE = 400
STOPWORD_TEXT = """
    about after also among been before being between both could does down during each even from have
    here into just last like made many more most much must need only other over said same says
    should since some such than that their them then there these they this those through under until
    very were what when where which while will with within without would year years para como pero
    este esta están sobre entre desde hasta donde cuando tiene han sido también
"""
STOPWORDS = set(STOPWORD_TEXT.split())
WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
TAG = re.compile(r"<[^>]*>")


def emit(data):
    json.dump(data, sys.stdout)
    sys.stdout.write("\n")


def news_index():
    index = NewsIndexPage.objects.live().filter(locale__language_code="en").first()
    if index is None:
        raise SystemExit("No live English news index page: did the site structure get created?")
    return index


def ensure_structure(_args):
    homes = ensure_site_structure()
    emit({"home": homes["en"].pk})


def fallback_generate(args):
    """Bare news items for developing the benchmark before the real generator exists."""
    index = news_index()
    topics = [
        Topic.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title()})[0]
        for slug in ("mining", "congress", "human-rights")
    ]
    start = NewsItemPage.objects.count()
    today = timezone.localdate()
    for n in range(start, start + args.count):
        item = NewsItemPage(
            title=f"News item {n}: community report on mining and rights",
            slug=f"news-item-{n}",
            date=today - timezone.timedelta(days=n % 3650),
            lede="A community in the highlands reports on mining concessions and water rights.",
        )
        index.add_child(instance=item)
        item.topics.set([topics[n % len(topics)]])
        item.save_revision().publish()
    emit({"created": args.count})


def block_text(value):
    """The words of a StreamField's raw data: its string values without markup, block types or ids."""
    if isinstance(value, str):
        return TAG.sub(" ", value)
    if isinstance(value, dict):
        return " ".join(block_text(v) for k, v in value.items() if k not in ("type", "id"))
    if isinstance(value, list | tuple):
        return " ".join(block_text(v) for v in value)
    return ""


def searchable_word(items, word=None):
    """The word (4+ letters, not a stopword) in the most items' title, lede and body, or `word`'s count."""
    frequency = Counter()
    for title, lede, body in items:
        raw = list(getattr(body, "raw_data", None) or [])
        text = " ".join((title or "", lede or "", block_text(raw)))
        frequency.update({word.lower() for word in WORD.findall(text)} - STOPWORDS)
    if word:
        return word, frequency[word.lower()]
    if not frequency:
        return None, 0
    return frequency.most_common(1)[0]


def indexed_items():
    """Live news items present in the site search index."""
    live = NewsItemPage.objects.live().public()
    return SearchEntry.objects.filter(page__in=live.values("pk")).count()


def find_topic_feed(index, slug):
    """Reverse the news index's topic RSS route, whatever its name; None when there is none."""
    candidates = []
    for pattern in index.get_subpage_urls():
        route = str(pattern.pattern)
        if "topic" in route and "feed" in route + (pattern.name or ""):
            candidates.append((0 if "rss" in route + (pattern.name or "") else 1, pattern))
    for _, pattern in sorted(candidates, key=lambda c: c[0]):
        params = list(pattern.pattern.converters) or re.findall(r"\(\?P<(\w+)>", str(pattern.pattern))
        # The first parameter is the topic; any other (feed kind or format) asks for RSS.
        kwargs = {name: slug if n == 0 else "rss" for n, name in enumerate(params)}
        try:
            subpath = index.reverse_subpage(pattern.name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        return index.url + subpath.lstrip("/"), pattern.name
    return None, None


def observatory_probe():
    """The English incidents index, its page DEEP_PAGE (by cursor) and its middle incident by date."""
    index = IncidentIndexPage.objects.live().filter(locale__language_code="en").first()
    if index is None:
        return {"incidents": 0, "incidents_index_url": None, "incidents_deep_url": None, "incident_url": None}
    listed = IncidentPage.objects.child_of(index).published()
    count = listed.count()
    pages = max(1, math.ceil(count / INCIDENTS_PER_PAGE))
    deep = min(DEEP_PAGE, pages)
    ordered = listed.order_by("-public_date", "-pk")
    deep_url = index.url
    if deep > 1:
        # Page `deep` opens after the last incident of the page before it.
        deep_url += "?after=" + format_cursor(ordered[(deep - 1) * INCIDENTS_PER_PAGE - 1])
    middle = ordered[count // 2] if count else None
    return {
        "incidents": IncidentPage.objects.child_of(index).count(),
        "located_incidents": listed.filter(public_latitude__isnull=False).count(),
        "incidents_index_url": index.url,
        "incidents_pages": pages,
        "incidents_deep_page": deep,
        "incidents_deep_url": deep_url,
        "incident_url": middle.url if middle else None,
    }


def probe(args):
    index = news_index()
    live_items = NewsItemPage.objects.live().public()
    listed = live_items.child_of(index)
    per_page = getattr(settings, "CHASQUI_NEWS_PER_PAGE", 20)
    listed_count = listed.count()
    num_pages = max(1, math.ceil(listed_count / per_page))

    ordered = listed.order_by("-date", "-pk")
    middle = ordered[listed_count // 2] if listed_count else None

    topic = (
        Topic.objects.annotate(n=Count("news_items", filter=Q(news_items__live=True), distinct=True))
        .order_by("-n", "slug")
        .first()
    )
    feed_url, feed_route = find_topic_feed(index, topic.slug) if topic else (None, None)

    sample = ordered.values_list("title", "lede", "body")[:2000]
    word, word_items = searchable_word(list(sample), args.search_word)
    sampled = min(listed_count, 2000)

    emit(
        {
            "database": connection.vendor,
            "items": NewsItemPage.objects.count(),
            "live_items": live_items.count(),
            "listed_items": listed_count,
            "indexed_items": indexed_items(),
            "per_page": per_page,
            "num_pages": num_pages,
            "deep_page": min(DEEP_PAGE, num_pages),
            "news_index_url": index.url,
            "news_item_url": middle.url if middle else None,
            "topic": topic.slug if topic else None,
            "topic_items": topic.n if topic else 0,
            "feed_url": feed_url,
            "feed_route": feed_route,
            "search_word": word,
            "search_word_share": round(word_items / sampled, 3) if sampled else 0,
        }
        | observatory_probe()
    )


def normalise(sql):
    return re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "'?'", sql))


def count_queries(args):
    client = Client(HTTP_HOST=HOST)
    results = {}
    for url in args.urls:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        queries = captured.captured_queries
        repeated = Counter(normalise(q["sql"]) for q in queries).most_common(1)
        results[url] = {
            "status": response.status_code,
            "queries": len(queries),
            "sql_ms": round(sum(float(q["time"]) for q in queries) * 1000, 2),
            "render_ms": round(elapsed * 1000, 2),
            "most_repeated": repeated[0][1] if repeated else 0,
        }
    emit(results)


def profile(args):
    """cProfile a few requests of one URL; split the time into SQL, templates and the rest."""
    client = Client(HTTP_HOST=HOST)
    client.get(args.url)
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(args.url)
        profiler.disable()
        wall = (time.perf_counter() - started) / args.repeat
    stats = pstats.Stats(profiler)
    template_s = sum(
        row[3]
        for (filename, _line, name), row in stats.stats.items()
        if name == "render" and filename.endswith(os.path.join("template", "backends", "django.py"))
    )
    hot = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:10]

    by_sql = Counter()
    time_by_sql = Counter()
    for query in captured.captured_queries:
        key = normalise(query["sql"])
        by_sql[key] += 1
        time_by_sql[key] += float(query["time"])
    per_request = len(captured.captured_queries) / args.repeat
    sql_s = sum(time_by_sql.values()) / args.repeat

    lines = [
        f"URL {args.url}: {wall * 1000:.1f} ms a request under the profiler, {per_request:.0f} queries "
        f"({sql_s * 1000:.1f} ms SQL), templates {template_s / args.repeat * 1000:.1f} ms",
        "",
        "Most repeated SQL (count over all profiled requests):",
        *(f"  {n:5d}x  {sql[:300]}" for sql, n in by_sql.most_common(8)),
        "",
        "Most time-consuming SQL (total seconds):",
        *(f"  {t:7.3f}s  {sql[:300]}" for sql, t in time_by_sql.most_common(8)),
        "",
    ]
    out = io.StringIO()
    report = pstats.Stats(profiler, stream=out).strip_dirs()
    report.sort_stats("cumulative").print_stats(40)
    report.sort_stats("tottime").print_stats(25)
    Path(args.output).write_text("\n".join(lines) + "\n" + out.getvalue())

    emit(
        {
            "ms": round(wall * 1000, 1),
            "sql_ms": round(sql_s * 1000, 1),
            "template_ms": round(template_s / args.repeat * 1000, 1),
            "queries": per_request,
            "top_repeated_sql": [(n // args.repeat, sql[:160]) for sql, n in by_sql.most_common(3)],
            "hot_functions": [
                f"{name} ({Path(filename).name}:{line}) {row[2] / args.repeat * 1000:.1f} ms self"
                for (filename, line, name), row in hot
            ],
        }
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("ensure-structure").set_defaults(func=ensure_structure)
    generate = steps.add_parser("fallback-generate")
    generate.add_argument("--count", type=int, required=True)
    generate.set_defaults(func=fallback_generate)
    probing = steps.add_parser("probe")
    probing.add_argument("--search-word", help="report this word's share instead of choosing one")
    probing.set_defaults(func=probe)
    counting = steps.add_parser("count-queries")
    counting.add_argument("urls", nargs="+")
    counting.set_defaults(func=count_queries)
    profiling = steps.add_parser("profile")
    profiling.add_argument("url")
    profiling.add_argument("--repeat", type=int, default=20)
    profiling.add_argument("--output", required=True)
    profiling.set_defaults(func=profile)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
