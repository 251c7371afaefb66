import io
from pathlib import Path

import pytest

from chasqui.core.testing.reference import REFERENCE_DIR
from chasqui.importer.services import ImportOptions, import_source
from chasqui.news.models import NewsIndexPage

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFERENCE = REFERENCE_DIR / "home-page.txt"


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPage.objects.child_of(site_tree["en"]).get()


@pytest.fixture
def run_import(site_tree):
    """Import a fixture file (or bytes under a given name) the way the command does."""

    def run(source, name=None, **options):
        if isinstance(source, bytes):
            stream, name = io.BytesIO(source), name or "upload.txt"
        else:
            path = source if isinstance(source, Path) else FIXTURES / source
            stream, name = path.open("rb"), name or path.name
        with stream:
            return import_source(stream, name, ImportOptions(**options))

    return run
