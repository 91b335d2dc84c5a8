"""Writes of the booking app. Each runs in one transaction; e-mail is written to the site's outbox
(core.outbox) inside it and sent by the worker after commit.

No double booking: on PostgreSQL an exclusion constraint refuses overlapping active bookings of a
practitioner (see booking/db.py) and its IntegrityError becomes SlotUnavailable. On SQLite every
write transaction takes the database lock at BEGIN (IMMEDIATE), and the overlap check below runs
inside that transaction, so it sees every committed booking and no other writer can interleave.

Promo-code uses are counted inside the same transaction as the booking, with the code's row
locked (PostgreSQL) or the database locked (SQLite), so concurrent redemptions are serialised.
"""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from booking import db, emails, selectors
from booking import promo as promo_rules
from booking.models import (
    Booking,
    BookingSettings,
    Patient,
    Practitioner,
    Service,
    Status,
    normalise_email,
)

logger = logging.getLogger(__name__)

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


class BookingError(Exception):
    """A booking action refused for a reason the patient or staff can act on."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class SlotUnavailable(BookingError):
    def __init__(self, message: str = ""):
        super().__init__(
            message
            or "Sorry, this time has just been taken or is no longer available. Please choose "
            "another time."
        )


class TooLate(BookingError):
    pass


class PriceChanged(BookingError):
    pass


class HoldReleased(BookingError):
    def __init__(self):
        super().__init__(
            "You let this time go, so it can no longer be confirmed. Please choose a time again."
        )


def _now(now):
    return now or timezone.now()


def _rules(settings):
    return settings or selectors.booking_settings()


def _new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def _overlap_exists(*, practitioner_id, start, blocked_until, now, exclude_booking_id=None) -> bool:
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


def _expire_stale_holds(*, practitioner_id, now) -> int:
    """Free the time of holds that ran out, so the database constraint stops counting them."""
    return Booking.objects.filter(
        practitioner_id=practitioner_id, status=Status.HELD, hold_expires_at__lte=now
    ).update(status=Status.EXPIRED)


def _save_guarded(booking: Booking, *, update_fields=None):
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


def _apply_promo(*, booking: Booking, text: str, patient: Patient, now: datetime) -> None:
    """Attach a code to an unsaved or held booking, or record why it does not apply."""
    booking.promo = None
    booking.promo_code_text = ""
    booking.discount = promo_rules.money(0)
    booking.total = promo_rules.money(booking.price)
    booking.promo_attempt = ""
    booking.promo_attempt_reason = ""
    code = promo_rules.normalise_code(text)
    if not code:
        return
    from booking.models import PromoCode

    # Lock the code's row so that concurrent redemptions are counted one after another.
    promo = PromoCode.objects.select_for_update().filter(code=code).first()
    if promo is None:
        result = promo_rules.evaluate(
            code=None,
            service_id=booking.service_id,
            price=booking.price,
            now=now,
            usage=promo_rules.Usage(),
        )
    else:
        usage = selectors.promo_usage(
            promo=promo, patient=patient, now=now, exclude_booking_id=booking.pk
        )
        result = promo_rules.evaluate(
            code=promo.as_rules(),
            service_id=booking.service_id,
            price=booking.price,
            now=now,
            usage=usage,
        )
    if result.ok:
        booking.promo = promo
        booking.promo_code_text = promo.code
        booking.discount = result.discount
        booking.total = result.total
    else:
        booking.promo_attempt = code[: promo_rules.MAX_CODE_LENGTH]
        booking.promo_attempt_reason = result.reason


def _queue(booking, kinds, rules):
    for kind in kinds:
        emails.queue(booking=booking, kind=kind, rules=rules)


# --- the patient's journey -------------------------------------------------------------------


def booking_hold(
    *,
    service: Service,
    practitioner: Practitioner,
    start: datetime,
    name: str,
    email: str,
    phone: str = "",
    notes: str = "",
    promo_code: str = "",
    consent: bool = False,
    now: datetime | None = None,
    settings: BookingSettings | None = None,
) -> Booking:
    """Hold a slot for the patient while they review, reserving one use of the code.

    Raises SlotUnavailable when the time is not (or no longer) offered, BookingError for
    details that cannot be accepted.
    """
    now, rules = _now(now), _rules(settings)
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

    slot = selectors.slot_if_available(
        service=service, practitioner=practitioner, start=start, settings=rules, now=now
    )
    if slot is None:
        raise SlotUnavailable

    with transaction.atomic():
        _expire_stale_holds(practitioner_id=practitioner.pk, now=now)
        patient, _ = Patient.objects.get_or_create(
            email=email, defaults={"name": name, "phone": (phone or "")[:40]}
        )
        if service.new_patients_only and selectors.patient_is_returning(patient=patient):
            raise BookingError(
                f"“{service.name}” is for new patients, and our records show you have visited us "
                "before. Please choose a follow-up appointment instead.",
                "service",
            )
        blocked_until = slot.end + timedelta(minutes=rules.buffer_minutes)
        # Inside the transaction: on SQLite no other writer can run until we commit.
        if _overlap_exists(
            practitioner_id=practitioner.pk, start=slot.start, blocked_until=blocked_until, now=now
        ):
            raise SlotUnavailable
        booking = Booking(
            reference=_new_reference(),
            status=Status.HELD,
            practitioner=practitioner,
            service=service,
            patient=patient,
            start=slot.start,
            end=slot.end,
            blocked_until=blocked_until,
            hold_expires_at=now + timedelta(minutes=rules.hold_minutes),
            patient_name=name,
            patient_phone=(phone or "").strip()[:40],
            notes=(notes or "").strip()[:1000],
            consent_at=now,
            service_name=service.name,
            duration_minutes=service.duration_minutes,
            price=promo_rules.money(service.price),
            currency=getattr(django_settings, "PRACTICE_CURRENCY", "CAD"),
        )
        _apply_promo(booking=booking, text=promo_code, patient=patient, now=now)
        for _attempt in range(3):
            try:
                _save_guarded(booking)
                break
            except IntegrityError:
                # A reference collision (1 in 10^11); anything else is re-raised on the last try.
                booking.reference = _new_reference()
        else:  # pragma: no cover
            raise BookingError("Something went wrong. Please try again.")
    return booking


def booking_apply_promo(
    *, booking: Booking, code: str, now: datetime | None = None, settings=None
) -> Booking:
    """Try another code (or none) on a held booking, before the patient confirms."""
    now = _now(now)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("patient").get(pk=booking.pk)
        if booking.status != Status.HELD:
            raise BookingError("This booking can no longer be changed.")
        _apply_promo(booking=booking, text=code, patient=booking.patient, now=now)
        booking.save(
            update_fields=[
                "promo",
                "promo_code_text",
                "discount",
                "total",
                "promo_attempt",
                "promo_attempt_reason",
            ]
        )
    return booking


def booking_confirm(
    *, booking: Booking, now: datetime | None = None, settings: BookingSettings | None = None
) -> Booking:
    """Turn a hold into a confirmed appointment, with its code use, and queue the e-mails.

    A hold that ran out is confirmed anyway when its time is still free and its price holds;
    otherwise SlotUnavailable or PriceChanged (the booking then shows the new price).
    """
    now, rules = _now(now), _rules(settings)
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("patient", "practitioner", "service")
            .get(pk=booking.pk)
        )
        if booking.status == Status.CONFIRMED:
            return booking
        if booking.status not in (Status.HELD, Status.EXPIRED):
            raise BookingError("This booking was cancelled. Please start again.")
        if booking.released:
            raise HoldReleased
        expired = booking.status == Status.EXPIRED or booking.hold_expires_at <= now
        if expired:
            if booking.start < now + timedelta(hours=rules.min_notice_hours):
                raise SlotUnavailable(
                    "Your hold ran out and this time is now too close to book online. "
                    "Please choose another time."
                )
            if _overlap_exists(
                practitioner_id=booking.practitioner_id,
                start=booking.start,
                blocked_until=booking.blocked_until,
                now=now,
                exclude_booking_id=booking.pk,
            ):
                raise SlotUnavailable(
                    "Your hold ran out and someone else has booked this time. Please choose "
                    "another time."
                )
            if booking.promo_id:
                before = booking.total
                _apply_promo(
                    booking=booking,
                    text=booking.promo_code_text or "",
                    patient=booking.patient,
                    now=now,
                )
                if booking.total != before:
                    booking.hold_expires_at = now + timedelta(minutes=rules.hold_minutes)
                    booking.status = Status.HELD
                    _save_guarded(booking)
                    raise PriceChanged(
                        "Your hold ran out and the code can no longer be used, so the price has "
                        "changed. Please check it and confirm again."
                    )
        booking.status = Status.CONFIRMED
        booking.confirmed_at = now
        booking.hold_expires_at = None
        _save_guarded(booking)
        Patient.objects.filter(pk=booking.patient_id).update(
            name=booking.patient_name, phone=booking.patient_phone or F("phone")
        )
        _queue(booking, ["confirmation", "staff_new"], rules)
    return booking


def booking_release(*, booking: Booking, now: datetime | None = None) -> None:
    """The patient abandons a hold: free the time and the code at once. Unlike a hold that ran
    out, a released hold can never be confirmed afterwards (see Booking.released)."""
    Booking.objects.filter(pk=booking.pk, status=Status.HELD).update(
        status=Status.EXPIRED, cancelled_at=_now(now), cancelled_by="patient"
    )


def cancellable_online(*, booking: Booking, now: datetime, settings: BookingSettings) -> bool:
    return booking.status == Status.CONFIRMED and booking.start - now >= timedelta(
        hours=settings.cancel_cutoff_hours
    )


def booking_cancel(
    *,
    booking: Booking,
    by: str = "patient",
    now: datetime | None = None,
    settings: BookingSettings | None = None,
) -> Booking:
    """Cancel an appointment, giving back its time and its code use; patients only up to the
    cut-off (later they are asked to call)."""
    now, rules = _now(now), _rules(settings)
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("patient", "practitioner")
            .get(pk=booking.pk)
        )
        if booking.status == Status.CANCELLED:
            return booking
        if booking.status == Status.HELD:
            booking.status = Status.EXPIRED
            booking.cancelled_at = now
            booking.cancelled_by = by
            booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
            return booking
        if booking.status != Status.CONFIRMED:
            raise BookingError("Only confirmed appointments can be cancelled.")
        if by == "patient" and not cancellable_online(booking=booking, now=now, settings=rules):
            raise TooLate("It is too late to cancel online. Please call us.")
        booking.status = Status.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = by
        booking.sequence += 1
        booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "sequence"])
        _queue(booking, ["cancelled", "staff_cancelled"], rules)
    return booking


def booking_reschedule(
    *,
    booking: Booking,
    practitioner: Practitioner,
    start: datetime,
    by: str = "patient",
    now: datetime | None = None,
    settings: BookingSettings | None = None,
) -> tuple[Booking, str]:
    """Move a confirmed appointment to another free slot.

    The code stays when it is still valid for the new slot; otherwise it is removed and the
    second value returned says why (empty when nothing changed about the price).
    """
    now, rules = _now(now), _rules(settings)
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("patient", "practitioner", "service")
            .get(pk=booking.pk)
        )
        if booking.status != Status.CONFIRMED:
            raise BookingError("Only confirmed appointments can be moved.")
        if by == "patient" and not cancellable_online(booking=booking, now=now, settings=rules):
            raise TooLate("It is too late to move this appointment online. Please call us.")
        slot = selectors.slot_if_available(
            service=booking.service,
            practitioner=practitioner,
            start=start,
            settings=rules,
            now=now,
            exclude_booking_id=booking.pk,
        )
        if slot is None:
            raise SlotUnavailable
        _expire_stale_holds(practitioner_id=practitioner.pk, now=now)
        blocked_until = slot.end + timedelta(minutes=rules.buffer_minutes)
        if _overlap_exists(
            practitioner_id=practitioner.pk,
            start=slot.start,
            blocked_until=blocked_until,
            now=now,
            exclude_booking_id=booking.pk,
        ):
            raise SlotUnavailable
        note = ""
        if booking.promo_id:
            old_total = booking.total
            _apply_promo(
                booking=booking, text=booking.promo_code_text, patient=booking.patient, now=now
            )
            if booking.total != old_total:
                note = promo_rules.MESSAGES.get(booking.promo_attempt_reason, "")
        booking.practitioner = practitioner
        booking.start, booking.end, booking.blocked_until = slot.start, slot.end, blocked_until
        booking.sequence += 1
        booking.reminder_sent_at = None
        _save_guarded(booking)
        _queue(booking, ["rescheduled", "staff_rescheduled"], rules)
    return booking, note


# --- staff ----------------------------------------------------------------------------------


def booking_set_outcome(*, booking: Booking, status: str) -> Booking:
    """Staff record how an appointment went: completed or no-show."""
    if status not in (Status.COMPLETED, Status.NO_SHOW):
        raise BookingError("Choose completed or no-show.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in (Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW):
            raise BookingError("Only confirmed appointments can be marked.")
        booking.status = status
        booking.save(update_fields=["status"])
    return booking


def holds_expire(*, now: datetime | None = None) -> int:
    """Mark every hold that ran out as expired, freeing its time and code use."""
    return Booking.objects.filter(status=Status.HELD, hold_expires_at__lte=_now(now)).update(
        status=Status.EXPIRED
    )


def reminders_send(*, now: datetime | None = None, settings: BookingSettings | None = None) -> int:
    """Queue one reminder per confirmed appointment starting within the lead time. Idempotent:
    each booking is claimed with a conditional update, so a second run (or a concurrent one)
    sends nothing again."""
    now, rules = _now(now), _rules(settings)
    due = Booking.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        start__gt=now,
        start__lte=now + timedelta(hours=rules.reminder_lead_hours),
    ).values_list("pk", flat=True)
    queued = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Booking.objects.filter(
                pk=pk, reminder_sent_at__isnull=True, status=Status.CONFIRMED
            ).update(reminder_sent_at=now)
            if claimed:
                booking = Booking.objects.select_related("patient", "practitioner").get(pk=pk)
                _queue(booking, ["reminder"], rules)
                queued += 1
    return queued
