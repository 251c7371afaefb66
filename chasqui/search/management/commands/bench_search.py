"""Print how long site searches take on the current database, to check the index at archive scale."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client, RequestFactory
from django.test.utils import override_settings

from chasqui.search import services
from chasqui.search.models import SearchEntry

QUERIES = {
    "en": ["congress", "the", "mining protests", '"prior consultation"', "consult*", "Apurímac", "zzzz"],
    "es": ["congreso", "de", "minería protestas", '"consulta previa"', "consult*", "apurimac", "zzzz"],
}


class Command(BaseCommand):
    help = "Time searches (SQL only, then the whole page in-process) for common, rare and odd queries."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)

    def handle(self, *args, repeat, **options):
        self.stdout.write(
            f"{connection.vendor}: {SearchEntry.objects.count()} entries "
            f"({', '.join(f'{k}={v}' for k, v in self._languages().items())})"
        )
        self.stdout.write(
            f"{'language':8} {'query':24} {'matches':>7} {'search ms':>9} {'page ms':>8} {'queries':>7}"
        )
        client = Client(HTTP_HOST="localhost")
        for language, queries in QUERIES.items():
            prefix = "" if language == "en" else f"/{language}"
            for query in queries:
                request = RequestFactory(HTTP_HOST="localhost").get("/search/")
                services.search(query, language=language, request=request)
                sql = self._time(
                    lambda q=query, lang=language, r=request: services.search(q, language=lang, request=r),
                    repeat,
                )
                result = services.search(query, language=language)
                url = f"{prefix}/search/"
                if client.get(url, {"q": query}).status_code != 200:
                    raise CommandError(f"{url}?q={query} did not answer 200.")
                with override_settings(DEBUG=True):
                    reset_queries()
                    client.get(url, {"q": query})
                    queries_run = len(connection.queries)
                page = self._time(lambda u=url, q=query: client.get(u, {"q": q}), repeat)
                self.stdout.write(
                    f"{language:8} {query:24} {result.count:7} {sql:9.2f} {page:8.2f} {queries_run:7}"
                )

    def _languages(self):
        return {
            row["language"]: row["n"]
            for row in SearchEntry.objects.values("language").order_by().annotate(n=Count("pk"))
        }

    def _time(self, call, repeat):
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings)
