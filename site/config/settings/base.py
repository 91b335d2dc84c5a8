"""Production-safe base settings. Everything that differs per deployment comes from the environment.

dev.py and test.py override what they need; production.py adds the HTTPS hardening.
"""

import hashlib
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url

from .caches import build_caches
from .env import env_bool, env_float, env_int, env_list, env_required, env_str
from .frontend_cache import frontend_cache_from_env
from .search import WAGTAILSEARCH_BACKENDS  # noqa: F401 (README "Site search")


def _site_id(path: Path) -> str:
    return hashlib.sha256(str(path).encode()).hexdigest()[:12]


SITE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SITE_DIR.parent  # the repository root

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_required("SECRET_KEY", "a long random string; there is no fallback")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "core.page_cache",
    "core.visits",
    "exercises",
    "blog",
    "booking",
    "homecare",
    "wagtailseo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the project by default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock at BEGIN, so concurrent writes queue instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else memory local to each process. Redis is optional at run
# time: refused or hung, a call gives up after the socket timeout (seconds), then for a few seconds
# cache reads are misses and rate limits count in process memory (see caches.py).
REDIS_URL = env_str("REDIS_URL")
REDIS_SOCKET_CONNECT_TIMEOUT = env_float("REDIS_SOCKET_CONNECT_TIMEOUT", 0.25)
REDIS_SOCKET_TIMEOUT = env_float("REDIS_SOCKET_TIMEOUT", 0.25)
CACHES = build_caches(
    REDIS_URL,
    key_prefix=env_str("CACHE_KEY_PREFIX", "practice"),
    connect_timeout=REDIS_SOCKET_CONNECT_TIMEOUT,
    socket_timeout=REDIS_SOCKET_TIMEOUT,
    pages_max_entries=env_int("PAGE_CACHE_MAX_ENTRIES", 500),
)
RATELIMIT_USE_CACHE = "ratelimit"
# If counting fails anyway, refuse the post rather than let a flood through.
RATELIMIT_FAIL_OPEN = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-ca"
TIME_ZONE = env_str("TIME_ZONE", "America/Vancouver")
USE_I18N = True
USE_TZ = True
PRACTICE_CURRENCY = env_str("PRACTICE_CURRENCY", "CAD")

# Static files: hashed, compressed names served by whitenoise with far-future caching.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_ROOT = BASE_DIR / "static" / "root"  # /favicon.ico and friends at the site root
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0
# Stylesheets printed inside pages (core.inline_css), allowed by hash in style-src below (0008).
INLINE_STYLESHEETS_DIR = BASE_DIR / "static"
INLINE_STYLESHEETS = tuple(
    f"css/{n}.css" for n in ("site", "print", "exercises", "blog", "booking")
)
# Scripts written into public pages, allowed by hash (core.inline_js): the after-paint loader and
# the form-token filler. The others load from files after the first paint.
INLINE_SCRIPTS_DIR = BASE_DIR / "static"
INLINE_SCRIPTS = ("js/after-paint.js", "js/form-tokens.js")

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Browser cache lifetime of images and their renditions (their names change when they do).
MEDIA_IMAGES_MAX_AGE = env_int("MEDIA_IMAGES_MAX_AGE", 60 * 60 * 24 * 365)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# S3-compatible media storage (AWS, MinIO, Scaleway, ...) when a bucket is named.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    AWS_S3_FILE_OVERWRITE = False
    # Uploaded files keep their name for life (no overwrite): browsers and CDNs may keep them.
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": f"public, max-age={MEDIA_IMAGES_MAX_AGE}"}
# Local media is served by Django itself when no object storage is configured, so uploaded images
# never 404 under gunicorn. Put a CDN or object storage in front for heavy traffic.
SERVE_MEDIA = not AWS_STORAGE_BUCKET_NAME

# E-mail: SMTP configured from the environment.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds any SMTP step may wait, so a hung server cannot hold a worker for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# The address comes from the environment; the display name is the practice name from the practice
# settings, read when each message is built (core.mail).
from core.mail import lazy_from_email  # noqa: E402 (core.mail imports no model at import time)

DEFAULT_FROM_EMAIL = lazy_from_email(
    env_str("DEFAULT_FROM_EMAIL", "Practice <noreply@example.com>")
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The admin makes no third-party requests: no Gravatar avatars (the default placeholder shows), no
# check for new Wagtail releases on the dashboard. Both are Wagtail 7.4 setting names.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Every e-mail is written to the outbox (core.outbox) and sent by a worker process
# (`manage.py db_worker --backend email`, the Procfile's `worker:`), never inside a request.
# The "email" backend is a queue in the database (django-tasks-db). Wagtail's own tasks use
# "default": they are short, local database work (reference index, focal points, removing a
# replaced file) whose result editors expect as soon as a save returns, so they stay immediate
# and page editing never waits on, or breaks with, the worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# Outbox delivery: after the n-th failure wait base * 2^(n-1) seconds (capped), give up after
# OUTBOX_MAX_ATTEMPTS (staff can still retry by hand); a sender keeps a claimed e-mail this long.
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 4 * 60 * 60)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 300)

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Practice")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILEMBEDS_FINDERS = [{"class": "core.embeds"}]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp", "bmp": "jpeg"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
WAGTAILFORMS_ADMIN_SHOW_SUBMISSION_LISTING = True
TAGGIT_CASE_INSENSITIVE = True

# Spam protection: how many posts one address may make (django-ratelimit rates, e.g. 5/h).
CONTACT_RATE_LIMIT = env_str("CONTACT_RATE_LIMIT", "5/h")
BOOKING_RATE_LIMIT = env_str("BOOKING_RATE_LIMIT", "20/h")
BLOG_COMMENT_RATE_LIMIT = env_str("BLOG_COMMENT_RATE_LIMIT", "5/h")
# Page counts (core.visits): beacons one address may send, and how often each process writes
# the counts it holds (seconds; 0 writes every beacon at once) or after how many page-days.
PAGE_COUNTS_RATE_LIMIT = env_str("PAGE_COUNTS_RATE_LIMIT", "120/m")
PAGE_COUNTS_FLUSH_SECONDS = env_int("PAGE_COUNTS_FLUSH_SECONDS", 30)
PAGE_COUNTS_FLUSH_SIZE = env_int("PAGE_COUNTS_FLUSH_SIZE", 500)
# Comments posted sooner than this after the form loaded are refused as automated.
BLOG_COMMENT_MIN_SECONDS = env_int("BLOG_COMMENT_MIN_SECONDS", 3)
BLOG_COMMENT_FORM_MAX_AGE = env_int("BLOG_COMMENT_FORM_MAX_AGE", 60 * 60 * 24)
BLOG_COMMENT_MAX_LINKS = env_int("BLOG_COMMENT_MAX_LINKS", 2)
# django-ratelimit warns about caches it does not know (local memory, core.cache.FallbackCache).
# With REDIS_URL set the counts are shared; without it, or while Redis is down, each gunicorn
# worker counts on its own, which still bounds a single sender.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Each page save logs every background task it runs; keep the console readable.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Wagtail's live preview shows the page in an iframe from the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"

# --- Admin sign-in: lockout after failed passwords (django-axes), two-factor (django-otp) ---
# Lockouts live in the database (AccessAttempt), so they hold when the cache (Redis) is down.
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
_AUTH_MIDDLEWARE = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH_MIDDLEWARE + 1 : _AUTH_MIDDLEWARE + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.middleware.TwoFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes asks
from .signin import *  # noqa: E402, F403 (axes and two-factor settings)

# Patients with no appointment for this many years are anonymised by
# `manage.py purge_patient_data` (run it daily or monthly); times and money stay for the books.
PATIENT_RETENTION_YEARS = env_int("PATIENT_RETENTION_YEARS", 7)

# --- Response headers and request limits --------------------------------------------------------
# Content-Security-Policy (django-csp): public pages run only this site's own scripts and styles;
# the JSON-LD blocks carry the per-request nonce. Videos play from the privacy-enhanced YouTube
# host or Vimeo's player (the two providers core.embeds supports). Media from object storage is
# allowed as an image source when a bucket is configured. /admin/ gets the looser policy that
# Wagtail's editor needs (core.middleware.ContentSecurityPolicyMiddleware).
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

from core.inline_css import style_hashes  # noqa: E402 (reads files only)
from core.inline_js import script_hashes  # noqa: E402 (reads files only)

from .origins import media_origins  # noqa: E402

_PUBLIC_CSP: dict[str, list[Any]] = {  # strings and csp constants
    "default-src": [SELF],
    "script-src": [SELF, NONCE, *script_hashes(INLINE_SCRIPTS_DIR, INLINE_SCRIPTS)],
    "style-src": [SELF, *style_hashes(INLINE_STYLESHEETS_DIR, INLINE_STYLESHEETS)],
    "img-src": [
        SELF,
        "data:",
        *media_origins(
            bucket=AWS_STORAGE_BUCKET_NAME,
            custom_domain=env_str("AWS_S3_CUSTOM_DOMAIN"),
            endpoint_url=env_str("AWS_S3_ENDPOINT_URL"),
        ),
    ],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _PUBLIC_CSP}
# Wagtail's admin writes inline scripts and styles and previews uploads from blob: URLs. Its
# update check and Gravatar avatars are off (above), so it connects only to this site.
ADMIN_CONTENT_SECURITY_POLICY = {
    **_PUBLIC_CSP,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [*_PUBLIC_CSP["img-src"], "blob:"],
    "connect-src": [SELF],
    "frame-src": [SELF, *_PUBLIC_CSP["frame-src"]],
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# Permissions-Policy (django-permissions-policy): no page asks for these browser features.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}

# Public forms take no files: a body over this many bytes is refused with 413 before it is read
# (core.middleware.RequestBodyLimitMiddleware); paths under ADMIN_PATH_PREFIXES keep uploading
# images and documents. Django also refuses form fields larger than this.
PUBLIC_MAX_REQUEST_BODY = env_int("PUBLIC_MAX_REQUEST_BODY", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = PUBLIC_MAX_REQUEST_BODY

_SECURITY_MIDDLEWARE = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE[_SECURITY_MIDDLEWARE + 1 : _SECURITY_MIDDLEWARE + 1] = [
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.middleware.RequestBodyLimitMiddleware",
]

# --- Anonymous page cache (core.page_cache; docs/decisions/0007-page-cache.md) -------------------
# Public pages, their routable sub-pages, feeds and the sitemap are served to visitors who are not
# signed in from the "pages" cache. Any change to what pages show purges every page. Signed-in
# editors, booking steps, POSTs, previews and responses that set a cookie are never cached.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_EXCLUDED_PATHS = (*ADMIN_PATH_PREFIXES, "/documents/", "/forms/", "/api/", MEDIA_URL)
PAGE_CACHE_EXCLUDED_PAGE_TYPES = ("booking.bookingpage",)
# Without Redis each gunicorn worker caches in its own memory, and the workers learn about a purge
# from this file (one machine). With REDIS_URL the generation is kept in Redis ("" here).
PAGE_CACHE_GENERATION_FILE = (
    ""
    if REDIS_URL
    else env_str("PAGE_CACHE_GENERATION_FILE")
    or str(Path(tempfile.gettempdir()) / f"practice-pages-{_site_id(BASE_DIR)}.generation")
)
_TWO_FACTOR_MIDDLEWARE = MIDDLEWARE.index("core.two_factor.middleware.TwoFactorMiddleware")
MIDDLEWARE.insert(_TWO_FACTOR_MIDDLEWARE + 1, "core.page_cache.middleware.PageCacheMiddleware")
# HTML, feeds and JSON that hold nothing tied to the visitor are gzipped, inside the page cache
# (stored compressed, per accepted encoding). Static files come compressed from whitenoise.
# BREACH: docs/decisions/0009-compression.md.
MIDDLEWARE.insert(_TWO_FACTOR_MIDDLEWARE + 2, "core.middleware.CompressionMiddleware")
# What pages built outside the cache read and only a purge changes (the site, its settings, the
# menu, breadcrumbs, cards) is kept per process for the current generation (core.page_cache.memo).
PAGE_MEMO_ENABLED = env_bool("PAGE_MEMO_ENABLED", True)
PAGE_MEMO_SETTINGS = (
    "core.SiteSettings",
    "wagtailseo.SeoSettings",
    "exercises.ExerciseSettings",
    "blog.BlogSettings",
    "booking.BookingSettings",
)
MIDDLEWARE.insert(_TWO_FACTOR_MIDDLEWARE + 3, "core.page_cache.memo.PageMemoMiddleware")
# Counts over a whole listing (the library's filters, the blog's archive, categories and tags)
# are kept per generation in the default cache, shared by workers (core.page_cache.shared).
LISTING_CACHE_ENABLED = env_bool("LISTING_CACHE_ENABLED", True)
LISTING_CACHE_SECONDS = env_int("LISTING_CACHE_SECONDS", 3600)

# A CDN in front of the site (wagtail.contrib.frontend_cache): configured from FRONTEND_CACHE_*;
# Wagtail then asks it to drop a page's URLs when the page is published or unpublished.
WAGTAILFRONTENDCACHE = frontend_cache_from_env()
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
