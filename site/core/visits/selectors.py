"""Reads of the page counts."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from core.visits.models import PageDayCount


@dataclass(frozen=True)
class PageTotals:
    views: int
    booking_starts: int


def page_totals(*, first: date, last: date) -> dict[int, PageTotals]:
    """Views and booking starts per page id over the days first..last (both included)."""
    rows = (
        PageDayCount.objects.filter(day__gte=first, day__lte=last)
        .values("page_id")
        .annotate(views=Sum("views"), starts=Sum("booking_starts"))
        .values_list("page_id", "views", "starts")
    )
    return {page_id: PageTotals(views or 0, starts or 0) for page_id, views, starts in rows}
