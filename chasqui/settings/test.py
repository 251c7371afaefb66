"""Test settings: fast hashing, in-memory cache, tasks run immediately."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
    "pagecache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pagecache"},
}
# The page cache's own tests switch it on; elsewhere a test sees every response freshly rendered
# (CHASQUI_TEST_PAGE_CACHE=1 runs the whole suite with it on).
CHASQUI_PAGE_CACHE = env.bool("CHASQUI_TEST_PAGE_CACHE", default=False)
CHASQUI_PAGE_CACHE_DIR = ""
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Publishing an incident captures none of its sources; the sources tests switch it on with a local server.
CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = False
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ALLOWED_HOSTS = ["*"]
# Tests serve static files from the finders; WhiteNoise would only warn about a missing STATIC_ROOT.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("whitenoise.")]  # noqa: F405
# Tests sign staff in with force_login; the two-factor tests switch this on themselves.
CHASQUI_REQUIRE_2FA = False
