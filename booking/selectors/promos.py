"""Reads of the booking app: patients and promo codes (the one place a code is looked up and
judged)."""

import re
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils import timezone

from booking import promo as promo_rules
from booking.models import (
    REDEEMED_STATUSES,
    VISIT_STATUSES,
    Booking,
    Patient,
    PromoCode,
    Status,
    normalise_email,
)


def patient_by_email(email: str) -> Patient | None:
    return Patient.objects.filter(email=normalise_email(email)).first()


def patients_matching(*, text: str, limit: int = 20) -> list[Patient]:
    """Patients whose name, e-mail or phone contains `text` (a phone matched on its digits), each
    with `visits`: their attended appointments. One query whatever the number of patients."""
    text = " ".join((text or "").split())[:120]
    if len(text) < 2:
        return []
    match = Q(name__icontains=text) | Q(email__icontains=text) | Q(phone__icontains=text)
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 3:
        match |= Q(phone_digits__contains=digits)
    rows = (
        Patient.objects.annotate(
            phone_digits=Replace(
                Replace(
                    Replace(Replace("phone", Value("-"), Value("")), Value(" "), Value("")),
                    Value("("),
                    Value(""),
                ),
                Value(")"),
                Value(""),
            ),
            visits=Count("bookings", filter=Q(bookings__status=Status.COMPLETED)),
        )
        .filter(match)
        .order_by("name", "email")
    )
    return list(rows[:limit])


def patient_is_returning(
    *,
    patient: Patient | None,
    exclude_booking_id: int | None = None,
    now: datetime | None = None,
) -> bool:
    """Known to the clinic, or a visit: an appointment Reception marked attended, or a confirmed
    one whose time has come and that is not marked yet (attended until marked a no-show). A
    cancelled, expired or no-show booking never happened, so it is not a visit; a confirmed
    appointment still to come is a first appointment booked (first_appointment)."""
    if patient is None or patient.pk is None:
        return False
    if patient.known_to_clinic:
        return True
    now = now or timezone.now()
    visits = Booking.objects.filter(
        Q(status=Status.COMPLETED) | Q(status__in=VISIT_STATUSES, start__lte=now),
        patient=patient,
    )
    if exclude_booking_id:
        visits = visits.exclude(pk=exclude_booking_id)
    return visits.exists()


def first_appointment(
    *, patient: Patient | None, now: datetime, exclude_booking_id: int | None = None
) -> Booking | None:
    """The patient's next confirmed appointment still to come (for a patient with no visit yet,
    their first appointment), or None."""
    if patient is None or patient.pk is None:
        return None
    rows = Booking.objects.filter(patient=patient, status=Status.CONFIRMED, start__gt=now)
    if exclude_booking_id:
        rows = rows.exclude(pk=exclude_booking_id)
    return rows.order_by("start").first()


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
    returning = patient_is_returning(
        patient=patient, exclude_booking_id=exclude_booking_id, now=now
    )
    booked = (
        not returning
        and promo.first_visit_only
        and first_appointment(patient=patient, now=now, exclude_booking_id=exclude_booking_id)
        is not None
    )
    return promo_rules.Usage(
        total_uses=counts["total"],
        patient_uses=counts["mine"],
        patient_is_returning=returning,
        patient_has_first_appointment=booked,
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
