"""core.cache.FallbackCache: the primary while it answers, the fallback for a while after it fails."""

import pytest
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import ConnectionError as RedisConnectionError

from config.settings.caches import build_caches
from core.cache import FallbackCache

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


class FlakyCache(LocMemCache):
    """Local memory that raises like a Redis client while `down` is set."""

    down = False

    def _check(self):
        if FlakyCache.down:
            raise RedisConnectionError("Connection refused")

    def add(self, *args, **kwargs):
        self._check()
        return super().add(*args, **kwargs)

    def get(self, *args, **kwargs):
        self._check()
        return super().get(*args, **kwargs)

    def set(self, *args, **kwargs):
        self._check()
        return super().set(*args, **kwargs)

    def incr(self, *args, **kwargs):
        self._check()
        return super().incr(*args, **kwargs)


@pytest.fixture
def flaky():
    FlakyCache.down = False
    yield FlakyCache
    FlakyCache.down = False


@pytest.fixture
def clock(monkeypatch):
    """core.cache's monotonic clock, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr("core.cache.time.monotonic", lambda: now[0])
    return now


def fallback_cache(primary_backend, location, retry_after=5):
    return FallbackCache(
        "",
        {
            "OPTIONS": {
                "PRIMARY": {"BACKEND": primary_backend, "LOCATION": f"primary-{location}"},
                "FALLBACK": {"BACKEND": LOCMEM, "LOCATION": f"fallback-{location}"},
                "RETRY_AFTER": retry_after,
            }
        },
    )


def test_values_live_in_the_primary_while_it_answers(flaky):
    cache = fallback_cache("tests.core.test_cache.FlakyCache", "healthy")
    cache.set("hits", 3)
    assert cache.primary.get("hits") == 3
    assert cache.fallback.get("hits") is None


def test_incr_of_a_missing_key_raises_as_usual(flaky):
    cache = fallback_cache("tests.core.test_cache.FlakyCache", "missing")
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-set")


def test_counts_go_on_in_the_fallback_while_the_primary_is_down(flaky, clock):
    cache = fallback_cache("tests.core.test_cache.FlakyCache", "down")
    flaky.down = True
    assert cache.add("rl:contact", 1) is True
    assert cache.incr("rl:contact") == 2
    assert cache.fallback.get("rl:contact") == 2


def test_the_primary_is_left_alone_then_tried_again(flaky, clock):
    cache = fallback_cache("tests.core.test_cache.FlakyCache", "retry", retry_after=5)
    flaky.down = True
    cache.set("page", "old")  # fails over: the primary is left alone for 5 s
    flaky.down = False
    clock[0] += 4
    assert cache.get("page") == "old"  # still the fallback
    clock[0] += 2
    assert cache.get("page") is None  # the primary again, which never had it


def test_a_hung_server_costs_one_connection_per_retry_window(hung_redis, clock):
    config = build_caches(hung_redis.url, socket_timeout=0.1, connect_timeout=0.1)["default"]
    cache = FallbackCache("", config)
    assert cache.get("site-root-paths") is None
    assert cache.get("site-root-paths") is None
    cache.set("site-root-paths", [1])
    assert len(hung_redis.connections) == 1


def test_a_refused_server_reads_as_a_miss(refused_redis):
    cache = FallbackCache("", build_caches(refused_redis.url)["default"])
    cache.set("site-root-paths", [1])
    assert cache.get("site-root-paths", "miss") == "miss"
