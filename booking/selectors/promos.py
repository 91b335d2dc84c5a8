"""Reads of the booking app: patients and promo codes (the one place a code is looked up and
judged)."""

from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
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
