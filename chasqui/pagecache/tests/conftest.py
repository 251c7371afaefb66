import pytest
from wagtail.models import Site

from chasqui.core.models import SiteSettings

from . import servers


@pytest.fixture
def page_cache(settings, tmp_path, site_tree):
    """The page cache switched on, as it is outside the tests, with its files in a directory of the test's.

    The site settings are created first, as the first visit to a new site does (a change like any other)."""
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.CHASQUI_PAGE_CACHE = True
    settings.CHASQUI_PAGE_CACHE_DIR = str(tmp_path / "pages")
    return tmp_path / "pages"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """A site of its own for real servers, migrated once for every test that serves it: (directory, env)."""
    directory = tmp_path_factory.mktemp("served-site")
    directory.chmod(0o755)
    env = servers.site_environment(directory)
    servers.prepare_site(env)
    return directory, env
