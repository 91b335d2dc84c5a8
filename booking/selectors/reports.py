"""Reads of the booking app for staff: the schedule, upcoming appointments, weekly counts."""

from datetime import date, datetime, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from booking import slots
from booking.models import (
    ACTIVE_STATUSES,
    REDEEMED_STATUSES,
    Booking,
    Status,
)


class WeekCount(TypedDict):
    week: date  # the Monday
    bookings: int
    redemptions: int


def bookings_between(
    *, start: datetime, end: datetime, practitioner_id: int | None = None
) -> QuerySet[Booking]:
    rows = (
        Booking.objects.filter(
            start__lt=end, end__gt=start, status__in=[*ACTIVE_STATUSES, *REDEEMED_STATUSES]
        )
        .select_related("practitioner", "patient")
        .order_by("start")
    )
    if practitioner_id:
        rows = rows.filter(practitioner_id=practitioner_id)
    return rows


def upcoming_appointments(*, now: datetime, limit: int = 8) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(status=Status.CONFIRMED, start__gte=now)
        .select_related("practitioner")
        .order_by("start")[:limit]
    )


def weekly_counts(*, now: datetime, tz: ZoneInfo, weeks: int = 12) -> list[WeekCount]:
    """Appointments (confirmed, completed, no-show) and code redemptions per week, oldest first.

    Weeks start on Monday in the practice's time zone; the current week is the last one.
    """
    today = now.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    first, _ = slots.local_day_bounds(mondays[0], tz)
    _, last = slots.local_day_bounds(this_monday + timedelta(days=6), tz)
    counts = {m: WeekCount(week=m, bookings=0, redemptions=0) for m in mondays}
    for start, promo_id in Booking.objects.filter(
        status__in=REDEEMED_STATUSES, start__gte=first, start__lt=last
    ).values_list("start", "promo_id"):
        day = start.astimezone(tz).date()
        monday = day - timedelta(days=day.weekday())
        if monday in counts:
            counts[monday]["bookings"] += 1
            if promo_id:
                counts[monday]["redemptions"] += 1
    return [counts[m] for m in mondays]
