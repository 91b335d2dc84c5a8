"""Writes of the page counts: count in the process's memory, write in batches.

Each beacon adds one to a counter in this process (no query, no round trip to Redis). The first
request that ends after PAGE_COUNTS_FLUSH_SECONDS, or once PAGE_COUNTS_FLUSH_SIZE counters are
held, writes them all: one query to drop ids that are not pages and one UPSERT that adds them to
the day's rows. The process also writes what it holds when it exits. With
PAGE_COUNTS_FLUSH_SECONDS = 0 every beacon is written at once (bench/counts.sh compares both).

A process killed outright loses the counts it held (at most a few seconds' worth).
"""

import atexit
import logging
import threading
import time
from collections import Counter
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from core.visits.models import KIND_START, KIND_VIEW, PageDayCount

logger = logging.getLogger(__name__)

Key = tuple[int, date, str]  # page id, local day, kind

_lock = threading.Lock()
_pending: Counter[Key] = Counter()
_last_flush = time.monotonic()


def page_count_rate_limited(*, request: Any) -> bool:
    """Whether this address sent more beacons than PAGE_COUNTS_RATE_LIMIT (counted in the
    "ratelimit" cache, never stored)."""
    return bool(
        is_ratelimited(
            request,
            group="page-counts",
            key="ip",
            rate=settings.PAGE_COUNTS_RATE_LIMIT,
            method="POST",
            increment=True,
        )
    )


def page_count_add(*, page_id: int, kind: str, now: datetime | None = None) -> None:
    """Count one view of a page, or one booking journey started from it."""
    if kind not in (KIND_VIEW, KIND_START):
        raise ValueError(kind)
    day = timezone.localdate(now or timezone.now())
    with _lock:
        _pending[(page_id, day, kind)] += 1
        full = len(_pending) >= settings.PAGE_COUNTS_FLUSH_SIZE
    if full or settings.PAGE_COUNTS_FLUSH_SECONDS <= 0:
        page_counts_flush()


def _take() -> Counter[Key]:
    global _last_flush
    with _lock:
        taken = Counter(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    return taken


def _rows(taken: Counter[Key]) -> list[tuple[int, date, int, int]]:
    known = set(
        Page.objects.filter(pk__in={page_id for page_id, _, _ in taken}).values_list(
            "pk", flat=True
        )
    )
    rows: dict[tuple[int, date], list[int]] = {}
    for (page_id, day, kind), n in taken.items():
        if page_id in known:
            row = rows.setdefault((page_id, day), [0, 0])
            row[0 if kind == KIND_VIEW else 1] += n
    return [(page_id, day, v, s) for (page_id, day), (v, s) in sorted(rows.items())]


def _upsert(rows: list[tuple[int, date, int, int]]) -> None:
    table = connection.ops.quote_name(PageDayCount._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} (page_id, day, views, booking_starts) VALUES {values} "
        "ON CONFLICT (page_id, day) DO UPDATE SET "
        f"views = {table}.views + excluded.views, "
        f"booking_starts = {table}.booking_starts + excluded.booking_starts"
    )
    params: list[Any] = [value for row in rows for value in row]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def page_counts_flush() -> int:
    """Write the counts this process holds; returns how many page-day rows were touched.
    Counts for ids that are not (or no longer) pages are dropped."""
    taken = _take()
    if not taken:
        return 0
    rows = _rows(taken)
    if rows:
        _upsert(rows)
    return len(rows)


def page_counts_due() -> bool:
    return bool(_pending) and (time.monotonic() - _last_flush >= settings.PAGE_COUNTS_FLUSH_SECONDS)


def _flush_if_due(**kwargs: Any) -> None:
    if not page_counts_due():
        return
    try:
        page_counts_flush()
    except DatabaseError:
        # Counts are not worth a failed request: log and drop this batch.
        logger.exception("Could not write the page counts")


def _flush_at_exit() -> None:
    if _pending:
        page_counts_flush()


def connect() -> None:
    """Flush after a response has been sent, when due, and when the process exits."""
    request_finished.connect(_flush_if_due, dispatch_uid="visits-flush-if-due")
    atexit.register(_flush_at_exit)


def page_counts_pending() -> int:
    """How many counts this process holds (for tests and the benchmark)."""
    with _lock:
        return sum(_pending.values())
