"""The "Content that books" report: per page, the views and booking starts counted by
core.visits, and the bookings confirmed from a journey that started there, with their codes.
A fixed number of queries, however many pages and days."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Count
from wagtail.models import Page

from booking import slots
from booking.models import REDEEMED_STATUSES, Booking
from core.visits.selectors import page_totals


@dataclass
class ContentRow:
    page_id: int
    title: str
    kind: str
    views: int = 0
    starts: int = 0
    bookings: int = 0
    codes: Counter[str] = field(default_factory=Counter)

    @property
    def codes_used(self) -> int:
        return sum(self.codes.values())

    @property
    def codes_label(self) -> str:
        return ", ".join(f"{code} × {n}" for code, n in sorted(self.codes.items()))


def _bookings(*, first: date, last: date, tz: ZoneInfo) -> dict[int, tuple[int, Counter[str]]]:
    """Bookings confirmed on the days first..last that still stand, per source page, and the
    codes they used."""
    start, _ = slots.local_day_bounds(first, tz)
    _, end = slots.local_day_bounds(last, tz)
    rows = (
        Booking.objects.filter(
            source_page_id__isnull=False,
            status__in=REDEEMED_STATUSES,
            confirmed_at__gte=start,
            confirmed_at__lt=end,
        )
        .values("source_page_id", "promo_code_text")
        .annotate(n=Count("id"))
        .values_list("source_page_id", "promo_code_text", "n")
    )
    found: dict[int, tuple[int, Counter[str]]] = {}
    for page_id, code, n in rows:
        total, codes = found.get(page_id, (0, Counter()))
        if code:
            codes[code] += n
        found[page_id] = (total + n, codes)
    return found


def content_that_books(*, first: date, last: date, tz: ZoneInfo) -> list[ContentRow]:
    """One row per page with a view, a booking start or a booking on the days first..last
    (both included, in the practice's time zone), in no particular order."""
    counted = page_totals(first=first, last=last)
    booked = _bookings(first=first, last=last, tz=tz)
    pages = (
        Page.objects.filter(pk__in={*counted, *booked})
        .select_related("content_type")
        .only("pk", "title", "content_type__app_label", "content_type__model")
    )
    rows = []
    for page in pages:
        model = page.content_type.model_class()
        kind = str(model._meta.verbose_name).capitalize() if model else "Page"
        totals = counted.get(page.pk)
        bookings, codes = booked.get(page.pk, (0, Counter()))
        rows.append(
            ContentRow(
                page_id=page.pk,
                title=page.title,
                kind=kind,
                views=totals.views if totals else 0,
                starts=totals.booking_starts if totals else 0,
                bookings=bookings,
                codes=codes,
            )
        )
    return rows
