"""The times of the booking flow as plain values: which days are shown, the times on each, the
paging, and the next free day. No HTTP and no database: built from slots already found
(booking.selectors.timetable_slots) and the links the caller makes for them."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking import formatting, slots

DAYS_PER_PAGE = 7
DST_NOTE = "Clocks change on this day; the times shown are already adjusted."


@dataclass(frozen=True)
class DaySpan:
    """The days one page shows (first … end) within what may be booked (today … last)."""

    today: date
    last: date
    first: date
    end: date

    @classmethod
    def starting(
        cls, *, start_day: date | None, now: datetime, tz: ZoneInfo, horizon_days: int
    ) -> "DaySpan":
        """DAYS_PER_PAGE days from start_day (today when none), kept within the horizon."""
        today = now.astimezone(tz).date()
        last = (now + timedelta(days=horizon_days)).astimezone(tz).date()
        first = min(max(start_day or today, today), last)
        end = min(first + timedelta(days=DAYS_PER_PAGE - 1), last)
        return cls(today=today, last=last, first=first, end=end)

    @property
    def previous_day(self) -> date | None:
        return self.first - timedelta(days=DAYS_PER_PAGE) if self.first > self.today else None

    @property
    def next_day(self) -> date | None:
        return self.end + timedelta(days=1) if self.end < self.last else None

    def dates(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.end - self.first).days + 1)]


@dataclass(frozen=True)
class Opening:
    """One bookable time: its start (UTC), who offers it, and the link that books it."""

    start: datetime
    practitioner: str
    url: str


@dataclass(frozen=True)
class Time:
    label: str
    aria: str
    url: str
    practitioner: str


@dataclass(frozen=True)
class Day:
    date: date
    label: str
    slots: list[Time]
    dst_note: str
    closed: bool = False
    closed_reason: str = ""  # what patients may see, "" when none is public


def _clocks_change(day: date, tz: ZoneInfo) -> bool:
    day_start, day_end = slots.local_day_bounds(day, tz)
    return (
        day_start.astimezone(tz).utcoffset()
        != (day_end - timedelta(seconds=1)).astimezone(tz).utcoffset()
    )


def _time(opening: Opening, tz: ZoneInfo, *, name_practitioner: bool) -> Time:
    local = opening.start.astimezone(tz)
    label = formatting.time_label(local)
    aria = f"{formatting.day_label(local)}, {label}"
    if name_practitioner:
        aria += f", with {opening.practitioner}"
    return Time(label=label, aria=aria, url=opening.url, practitioner=opening.practitioner)


@dataclass(frozen=True)
class Timetable:
    days: list[Day]
    has_slots: bool
    zone: str
    previous_day: date | None
    next_day: date | None
    next_available: date | None
    range_label: str

    @property
    def next_available_label(self) -> str:
        return formatting.day_label(self.next_available) if self.next_available else ""

    @classmethod
    def build(
        cls,
        *,
        span: DaySpan,
        tz: ZoneInfo,
        openings: Sequence[Opening],
        name_practitioner: bool,
        next_available: date | None = None,
        closed: Mapping[date, str] | None = None,
    ) -> "Timetable":
        """The days of the span, each with its times in order. name_practitioner: say whose
        time it is (when the patient chose "anyone"). closed: the days no one works, with the
        reason patients may see."""
        closed = closed or {}
        by_day: dict[date, list[Time]] = {}
        for opening in openings:
            day = opening.start.astimezone(tz).date()
            by_day.setdefault(day, []).append(
                _time(opening, tz, name_practitioner=name_practitioner)
            )
        days = [
            Day(
                date=day,
                label=formatting.day_label(day),
                slots=by_day.get(day, []),
                dst_note=DST_NOTE if _clocks_change(day, tz) else "",
                closed=day in closed and day not in by_day,
                closed_reason=closed.get(day, "") if day not in by_day else "",
            )
            for day in span.dates()
        ]
        return cls(
            days=days,
            has_slots=bool(openings),
            zone=formatting.zone_label(tz),
            previous_day=span.previous_day,
            next_day=span.next_day,
            next_available=next_available,
            range_label=f"{formatting.day_label(span.first)} to {formatting.day_label(span.end)}",
        )
