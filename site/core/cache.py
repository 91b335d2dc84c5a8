"""A cache that keeps the site working when its shared server is refused or hung.

Django's Redis backends raise on a refused or hung connection, and Wagtail reads the cache on every
page, so an unreachable Redis would be a site outage. django-redis can ignore those errors
(IGNORE_EXCEPTIONS), but each call still waits for its socket timeout, and a page makes several
calls. This backend sends each call to PRIMARY and, after PRIMARY failed to connect or answer,
sends calls to FALLBACK for RETRY_AFTER seconds before it tries PRIMARY again: an outage costs one
socket timeout per process every RETRY_AFTER seconds, not one per call.

    CACHES["default"] = {
        "BACKEND": "core.cache.FallbackCache",
        "OPTIONS": {
            "PRIMARY": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://..."},
            "FALLBACK": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
            "RETRY_AFTER": 5,
        },
    }

FALLBACK is DummyCache for a cache of derived data (every read is a miss, nothing goes stale) and
LocMemCache for counters that must keep counting (rate limits, per process). PRIMARY must raise on
connection errors (django-redis without IGNORE_EXCEPTIONS, or Django's RedisCache); other errors,
such as ValueError from incr() on a missing key, pass through unchanged.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils.module_loading import import_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# When each primary server may be tried again (time.monotonic()), by server. Shared by the threads
# of a process: Django builds one cache object per thread, and one timeout per process is enough.
_retry_at: dict[str, float] = {}


def _build(config):
    params = {k: v for k, v in config.items() if k not in {"BACKEND", "LOCATION"}}
    return import_string(config["BACKEND"])(config.get("LOCATION", ""), params)


class FallbackCache(BaseCache):
    """Every call goes to PRIMARY; for RETRY_AFTER seconds after PRIMARY was unreachable, to FALLBACK."""

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.primary = _build(options["PRIMARY"])
        self.fallback = _build(options["FALLBACK"])
        self.retry_after = float(options.get("RETRY_AFTER", 5))
        self._server = f"{options['PRIMARY']['BACKEND']}:{options['PRIMARY'].get('LOCATION', '')}"

    @property
    def primary_available(self) -> bool:
        return time.monotonic() >= _retry_at.get(self._server, 0.0)

    def _call(self, method, *args, **kwargs):
        if self.primary_available:
            try:
                return getattr(self.primary, method)(*args, **kwargs)
            except UNAVAILABLE as error:
                _retry_at[self._server] = time.monotonic() + self.retry_after
                logger.warning(
                    "Cache server unavailable (%s: %s); using the fallback for %ss",
                    type(error).__name__,
                    error,
                    self.retry_after,
                )
        return getattr(self.fallback, method)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta=delta, version=version)

    def clear(self):
        self.fallback.clear()
        return self._call("clear")

    def close(self, **kwargs):
        self.primary.close(**kwargs)
        self.fallback.close(**kwargs)
