"""Settings for the test suite: fast hashing, plain static storage, in-memory mail."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-key")
os.environ["DEBUG"] = "false"

from .base import *  # noqa: E402,F403
from .caches import build_caches  # noqa: E402

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests send e-mail in the test's own thread, right after commit.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
CACHES = build_caches("")  # memory local to the process, whatever REDIS_URL says
# The page cache is off unless a test turns it on (tests/core/test_page_cache.py, the browser
# journeys); each test process keeps its own generation file.
PAGE_CACHE_ENABLED = False
PAGE_MEMO_ENABLED = False  # on in the query-budget tests (tests/core/test_page_memo.py)
LISTING_CACHE_ENABLED = False  # on in tests/core/test_page_cache_shared.py and the scale tests
PAGE_CACHE_GENERATION_FILE = os.path.join(
    tempfile.gettempdir(), f"practice-test-pages-{os.getpid()}.generation"
)
WAGTAILADMIN_BASE_URL = "http://testserver"
# Page counts wait in memory until a test writes them (core.visits.services.page_counts_flush).
PAGE_COUNTS_FLUSH_SECONDS = 10**9
LOGGING = {"version": 1, "disable_existing_loggers": False}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Threaded tests (booking concurrency) need a file: an in-memory shared-cache database answers
    # "table is locked" at once instead of waiting, so IMMEDIATE transactions cannot queue.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"practice-test-{os.getpid()}.sqlite3")
    }
