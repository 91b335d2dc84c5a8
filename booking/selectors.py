"""Reads of the booking app: rules, services, availability, slots, promo-code usage, reports.

Query counts do not grow with the number of days, practitioners or bookings: availability for any
range is four queries (hours, extra hours, closures, busy intervals).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TypedDict
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from booking import promo as promo_rules
from booking import slots
from booking.models import (
    ACTIVE_STATUSES,
    REDEEMED_STATUSES,
    VISIT_STATUSES,
    Booking,
    BookingPage,
    BookingSettings,
    Closure,
    ExtraHours,
    Patient,
    Practitioner,
    PromoCode,
    Service,
    Status,
    WorkingHours,
    normalise_email,
)
from core.models import SiteSettings

# --- rules ---------------------------------------------------------------------------------


def booking_settings(
    *, request: HttpRequest | None = None, site: Site | None = None
) -> BookingSettings:
    # Wagtail's settings lookups are untyped: name the type they return.
    settings: BookingSettings
    if request is not None:
        settings = BookingSettings.for_request(request)
        return settings
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return BookingSettings(site=None)
    settings = BookingSettings.for_site(site)
    return settings


def slot_rules(settings: BookingSettings) -> slots.Rules:
    return slots.Rules(
        tz=settings.zone,
        step=timedelta(minutes=settings.slot_step_minutes),
        buffer=timedelta(minutes=settings.buffer_minutes),
        min_notice=timedelta(hours=settings.min_notice_hours),
        horizon=timedelta(days=settings.horizon_days),
    )


def booking_page() -> BookingPage | None:
    return BookingPage.objects.live().first()  # type: ignore[no-any-return]  # Wagtail's PageQuerySet is untyped


def practice_details(site: Site | None = None) -> dict[str, str]:
    """The practice's name, phone, e-mail and one-line address, from the site's settings."""
    site = site or Site.objects.filter(is_default_site=True).first()
    practice = SiteSettings.for_site(site) if site else None
    name = getattr(practice, "practice_name", "") or "the practice"
    address = ", ".join(getattr(practice, "address_lines", []) or [])
    return {
        "name": name,
        "phone": getattr(practice, "phone", ""),
        "email": getattr(practice, "email", ""),
        "address": address,
    }


# --- catalogue -----------------------------------------------------------------------------


def bookable_services() -> QuerySet[Service]:
    """Active services that at least one active practitioner offers, in display order."""
    return (
        Service.objects.filter(active=True, practitioners__active=True)
        .distinct()
        .order_by("sort_order", "name")
    )


def service_by_slug(slug: str | None) -> Service | None:
    if not slug or len(slug) > 80:
        return None
    return bookable_services().filter(slug=slug).first()


def practitioners_for(service: Service) -> QuerySet[Practitioner]:
    # Practitioner's base class is untyped (modelcluster): name the queryset's type.
    rows: QuerySet[Practitioner] = Practitioner.objects.filter(active=True, services=service)
    return rows.order_by("sort_order", "name")


def practitioner_by_slug(service: Service, slug: str | None) -> Practitioner | None:
    if not slug or len(slug) > 80:
        return None
    return practitioners_for(service).filter(slug=slug).first()


# --- availability --------------------------------------------------------------------------


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
) -> list[Slot]:
    """Free slots of a service from first_day to last_day (practice-local dates).

    With one_per_time ("anyone"), each start time is offered once, by the practitioner with the
    fewest appointments that day, so the diary fills evenly.
    """
    now = now or timezone.now()
    rules = slot_rules(settings)
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
        load: defaultdict[tuple[int, date], int] = defaultdict(int)
        for pid, intervals in busy.items():
            for b_start, _ in intervals:
                load[(pid, b_start.astimezone(rules.tz).date())] += 1
        best: dict[datetime, Slot] = {}
        for slot in found:
            key = (
                load[(slot.practitioner.pk, slot.start.astimezone(rules.tz).date())],
                order[slot.practitioner.pk],
            )
            current = best.get(slot.start)
            if current is None or key < (
                load[(current.practitioner.pk, current.start.astimezone(rules.tz).date())],
                order[current.practitioner.pk],
            ):
                best[slot.start] = slot
        found = list(best.values())
    found.sort(key=lambda s: (s.start, order[s.practitioner.pk]))
    return found


def slot_if_available(
    *,
    service: Service,
    practitioner: Practitioner,
    start: datetime,
    settings: BookingSettings,
    now: datetime | None = None,
    exclude_booking_id: int | None = None,
) -> Slot | None:
    """The slot when it is one that would be offered right now, else None.

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


# --- patients and codes --------------------------------------------------------------------


def patient_by_email(email: str) -> Patient | None:
    return Patient.objects.filter(email=normalise_email(email)).first()


def patient_is_returning(*, patient: Patient | None, exclude_booking_id: int | None = None) -> bool:
    """Known to the clinic, or any other confirmed or completed booking."""
    if patient is None or patient.pk is None:
        return False
    if patient.known_to_clinic:
        return True
    visits = Booking.objects.filter(patient=patient, status__in=VISIT_STATUSES)
    if exclude_booking_id:
        visits = visits.exclude(pk=exclude_booking_id)
    return visits.exists()


def promo_by_code(text: str | None, *, for_update: bool = False) -> PromoCode | None:
    """The code a patient typed, if there is one. With for_update its row is locked until the
    transaction ends, so concurrent redemptions are counted one after another."""
    code = promo_rules.normalise_code(text)
    if not code or len(code) > promo_rules.MAX_CODE_LENGTH:
        return None
    codes = PromoCode.objects.select_for_update() if for_update else PromoCode.objects.all()
    return codes.filter(code=code).first()


def _uses_filter(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": REDEEMED_STATUSES}) | Q(
        **{f"{prefix}status": Status.HELD, f"{prefix}hold_expires_at__gt": now}
    )


def promo_usage(
    *,
    promo: PromoCode,
    patient: Patient | None,
    now: datetime,
    exclude_booking_id: int | None = None,
) -> promo_rules.Usage:
    """Uses of a code (live holds reserve one), by everyone and by this patient."""
    uses = Booking.objects.filter(_uses_filter(now), promo=promo)
    if exclude_booking_id:
        uses = uses.exclude(pk=exclude_booking_id)
    counts = uses.aggregate(
        total=Count("pk"),
        mine=Count("pk", filter=Q(patient=patient) if patient and patient.pk else Q(pk=None)),
    )
    return promo_rules.Usage(
        total_uses=counts["total"],
        patient_uses=counts["mine"],
        patient_is_returning=patient_is_returning(
            patient=patient, exclude_booking_id=exclude_booking_id
        ),
    )


def evaluate_code(
    *,
    text: str,
    service_id: int,
    price: Decimal,
    patient: Patient | None,
    now: datetime,
    exclude_booking_id: int | None = None,
    for_update: bool = False,
) -> tuple[PromoCode | None, promo_rules.Result]:
    """The code a patient typed and whether it applies to this service and price (the booking
    being evaluated left out of the counts)."""
    promo = promo_by_code(text, for_update=for_update)
    if promo is None:
        return None, promo_rules.evaluate(
            code=None, service_id=service_id, price=price, now=now, usage=promo_rules.Usage()
        )
    usage = promo_usage(
        promo=promo, patient=patient, now=now, exclude_booking_id=exclude_booking_id
    )
    return promo, promo_rules.evaluate(
        code=promo.as_rules(), service_id=service_id, price=price, now=now, usage=usage
    )


def promo_codes_with_uses() -> QuerySet[PromoCode]:
    now = timezone.now()
    return PromoCode.objects.annotate(
        uses=Count("bookings", filter=_uses_filter(now, "bookings__"))
    )


class WeekCount(TypedDict):
    week: date  # the Monday
    bookings: int
    redemptions: int


# --- staff views ---------------------------------------------------------------------------


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
