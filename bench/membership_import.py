"""Import benchmark for bench/membership: time and SQL queries to import an n-member CSV file.

`run_import_benchmark(n)` expects Django to be set up already, on a migrated database that holds
nothing you care about (bench/membership prepares one); it never calls django.setup() itself.
It imports the file twice: the second run must find every row unchanged.

Run on its own, it makes a temporary SQLite database (never `var/`), migrates it and prints the
figures as JSON:

    .venv/bin/python bench/membership_import.py              # 10,000 rows
    .venv/bin/python bench/membership_import.py --rows 2000

Target: 10,000 rows in under 30 s.
"""

import argparse
import csv
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from project_python import run_on_project_python

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 30
SURNAMES = [
    *("Quispe", "Mamani", "Huamán", "Flores", "Condori", "Rojas", "Vargas", "Chávez", "Ramos"),
    *("Smith", "Jones", "Taylor", "Brown", "Evans"),
]
FORENAMES = [
    *("Rosa", "Jorge", "Ana", "Luis", "Carmen", "José", "María", "Pedro", "Lucía"),
    *("Sofía", "Tom", "Sarah", "David", "Emma"),
]
TOWNS = [("London", "SW1A 1AA"), ("Leeds", "LS1 4AP"), ("Bath", "BA1 1AA"), ("York", "YO1 7HH")]
METHODS = ["SO", "standing order", "cheque", "card"]


def write_members_csv(path, rows, seed=7):
    """A spreadsheet-like file: aliases for headings, day-first dates, a mix of methods and Gift Aid."""
    from chasqui.membership.secretary.import_columns import TEMPLATE_HEADER

    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(TEMPLATE_HEADER)
        for number in range(1, rows + 1):
            town, postcode = rng.choice(TOWNS)
            joined_year = rng.randint(2005, 2024)
            expiry_year = rng.choice([2025, 2026, 2026, 2027])
            gift_aid = rng.random() < 0.6
            writer.writerow(
                [
                    f"PSG-{number:05d}",
                    rng.choice(["Ms", "Mr", "Dr", ""]),
                    rng.choice(FORENAMES),
                    rng.choice(SURNAMES),
                    f"member{number}@example.org",
                    f"{rng.randint(1, 200)} Long Lane",
                    "",
                    town,
                    "",
                    postcode,
                    "UK",
                    rng.choice(["Individual", "Concession", "Organisation"]),
                    f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{joined_year}",
                    f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{expiry_year}",
                    rng.choice(METHODS),
                    "yes" if gift_aid else "no",
                    f"01/01/{joined_year}" if gift_aid else "",
                    rng.choice(["yes", "no"]),
                ]
            )


def ensure_plans():
    from chasqui.membership.models import Plan

    plans = [("Individual", 2500), ("Concession", 1000), ("Organisation", 6000)]
    for order, (name, pence) in enumerate(plans):
        Plan.objects.get_or_create(
            slug=name.lower(), defaults={"name": name, "price_pence": pence, "sort_order": order}
        )


def timed_import(data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chasqui.membership.secretary.member_import import import_members

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = import_members(data, actor_label="bench")
        seconds = time.perf_counter() - started
    if result.errors:
        raise RuntimeError(f"benchmark file rejected: {result.errors[:5]}")
    return result, seconds, len(queries)


def run_import_benchmark(n):
    """Import an n-row file (then the same file again); returns rows, seconds and queries."""
    ensure_plans()
    with tempfile.TemporaryDirectory(prefix="chasqui-import-bench-") as tmp:
        path = Path(tmp) / "members.csv"
        write_members_csv(path, n)
        data = path.read_bytes()
    first, seconds, queries = timed_import(data)
    again, reimport_seconds, reimport_queries = timed_import(data)
    if first.created + first.updated + first.unchanged != n or again.unchanged != n:
        raise RuntimeError("re-import changed rows")
    return {
        "rows": n,
        "seconds": round(seconds, 3),
        "queries": queries,
        "created": first.created,
        "reimport_seconds": round(reimport_seconds, 3),
        "reimport_queries": reimport_queries,
        "reimport_unchanged": again.unchanged,
        "target_seconds": TARGET_SECONDS,
        "met": seconds < TARGET_SECONDS,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chasqui-import-db-") as tmp:
        # Our own throwaway database, whatever DATABASE_URL the shell has.
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["DJANGO_SETTINGS_MODULE"] = "chasqui.settings.test"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.DEBUG = False
        call_command("migrate", verbosity=0)
        print(json.dumps(run_import_benchmark(args.rows)))


if __name__ == "__main__":
    run_on_project_python(__file__)
    main()
