"""The CACHES setting: Redis when a URL is given, else memory local to each process.

Redis is optional at run time. When it refuses connections or hangs, a call gives up after the
socket timeout, and for RETRY_AFTER seconds the process does not try Redis again
(core.cache.FallbackCache):
- "default" (Wagtail's site root paths, renditions, ...) reads every call as a miss (DummyCache);
- "ratelimit" (django-ratelimit's counters) counts in the process's memory, so the limits still
  hold, per process, and never fail open;
- "pages" (the anonymous page cache, core.page_cache) reads every call as a miss: pages are built
  from the database, and nothing stored before the outage is served after it unless it is current.
"""

from redis.backoff import NoBackoff
from redis.retry import Retry

LOCAL = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
# Room for the counters of many senders: culling at the default 300 entries would forget counts.
COUNTERS = {**LOCAL, "OPTIONS": {"MAX_ENTRIES": 10_000}}


def build_caches(
    redis_url: str,
    *,
    key_prefix: str = "practice",
    connect_timeout: float = 0.25,
    socket_timeout: float = 0.25,
    retry_after: float = 5.0,
    pages_max_entries: int = 500,
) -> dict:
    if not redis_url:
        return {
            "default": {**LOCAL, "LOCATION": "default"},
            "ratelimit": {**COUNTERS, "LOCATION": "ratelimit"},
            # Whole pages (about 30-60 KB each), per process: the cap bounds each worker's memory.
            "pages": {**LOCAL, "LOCATION": "pages", "OPTIONS": {"MAX_ENTRIES": pages_max_entries}},
        }

    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": connect_timeout,
            "SOCKET_TIMEOUT": socket_timeout,
            # One attempt per call: a retry would double the wait on a hung server.
            "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
        },
    }

    def redis_or(fallback: dict) -> dict:
        return {
            "BACKEND": "core.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": redis, "FALLBACK": fallback, "RETRY_AFTER": retry_after},
        }

    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    return {
        "default": redis_or(dummy),
        "ratelimit": redis_or({**COUNTERS, "LOCATION": "ratelimit-fallback"}),
        "pages": redis_or(dummy),
    }
