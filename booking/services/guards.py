"""What keeps two bookings off the same time: the overlap check inside the transaction, the
database's refusal turned into SlotUnavailable, and freeing the time of holds that ran out.
Also who may book a new-patients-only service.

On PostgreSQL an exclusion constraint refuses overlapping active bookings of a practitioner (see
booking/db.py) and its IntegrityError becomes SlotUnavailable. On SQLite every write transaction
takes the database lock at BEGIN (IMMEDIATE), and the overlap check runs inside that transaction,
so it sees every committed booking and no other writer can interleave.
"""

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from booking import db, formatting, selectors
from booking.models import Booking, BookingSettings, Patient, Service, Status, normalise_email
from booking.services.errors import BookingError, NewPatientsOnly, SlotUnavailable

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def rules_or(settings: BookingSettings | None) -> BookingSettings:
    return settings or selectors.booking_settings()


def cancellable_online(*, booking: Booking, now: datetime, settings: BookingSettings) -> bool:
    """The patient may still cancel or move this appointment online (outside the cut-off)."""
    return booking.status == Status.CONFIRMED and booking.start - now >= timedelta(
        hours=settings.cancel_cutoff_hours
    )


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def overlap_exists(
    *,
    practitioner_id: int,
    start: datetime,
    blocked_until: datetime,
    now: datetime,
    exclude_booking_id: int | None = None,
) -> bool:
    """Another active booking of this practitioner overlaps [start, blocked_until)."""
    rows = Booking.objects.filter(
        Q(status=Status.CONFIRMED) | Q(status=Status.HELD, hold_expires_at__gt=now),
        practitioner_id=practitioner_id,
        start__lt=blocked_until,
        blocked_until__gt=start,
    )
    if exclude_booking_id:
        rows = rows.exclude(pk=exclude_booking_id)
    return rows.exists()


def expire_stale_holds(*, practitioner_id: int, now: datetime) -> int:
    """Free the time of holds that ran out, so the database constraint stops counting them."""
    return Booking.objects.filter(
        practitioner_id=practitioner_id, status=Status.HELD, hold_expires_at__lte=now
    ).update(status=Status.EXPIRED)


def save_guarded(booking: Booking, *, update_fields: Sequence[str] | None = None) -> None:
    """Save in a savepoint, turning the database's overlap refusal into SlotUnavailable."""
    try:
        with transaction.atomic():
            if update_fields:
                booking.save(update_fields=update_fields)
            else:
                booking.save()
    except IntegrityError as error:
        if db.is_overlap_violation(error):
            raise SlotUnavailable from error
        raise


def refuse_if_not_new(
    *, service: Service, patient: Patient, now: datetime, rules: BookingSettings
) -> None:
    """A new-patients-only service is for a patient with no visit and no first appointment
    booked yet. A cancelled appointment that never happened is not a visit."""
    if selectors.patient_is_returning(patient=patient, now=now):
        raise NewPatientsOnly(
            f"“{service.name}” is for new patients, and our records show you have visited us "
            "before. Please choose one of the appointments below instead."
        )
    first = selectors.first_appointment(patient=patient, now=now)
    if first is not None:
        raise NewPatientsOnly(
            f"“{service.name}” is for new patients, and you already have a first appointment "
            f"on {formatting.when(first.start, rules.zone)}. Please choose one of the "
            "appointments below instead."
        )


def clean_details(*, name: str, email: str, consent: bool) -> tuple[str, str]:
    """The patient's name and e-mail as stored, or a BookingError at the field to correct."""
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as error:
        raise BookingError(
            "Enter a valid e-mail address, e.g. name@example.com.", "email"
        ) from error
    if not consent:
        raise BookingError("Please agree so we can store your details for the booking.", "consent")
    name = " ".join((name or "").split())[:120]
    if not name:
        raise BookingError("Enter your name.", "name")
    return name, email
