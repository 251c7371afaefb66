"""Settings shared by every environment; values come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import environ
import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from . import machines
from .caching import cache_settings
from .headers import (  # noqa: F401 (settings)
    CHASQUI_ADMIN_CSP,
    CHASQUI_PERMISSIONS_POLICY,
    SECURE_CROSS_ORIGIN_OPENER_POLICY,
    SECURE_CSP,
    SECURE_REFERRER_POLICY,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "chasqui.users",
    "chasqui.images",
    "chasqui.core",
    "chasqui.pagecache",
    "chasqui.pages",
    "chasqui.news",
    "chasqui.publications",
    "chasqui.search",
    "chasqui.importer",
    "chasqui.subscribers",
    "chasqui.newsletter",
    "chasqui.observatory",
    "chasqui.membership",
    "chasqui.contact",
    "chasqui.operations",
    "django_countries",
    "chasqui.demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A write to the observatory's read-only API gets its JSON 405 rather than the CSRF page.
    "chasqui.observatory.api.middleware.ReadOnlyApiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "chasqui.core.editing.PageEditLockMiddleware",
    "chasqui.core.middleware.CachedSiteMiddleware",
    "chasqui.core.audit.AuditAddressMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "chasqui.urls"
WSGI_APPLICATION = "chasqui.wsgi.application"

FORM_RENDERER = "chasqui.core.forms.PublicFormRenderer"  # one field template: label, hint, error, input
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

VAR_DIR = Path(env("CHASQUI_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'chasqui.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an editor saves; IMMEDIATE avoids
    # "database is locked" errors when two writers start at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA mmap_size=134217728;"
            ),
        }
    )
# Reusing connections spares every request a reconnect (and, on SQLite, the PRAGMAs above).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REDIS_URL = env("REDIS_URL", default="")
# CACHES, the page cache and front-end cache purging (docs/caching.md).
globals().update(cache_settings(env, VAR_DIR, REDIS_URL))

# Several machines: the task queue in Redis, media in an S3-compatible bucket (settings/machines.py).
TASKS, RQ_QUEUES, TASK_APPS = machines.task_queue(env, REDIS_URL)

# Languages: English is served at /, Spanish under /es/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Dates are written the way each language writes them ("15 April 2019", "15 de abril de 2019").
FORMAT_MODULE_PATH = ["chasqui.formats"]
TIME_ZONE = env("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

MAILER_BACKEND = env("MAILER_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": MAILER_BACKEND,
        "OPTIONS": {
            "host": env("EMAIL_HOST", default="127.0.0.1"),
            "port": env.int("EMAIL_PORT", default=25),
            "username": env("EMAIL_HOST_USER", default=""),
            "password": env("EMAIL_HOST_PASSWORD", default=""),
            "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            # A mail server that stops answering must not hold a bulletin delivery in flight for long.
            "timeout": env.int("EMAIL_TIMEOUT", default=60),
        },
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Chasqui <noreply@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = "Chasqui"
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "svg", "webp"]  # SVG logos; see security.md
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

# News listings show this many items a page.
CHASQUI_NEWS_PER_PAGE = env.int("CHASQUI_NEWS_PER_PAGE", default=20)

# Observatory sources (docs/observatory.md, "Archived copies and the link check"). An archived copy,
# uploaded or captured, is at most this many megabytes.
CHASQUI_SOURCE_ARCHIVE_MAX_MB = env.int("CHASQUI_SOURCE_ARCHIVE_MAX_MB", default=20)
# Seconds a capture or a link check waits for a source's server at each step (connect, each read).
CHASQUI_SOURCE_FETCH_TIMEOUT = env.float("CHASQUI_SOURCE_FETCH_TIMEOUT", default=15)
# Private, loopback or link-local networks sources may still be fetched from (e.g. "10.0.0.0/8" for an
# intranet); empty: only public addresses, so a source's address cannot reach the server's own network.
CHASQUI_SOURCE_FETCH_ALLOWED_NETWORKS = env.list("CHASQUI_SOURCE_FETCH_ALLOWED_NETWORKS", default=[])
# Capture a published incident's sources that have no archived copy, in the background.
CHASQUI_SOURCE_CAPTURE_ON_PUBLISH = env.bool("CHASQUI_SOURCE_CAPTURE_ON_PUBLISH", default=True)
# The link check (run_scheduled_jobs, every five minutes): at most this many addresses a run, this many
# of one host, this many seconds apart on one host, and no new check after this many seconds of a run.
CHASQUI_SOURCE_CHECK_PER_RUN = env.int("CHASQUI_SOURCE_CHECK_PER_RUN", default=30)
CHASQUI_SOURCE_CHECK_PER_HOST = env.int("CHASQUI_SOURCE_CHECK_PER_HOST", default=5)
CHASQUI_SOURCE_CHECK_HOST_DELAY = env.float("CHASQUI_SOURCE_CHECK_HOST_DELAY", default=2)
CHASQUI_SOURCE_CHECK_SECONDS = env.int("CHASQUI_SOURCE_CHECK_SECONDS", default=90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Every task's start and end is news only to the worker, which turns these on itself.
    "loggers": {"django.tasks": {"level": "WARNING"}},
}

# Weekly bulletin: sending runs as background tasks, in batches over one SMTP connection.
CHASQUI_BULLETIN_BATCH_SIZE = env.int("CHASQUI_BULLETIN_BATCH_SIZE", default=200)
# Messages a second at most across a send; 0 sends as fast as the mail server accepts.
CHASQUI_BULLETIN_RATE_LIMIT = env.float("CHASQUI_BULLETIN_RATE_LIMIT", default=0)
# Days of news the first bulletin in a language gathers, and how long a test email's preview link works.
CHASQUI_BULLETIN_FIRST_DAYS = env.int("CHASQUI_BULLETIN_FIRST_DAYS", default=7)
CHASQUI_BULLETIN_PREVIEW_DAYS = env.int("CHASQUI_BULLETIN_PREVIEW_DAYS", default=14)
# The bulletin's name before its number ("Update 120"); empty uses the translated default.
CHASQUI_BULLETIN_LABEL = env("CHASQUI_BULLETIN_LABEL", default="")
# Draft the next bulletin every week at this time and email the editors, e.g. "fri 09:00"; empty: off.
CHASQUI_BULLETIN_AUTODRAFT = env("CHASQUI_BULLETIN_AUTODRAFT", default="")
# Finished background tasks' records are deleted after this many days (a daily scheduled job).
CHASQUI_TASK_RESULTS_KEEP_DAYS = env.int("CHASQUI_TASK_RESULTS_KEEP_DAYS", default=14)
# Unconfirmed sign-ups are forgotten after this many days.
CHASQUI_SUBSCRIBER_CONFIRM_DAYS = env.int("CHASQUI_SUBSCRIBER_CONFIRM_DAYS", default=7)
# The audit trail (Site history) keeps entries this many days (six years); 0 keeps them for ever.
CHASQUI_AUDIT_KEEP_DAYS = env.int("CHASQUI_AUDIT_KEEP_DAYS", default=2190)

# The mail provider whose bounce and complaint webhook is routed (only its own, under /anymail/):
# named by an anymail backend, e.g. anymail.backends.postmark.EmailBackend → "postmark"; empty: none.
ANYMAIL_BACKEND_PREFIX = "anymail.backends."
CHASQUI_MAIL_PROVIDER = env(
    "CHASQUI_MAIL_PROVIDER",
    default=(
        MAILER_BACKEND.removeprefix(ANYMAIL_BACKEND_PREFIX).split(".")[0]
        if MAILER_BACKEND.startswith(ANYMAIL_BACKEND_PREFIX)
        else ""
    ),
)
# django-anymail's settings: every ANYMAIL_<NAME> environment variable becomes ANYMAIL["<NAME>"],
# e.g. ANYMAIL_WEBHOOK_SECRET (user:password the provider's webhook must send; without it the
# webhook refuses everything), ANYMAIL_POSTMARK_SERVER_TOKEN, ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY.
ANYMAIL = {
    "WEBHOOK_SECRET": "",
    **{
        name.removeprefix("ANYMAIL_"): value
        for name, value in os.environ.items()
        if name.startswith("ANYMAIL_") and value
    },
}

# Membership payments by card through Stripe Checkout. Empty keys hide the card option.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")

# Operations (docs/operations.md): backups, error reports and the log format.
CHASQUI_BACKUP_DIR = Path(env("CHASQUI_BACKUP_DIR", default=str(VAR_DIR / "backups")))
CHASQUI_BACKUP_PASSPHRASE = env("CHASQUI_BACKUP_PASSPHRASE", default="")
CHASQUI_BACKUP_AT = env("CHASQUI_BACKUP_AT", default="")  # e.g. "02:30": nightly from run_scheduled_jobs
CHASQUI_BACKUP_S3_BUCKET = env("CHASQUI_BACKUP_S3_BUCKET", default="")
CHASQUI_BACKUP_S3_ENDPOINT_URL = env("CHASQUI_BACKUP_S3_ENDPOINT_URL", default="")
CHASQUI_BACKUP_S3_PREFIX = env("CHASQUI_BACKUP_S3_PREFIX", default="")
CHASQUI_BACKUP_KEEP_DAILY = env.int("CHASQUI_BACKUP_KEEP_DAILY", default=7)
CHASQUI_BACKUP_KEEP_WEEKLY = env.int("CHASQUI_BACKUP_KEEP_WEEKLY", default=4)
CHASQUI_BACKUP_KEEP_MONTHLY = env.int("CHASQUI_BACKUP_KEEP_MONTHLY", default=12)
if env("LOG_FORMAT", default="text") == "json":
    LOGGING["formatters"] = {"json": {"()": "chasqui.operations.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,  # members' names and addresses never leave the server
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=0,
    )
# Staff sign-in: trusted proxies, two-factor, sign-in throttling and idle sessions (docs/security.md).
# Addresses or networks of the reverse proxies in front of the application, comma-separated; only
# these may tell us the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto).
CHASQUI_TRUSTED_PROXIES = env.list("CHASQUI_TRUSTED_PROXIES", default=[])
# Everyone who signs in to the admin confirms it with a second factor (an authenticator app's code).
CHASQUI_REQUIRE_2FA = env.bool("CHASQUI_REQUIRE_2FA", default=True)
# A staff session that makes no admin request for this long is signed out.
CHASQUI_STAFF_IDLE_MINUTES = env.int("CHASQUI_STAFF_IDLE_MINUTES", default=60)
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static", "axes"]
MIDDLEWARE.insert(0, "chasqui.core.client_address.TrustedProxyMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "chasqui.users.middleware.StaffSignInMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "chasqui.users.backends.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Failed admin sign-ins lock the account and, separately, the address they came from.
AXES_FAILURE_LIMIT = env.int("CHASQUI_SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("CHASQUI_SIGN_IN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "chasqui.core.client_address.client_address_or_none"
AXES_LOCKOUT_TEMPLATE = "users/locked_out.html"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Members' area sessions: signed out after this many days without a visit, and after this many
# days whatever happens (then the member asks for a new code).
CHASQUI_MEMBER_IDLE_DAYS = env.int("CHASQUI_MEMBER_IDLE_DAYS", default=2)
CHASQUI_MEMBER_SESSION_DAYS = env.int("CHASQUI_MEMBER_SESSION_DAYS", default=14)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
)
# The page cache answers before the policy is built: a cached page keeps the header it was stored with.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware"),
    "chasqui.pagecache.middleware.PageCacheMiddleware",
)
# Cached fragments of pages (core.fragments) read the content generation before anything else is read.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware"),
    "chasqui.core.fragments.FragmentGenerationMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1,
    "chasqui.core.security_headers.SecurityHeadersMiddleware",
)
TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")
INSTALLED_APPS += TASK_APPS
STORAGES["default"], MEDIA_ORIGINS = machines.media_storage(env, STORAGES["default"])
for policy in (SECURE_CSP, CHASQUI_ADMIN_CSP):
    policy["img-src"] += MEDIA_ORIGINS
