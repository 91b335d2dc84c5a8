"""Reads of the booking app: free slots.

Query counts do not grow with the number of days, practitioners or bookings: availability for any
range is four queries (hours, extra hours, closures, busy intervals).
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F, Q
from django.utils import timezone

from booking import slots
from booking.models import (
    Booking,
    BookingSettings,
    Closure,
    ExtraHours,
    Practitioner,
    Service,
    Status,
    WorkingHours,
    normalise_email,
)
from booking.selectors.rules import slot_rules
from booking.timetable import DaySpan


@dataclass(frozen=True)
class Slot:
    practitioner: Practitioner
    start: datetime  # UTC
    end: datetime  # UTC

    @property
    def slot_id(self) -> str:
        return encode_slot(self.practitioner.pk, self.start)


def encode_slot(practitioner_id: int, start: datetime) -> str:
    return f"{practitioner_id}-{start.astimezone(UTC):%Y%m%d%H%M}"


def decode_slot(value: str | None) -> tuple[int, datetime] | None:
    """'3-202603091700' → (3, 2026-03-09 17:00 UTC); None when malformed."""
    if not isinstance(value, str) or not _SLOT_ID.fullmatch(value):
        return None
    pid, _, stamp = value.partition("-")
    try:
        start = datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=UTC)
    except ValueError:
        return None
    return int(pid), start


_SLOT_ID = re.compile(r"[0-9]{1,9}-[0-9]{12}")


def busy_intervals(
    *,
    practitioner_ids: Iterable[int],
    start: datetime,
    end: datetime,
    now: datetime,
    exclude_booking_id: int | None = None,
) -> dict[int, list[tuple[datetime, datetime]]]:
    """Time each practitioner is taken: confirmed bookings and live holds, buffers included."""
    rows = Booking.objects.filter(
        Q(status=Status.CONFIRMED) | Q(status=Status.HELD, hold_expires_at__gt=now),
        practitioner_id__in=list(practitioner_ids),
        start__lt=end,
        blocked_until__gt=start,
    )
    if exclude_booking_id:
        rows = rows.exclude(pk=exclude_booking_id)
    busy: defaultdict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for pid, b_start, b_end in rows.values_list("practitioner_id", "start", "blocked_until"):
        busy[pid].append((b_start, b_end))
    return busy


def availability(
    *, practitioner_ids: Iterable[int], first_day: date, last_day: date
) -> tuple[dict[int, list[slots.Window]], dict[int, list[slots.DayOff]]]:
    """(windows, days off) per practitioner id, from three queries whatever the range."""
    ids = list(practitioner_ids)
    windows: defaultdict[int, list[slots.Window]] = defaultdict(list)
    for pid, weekday, start, end in WorkingHours.objects.filter(
        practitioner_id__in=ids
    ).values_list("practitioner_id", "weekday", "start", "end"):
        windows[pid].append(slots.Window(start=start, end=end, weekday=weekday))
    for pid, day, start, end in ExtraHours.objects.filter(
        practitioner_id__in=ids, date__gte=first_day, date__lte=last_day
    ).values_list("practitioner_id", "date", "start", "end"):
        windows[pid].append(slots.Window(start=start, end=end, day=day))
    days_off: defaultdict[int, list[slots.DayOff]] = defaultdict(list)
    practice_wide: list[slots.DayOff] = []
    for pid, first, last in Closure.objects.filter(
        Q(practitioner_id__in=ids) | Q(practitioner__isnull=True),
        start_date__lte=last_day,
        end_date__gte=first_day,
    ).values_list("practitioner_id", "start_date", "end_date"):
        off = slots.DayOff(first=first, last=last)
        if pid is None:
            practice_wide.append(off)
        else:
            days_off[pid].append(off)
    return (
        {pid: windows[pid] for pid in ids},
        {pid: practice_wide + days_off[pid] for pid in ids},
    )


def closed_days(*, practitioners: Iterable[Practitioner], span: DaySpan) -> dict[date, str]:
    """The days a timetable page shows on which none of the practitioners works (a closure,
    or no working hours), each with the reason patients may see ("" when none is public).
    Four queries whatever the range."""
    ids = [p.pk for p in practitioners]
    first_day, last_day = span.first, span.end
    if not ids or last_day < first_day:
        return {}
    windows, days_off = availability(practitioner_ids=ids, first_day=first_day, last_day=last_day)
    closures = Closure.objects.filter(
        Q(practitioner_id__in=ids) | Q(practitioner__isnull=True),
        start_date__lte=last_day,
        end_date__gte=first_day,
    ).exclude(public_reason="")
    public = list(
        closures.order_by(F("practitioner_id").asc(nulls_first=True), "start_date").values_list(
            "start_date", "end_date", "public_reason"
        )
    )
    closed: dict[date, str] = {}
    day = first_day
    while day <= last_day:
        if all(
            slots.is_closed(day, days_off[pid]) or not slots.windows_for_day(day, windows[pid])
            for pid in ids
        ):
            closed[day] = next((text for first, last, text in public if first <= day <= last), "")
        day += timedelta(days=1)
    return closed


def available_slots(
    *,
    service: Service,
    practitioners: Iterable[Practitioner],
    first_day: date,
    last_day: date,
    settings: BookingSettings,
    now: datetime | None = None,
    exclude_booking_id: int | None = None,
    one_per_time: bool = False,
    staff: bool = False,
) -> list[Slot]:
    """Free slots of a service from first_day to last_day (practice-local dates).

    With one_per_time ("anyone"), each start time is offered once, by the practitioner with the
    fewest appointments that day, so the diary fills evenly. With staff, times inside the
    minimum notice are offered too (Reception may book them); overlaps never are.
    """
    now = now or timezone.now()
    rules = slot_rules(settings)
    if staff:
        rules = replace(rules, min_notice=timedelta(0))
    practitioners = list(practitioners)
    by_id = {p.pk: p for p in practitioners}
    if not by_id or last_day < first_day:
        return []
    range_start, _ = slots.local_day_bounds(first_day, rules.tz)
    _, range_end = slots.local_day_bounds(last_day, rules.tz)
    windows, days_off = availability(practitioner_ids=by_id, first_day=first_day, last_day=last_day)
    busy = busy_intervals(
        practitioner_ids=by_id,
        start=range_start - timedelta(days=1),
        end=range_end + timedelta(days=1),
        now=now,
        exclude_booking_id=exclude_booking_id,
    )
    duration = timedelta(minutes=service.duration_minutes)
    found: list[Slot] = []
    for pid, practitioner in by_id.items():
        for start in slots.available_starts(
            rules=rules,
            windows=windows[pid],
            days_off=days_off[pid],
            busy=busy.get(pid, []),
            duration=duration,
            now=now,
            first_day=first_day,
            last_day=last_day,
        ):
            found.append(Slot(practitioner=practitioner, start=start, end=start + duration))
    order = {p.pk: i for i, p in enumerate(practitioners)}
    if one_per_time and len(by_id) > 1:
        found = _one_per_time(found, busy=busy, order=order, tz=rules.tz)
    found.sort(key=lambda s: (s.start, order[s.practitioner.pk]))
    return found


def _one_per_time(
    found: list[Slot],
    *,
    busy: dict[int, list[tuple[datetime, datetime]]],
    order: dict[int, int],
    tz: ZoneInfo,
) -> list[Slot]:
    """Each start time once, by the practitioner with the fewest appointments that day (then
    the first in display order), so the diary fills evenly."""
    load: defaultdict[tuple[int, date], int] = defaultdict(int)
    for pid, intervals in busy.items():
        for b_start, _ in intervals:
            load[(pid, b_start.astimezone(tz).date())] += 1

    def key(slot: Slot) -> tuple[int, int]:
        pk = slot.practitioner.pk
        return load[(pk, slot.start.astimezone(tz).date())], order[pk]

    best: dict[datetime, Slot] = {}
    for slot in found:
        current = best.get(slot.start)
        if current is None or key(slot) < key(current):
            best[slot.start] = slot
    return list(best.values())


def timetable_slots(
    *,
    service: Service,
    practitioners: Sequence[Practitioner],
    span: DaySpan,
    settings: BookingSettings,
    now: datetime,
    exclude_booking_id: int | None = None,
    one_per_time: bool = False,
) -> tuple[list[Slot], date | None]:
    """The free slots of the days a timetable page shows and, when there are none, the next
    day with a free slot before the horizon (None when there is none)."""
    found = available_slots(
        service=service,
        practitioners=practitioners,
        first_day=span.first,
        last_day=span.end,
        settings=settings,
        now=now,
        exclude_booking_id=exclude_booking_id,
        one_per_time=one_per_time,
    )
    if found or span.end >= span.last:
        return found, None
    later = available_slots(
        service=service,
        practitioners=practitioners,
        first_day=span.end + timedelta(days=1),
        last_day=span.last,
        settings=settings,
        now=now,
        exclude_booking_id=exclude_booking_id,
        one_per_time=one_per_time,
    )
    return found, later[0].start.astimezone(settings.zone).date() if later else None


def slot_if_available(
    *,
    service: Service,
    practitioner: Practitioner,
    start: datetime,
    settings: BookingSettings,
    now: datetime | None = None,
    exclude_booking_id: int | None = None,
    staff: bool = False,
) -> Slot | None:
    """The slot when it is one that would be offered right now (to staff: inside the minimum
    notice too), else None.

    A start outside now … now + the horizon is never offered: refused before any date
    arithmetic (year 1 or 9999 would overflow it)."""
    now = now or timezone.now()
    if not now - timedelta(days=1) <= start <= now + timedelta(days=settings.horizon_days + 2):
        return None
    tz = settings.zone
    day = start.astimezone(tz).date()
    for slot in available_slots(
        service=service,
        practitioners=[practitioner],
        first_day=day,
        last_day=day,
        settings=settings,
        now=now,
        exclude_booking_id=exclude_booking_id,
        staff=staff,
    ):
        if slot.start == start:
            return slot
    return None


def own_live_hold(
    *,
    service: Service,
    practitioner: Practitioner,
    start: datetime,
    now: datetime,
    references: Iterable[object] = (),
    name: str = "",
    email: str = "",
    phone: str = "",
) -> Booking | None:
    """A live hold of this time that is the patient's own: its reference is one of
    `references` (held in their session), or it carries the same name, e-mail and phone."""
    mine = Q(reference__in=[r for r in references if isinstance(r, str)][-10:])
    if email and name:
        mine |= Q(
            patient__email=normalise_email(email),
            patient_name=" ".join(name.split())[:120],
            patient_phone=(phone or "").strip()[:40],
        )
    return (
        Booking.objects.filter(
            mine,
            status=Status.HELD,
            hold_expires_at__gt=now,
            service=service,
            practitioner=practitioner,
            start=start,
        )
        .order_by("-created_at")
        .first()
    )


def booking_by_reference(reference: str) -> Booking | None:
    """The booking a signed link names, with what its pages show."""
    return (
        Booking.objects.select_related("practitioner", "service", "patient", "promo")
        .filter(reference=reference)
        .first()
    )
