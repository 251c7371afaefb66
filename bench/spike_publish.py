"""Django side of bench/spike: find the newest news item, or publish a new title for it.

Run with the spike's environment, so it changes the same database the served site reads, from a
process of its own as an editor's would be. `publish` starts Django, prints "ready" and publishes
when it reads a line on stdin, so the change lands when asked and not after Django's start-up.
Prints one JSON line on stdout.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chasqui.settings.production")

import django  # noqa: E402

django.setup()

from chasqui.news.models import NewsItemPage  # noqa: E402


def newest():
    """The newest live item: the one the home page lists first, so both pages show its title."""
    return NewsItemPage.objects.live().public().order_by("-date", "-pk").first()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["find", "publish"])
    parser.add_argument("--id", type=int, help="the item to publish (publish)")
    parser.add_argument("--title", help="its new title (publish)")
    args = parser.parse_args()
    if args.action == "find":
        page = newest()
        print(json.dumps({"id": page.pk, "url": page.url, "title": page.title}))
        return
    page = NewsItemPage.objects.get(pk=args.id)
    print("ready", flush=True)
    sys.stdin.readline()
    page.title = args.title
    started = time.time()
    revision = page.save_revision()
    revision.publish()
    print(json.dumps({"started": started, "published": time.time(), "title": page.title}))


if __name__ == "__main__":
    main()
