"""A minute's cache of the next free time per service, purged when a booking or the hours change.

Entries live in the default cache under a *generation*: a purge starts a new one, so no entry
stored before it is read again. With REDIS_URL every process shares the generation; without it
(memory local to each worker) a purge reaches only the worker that made it, and another worker
may show a time already taken for up to SECONDS (the details step then says so).
"""

import uuid
from functools import partial
from typing import Any

from django.core.cache import cache
from django.db import transaction

SECONDS = 60
GENERATION_KEY = "booking:next-free:generation"


def _generation() -> str:
    current = cache.get(GENERATION_KEY)
    if isinstance(current, str) and current:
        return current
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    stored = cache.get(GENERATION_KEY)
    return stored if isinstance(stored, str) else ""


def _key(generation: str, service_id: int) -> str:
    return f"booking:next-free:{generation}:{service_id}"


def lookup(service_id: int) -> tuple[str, dict[str, Any] | None]:
    """The current generation and the entry stored for the service, if any."""
    generation = _generation()
    entry = cache.get(_key(generation, service_id)) if generation else None
    return generation, entry if isinstance(entry, dict) else None


def store(generation: str, service_id: int, entry: dict[str, Any]) -> None:
    """Store under the generation read *before* the entry was built, so an entry built from
    rows a purge has since replaced is never served."""
    if generation:
        cache.set(_key(generation, service_id), entry, timeout=SECONDS)


def next_free_purge() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def next_free_purge_on_commit(**_: Any) -> None:
    """Purge once the current transaction commits (at once outside one). Signal receivers
    call it too, hence the keyword arguments it ignores."""
    transaction.on_commit(partial(next_free_purge))
