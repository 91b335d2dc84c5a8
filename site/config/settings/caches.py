"""The CACHES setting: Redis when a URL is given, else memory local to each process.

Redis is optional at run time. When it refuses connections or hangs, a call gives up after the
socket timeout, and for RETRY_AFTER seconds the process does not try Redis again
(core.cache.FallbackCache):
- "default" (Wagtail's site root paths, renditions, ...) reads every call as a miss (DummyCache);
- "ratelimit" (django-ratelimit's counters) counts in the process's memory, so the limits still
  hold, per process, and never fail open.
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
) -> dict:
    if not redis_url:
        return {
            "default": {**LOCAL, "LOCATION": "default"},
            "ratelimit": {**COUNTERS, "LOCATION": "ratelimit"},
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

    return {
        "default": redis_or({"BACKEND": "django.core.cache.backends.dummy.DummyCache"}),
        "ratelimit": redis_or({**COUNTERS, "LOCATION": "ratelimit-fallback"}),
    }
