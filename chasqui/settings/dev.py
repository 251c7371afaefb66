"""Local development: DEBUG on, a throwaway key, emails printed to the console, the site's own 404."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# Readers' 404 page, as in production; CHASQUI_TECHNICAL_404=1 shows Django's page with the URL patterns.
CHASQUI_TECHNICAL_404 = env.bool("CHASQUI_TECHNICAL_404", default=False)
if not CHASQUI_TECHNICAL_404:
    MIDDLEWARE = [*MIDDLEWARE, "chasqui.core.middleware.SiteNotFoundPageMiddleware"]  # noqa: F405
