"""Counts over a whole listing, computed once per page-cache generation and shared by workers.

The exercise library's filter counts and the blog's archive, category and tag counts read every
exercise or post: with 10,000 of them each costs tens of milliseconds, on every page of every
listing. They change only when something is published, unpublished, moved or deleted, which
starts a new page-cache generation (core.page_cache.signals). `kept(key, build)` keeps `build()`'s
value in the default cache (Redis when REDIS_URL is set, else each worker's memory) under the
current generation, so the next purge makes it unreachable; entries also expire after
LISTING_CACHE_SECONDS.

Unlike the page memo (core.page_cache.memo), it works outside a memoised request too, and does
not depend on the page cache being on. LISTING_CACHE_ENABLED=false turns it off (the test
settings do: a test that changes rows without publishing sees them at once).
"""

import hashlib
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from core.page_cache import memo, store

T = TypeVar("T")

_MISSING = object()


def key_for(key: Hashable, generation: str) -> str:
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    return f"listing:{generation}:{digest}"


def kept(key: Hashable, build: Callable[[], T]) -> T:
    """`build()`, or the value it gave under the current generation. `key` is a tuple of plain
    values (its repr names the entry); the value must pickle."""
    if not settings.LISTING_CACHE_ENABLED:
        return build()
    generation = memo.current() or store.current_generation()
    name = key_for(key, generation)
    cache = caches["default"]
    found = cache.get(name, _MISSING)
    if found is not _MISSING:
        return found
    value = build()
    cache.set(name, value, timeout=settings.LISTING_CACHE_SECONDS)
    return value
