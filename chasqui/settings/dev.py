"""Local development: DEBUG on, a throwaway key, emails kept under var/mail/, the site's own 404."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Each email sent is written to var/mail/ as an .eml file, listed in the admin's Development mailbox.
MAILERS = {
    "default": {
        "BACKEND": "chasqui.core.dev_mailbox.MailboxBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},  # noqa: F405
    }
}
# Readers' 404 page, as in production; CHASQUI_TECHNICAL_404=1 shows Django's page with the URL patterns.
CHASQUI_TECHNICAL_404 = env.bool("CHASQUI_TECHNICAL_404", default=False)
if not CHASQUI_TECHNICAL_404:
    MIDDLEWARE = [*MIDDLEWARE, "chasqui.core.middleware.SiteNotFoundPageMiddleware"]  # noqa: F405
