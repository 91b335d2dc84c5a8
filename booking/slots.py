"""Slot computation: pure functions of plain values (no ORM, no settings, no clock).

Times of day are laid out on the practice's wall clock, day by day, and only then converted to
UTC, so a 9:00 slot is at 9:00 local time on either side of a daylight-saving change. Durations
are real elapsed time: a 60-minute appointment lasts 60 minutes even across a change.

Everything returned is an aware datetime in UTC.
"""

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Window:
    """A range of working time on the wall clock: weekly (weekday 0 = Monday) or one-off (day)."""

    start: time
    end: time
    weekday: int | None = None
    day: date | None = None


@dataclass(frozen=True)
class DayOff:
    """Closed from first to last, both included (a holiday, a course, a practice-wide closure)."""

    first: date
    last: date


@dataclass(frozen=True)
class Rules:
    """The practice's booking rules, as plain values."""

    tz: ZoneInfo
    step: timedelta = timedelta(minutes=15)
    buffer: timedelta = timedelta(0)
    min_notice: timedelta = timedelta(hours=12)
    horizon: timedelta = timedelta(days=60)


def local_day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants at which a local calendar day starts and ends (23 or 25 h on DST days)."""
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _wall_to_utc(wall: datetime, tz: ZoneInfo) -> datetime | None:
    """A naive wall-clock time in tz as UTC, or None when that time does not exist (spring gap).

    Ambiguous times (the repeated hour in autumn) take their first occurrence.
    """
    aware = wall.replace(tzinfo=tz)
    utc = aware.astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) != wall:
        return None
    return utc


def _merge(windows: list[tuple[time, time]]) -> list[tuple[time, time]]:
    merged: list[list[time]] = []
    for start, end in sorted(windows):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def is_closed(day: date, days_off: Iterable[DayOff]) -> bool:
    return any(off.first <= day <= off.last for off in days_off)


def windows_for_day(day: date, windows: Iterable[Window]) -> list[tuple[time, time]]:
    """The merged working ranges of one day: weekly hours of its weekday plus one-off hours."""
    weekday = day.weekday()
    return _merge(
        [
            (w.start, w.end)
            for w in windows
            if (w.day is None and w.weekday == weekday) or w.day == day
        ]
    )


class Busy:
    """Busy intervals [start, end) with a fast "does [a, b) overlap any of them?" query."""

    def __init__(self, intervals: Iterable[tuple[datetime, datetime]]) -> None:
        merged: list[list[datetime]] = []
        for start, end in sorted(intervals):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, start: datetime, end: datetime) -> bool:
        # The first merged interval ending after `start` is the only candidate.
        i = bisect_right(self.ends, start)
        return i < len(self.starts) and self.starts[i] < end


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open ranges [a_start, a_end) and [b_start, b_end) share at least one instant."""
    return a_start < b_end and b_start < a_end


def _window_starts(
    day: date, w_start: time, w_end: time, *, tz: ZoneInfo, step: timedelta, duration: timedelta
) -> Iterator[datetime]:
    """Starts (UTC) on the step grid of one working range whose appointment ends within it."""
    range_start = datetime.combine(day, w_start)
    range_end_wall = datetime.combine(day, w_end)
    range_end = datetime.combine(day, w_end, tzinfo=tz).astimezone(UTC)
    start_utc = _wall_to_utc(range_start, tz)
    # When the whole range has one UTC offset, step in UTC; otherwise (a range that spans a
    # change, e.g. a night shift) convert every wall-clock candidate.
    uniform = start_utc is not None and range_end - start_utc == range_end_wall - range_start
    wall = range_start
    candidate = start_utc
    while wall < range_end_wall:
        if not uniform:
            candidate = _wall_to_utc(wall, tz)
        if candidate is not None:
            if candidate + duration > range_end:
                return
            yield candidate
        wall += step
        if uniform and candidate is not None:
            candidate = candidate + step


def available_starts(
    *,
    rules: Rules,
    windows: Iterable[Window],
    days_off: Iterable[DayOff],
    busy: Iterable[tuple[datetime, datetime]],
    duration: timedelta,
    now: datetime,
    first_day: date,
    last_day: date,
) -> list[datetime]:
    """Start times (UTC) of every free slot of one practitioner from first_day to last_day (local).

    A slot starting at s is offered when:
      - s lies on the step grid of one of the day's working ranges (wall clock),
      - s + duration ends within that range (the buffer may run past closing),
      - [s, s + duration + buffer) overlaps no busy interval (busy intervals already carry their
        own buffer, so a new appointment neither starts inside another one's buffer nor leaves too
        little time before the next),
      - s is at least min_notice after now and no more than horizon after now,
      - the day is not closed.
    """
    tz = rules.tz
    windows = list(windows)
    days_off = list(days_off)
    busy_index = busy if isinstance(busy, Busy) else Busy(busy)
    earliest = now + rules.min_notice
    latest = now + rules.horizon
    blocked = duration + rules.buffer
    step_minutes = max(1, int(rules.step.total_seconds() // 60))
    step = timedelta(minutes=step_minutes)
    today_local = now.astimezone(tz).date()
    first_day = max(first_day, today_local)
    last_day = min(last_day, latest.astimezone(tz).date())

    result: list[datetime] = []
    day = first_day
    while day <= last_day:
        if not is_closed(day, days_off):
            for w_start, w_end in windows_for_day(day, windows):
                for candidate in _window_starts(
                    day, w_start, w_end, tz=tz, step=step, duration=duration
                ):
                    if earliest <= candidate <= latest and not busy_index.overlaps(
                        candidate, candidate + blocked
                    ):
                        result.append(candidate)
        day += timedelta(days=1)
    return result


def group_by_local_day(
    starts: Iterable[datetime], tz: ZoneInfo
) -> list[tuple[date, list[datetime]]]:
    """[(local day, [starts in local time])] in order, for listing slots day by day."""
    days: dict[date, list[datetime]] = {}
    for start in sorted(starts):
        local = start.astimezone(tz)
        days.setdefault(local.date(), []).append(local)
    return list(days.items())
