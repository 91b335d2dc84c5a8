"""The patient's journey: hold a time, try a code, confirm, let go, cancel or move. Each action
runs in one transaction; its e-mails are written to the outbox inside it (services.outbox)."""

from datetime import datetime, timedelta

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.db.models import F

from booking import promo as promo_rules
from booking import selectors
from booking.models import (
    Booking,
    BookingSettings,
    Patient,
    Practitioner,
    Service,
    Status,
)
from booking.next_free_cache import next_free_purge_on_commit
from booking.selectors import Slot
from booking.services.errors import (
    BookingError,
    HoldReleased,
    PriceChanged,
    SlotUnavailable,
    TooLate,
)
from booking.services.guards import (
    cancellable_online,
    clean_details,
    expire_stale_holds,
    new_reference,
    now_or,
    overlap_exists,
    refuse_if_not_new,
    rules_or,
    save_guarded,
)
from booking.services.outbox import emails_enqueue
from booking.services.pricing import promo_attach


def _save_new(booking: Booking) -> None:
    for _attempt in range(3):
        try:
            save_guarded(booking)
            return
        except IntegrityError:
            # A reference collision (1 in 10^11); anything else is re-raised on the last try.
            booking.reference = new_reference()
    raise BookingError("Something went wrong. Please try again.")  # pragma: no cover


def place_hold(
    *,
    slot: Slot,
    service: Service,
    practitioner: Practitioner,
    name: str,
    email: str,
    phone: str,
    notes: str,
    promo_code: str,
    now: datetime,
    rules: BookingSettings,
    source_page_id: int | None,
    confirmed: bool = False,
) -> Booking:
    """Inside the transaction: the patient, the overlap check, and the held booking (or the
    confirmed one for staff, written once: a second write would re-check the exclusion
    constraint while a concurrent insert waits on the first, a deadlock on PostgreSQL)."""
    expire_stale_holds(practitioner_id=practitioner.pk, now=now)
    patient, _ = Patient.objects.get_or_create(
        email=email, defaults={"name": name, "phone": (phone or "")[:40]}
    )
    if service.new_patients_only:
        refuse_if_not_new(service=service, patient=patient, now=now, rules=rules)
    blocked_until = slot.end + timedelta(minutes=rules.buffer_minutes)
    # Inside the transaction: on SQLite no other writer can run until we commit.
    if overlap_exists(
        practitioner_id=practitioner.pk, start=slot.start, blocked_until=blocked_until, now=now
    ):
        raise SlotUnavailable
    booking = Booking(
        reference=new_reference(),
        status=Status.CONFIRMED if confirmed else Status.HELD,
        confirmed_at=now if confirmed else None,
        practitioner=practitioner,
        service=service,
        patient=patient,
        start=slot.start,
        end=slot.end,
        blocked_until=blocked_until,
        hold_expires_at=None if confirmed else now + timedelta(minutes=rules.hold_minutes),
        patient_name=name,
        patient_phone=(phone or "").strip()[:40],
        notes=(notes or "").strip()[:1000],
        consent_at=now,
        service_name=service.name,
        duration_minutes=service.duration_minutes,
        price=promo_rules.money(service.price),
        currency=getattr(django_settings, "PRACTICE_CURRENCY", "CAD"),
        source_page_id=source_page_id,
    )
    promo_attach(booking=booking, text=promo_code, patient=patient, now=now)
    _save_new(booking)
    return booking


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
    source_page_id: int | None = None,
) -> Booking:
    """Hold a slot for the patient while they review, reserving one use of the code.
    `source_page_id`: the page the journey started from (a validated page id, or None).

    Raises SlotUnavailable when the time is not (or no longer) offered, BookingError for
    details that cannot be accepted.
    """
    now, rules = now_or(now), rules_or(settings)
    name, email = clean_details(name=name, email=email, consent=consent)
    slot = selectors.slot_if_available(
        service=service, practitioner=practitioner, start=start, settings=rules, now=now
    )
    if slot is None:
        raise SlotUnavailable
    with transaction.atomic():
        next_free_purge_on_commit()
        return place_hold(
            slot=slot,
            service=service,
            practitioner=practitioner,
            name=name,
            email=email,
            phone=phone,
            notes=notes,
            promo_code=promo_code,
            now=now,
            rules=rules,
            source_page_id=source_page_id,
        )


def booking_apply_promo(
    *,
    booking: Booking,
    code: str,
    now: datetime | None = None,
    settings: BookingSettings | None = None,
) -> Booking:
    """Try another code (or none) on a held booking, before the patient confirms."""
    now = now_or(now)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("patient").get(pk=booking.pk)
        if booking.status != Status.HELD:
            raise BookingError("This booking can no longer be changed.")
        promo_attach(booking=booking, text=code, patient=booking.patient, now=now)
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


def _revive_expired_hold(*, booking: Booking, now: datetime, rules: BookingSettings) -> None:
    """A hold that ran out may still be confirmed when its time is free and its price holds."""
    if booking.start < now + timedelta(hours=rules.min_notice_hours):
        raise SlotUnavailable(
            "Your hold ran out and this time is now too close to book online. "
            "Please choose another time."
        )
    if overlap_exists(
        practitioner_id=booking.practitioner_id,
        start=booking.start,
        blocked_until=booking.blocked_until,
        now=now,
        exclude_booking_id=booking.pk,
    ):
        raise SlotUnavailable(
            "Your hold ran out and someone else has booked this time. Please choose another time."
        )
    if not booking.promo_id:
        return
    before = booking.total
    promo_attach(
        booking=booking, text=booking.promo_code_text or "", patient=booking.patient, now=now
    )
    if booking.total != before:
        booking.hold_expires_at = now + timedelta(minutes=rules.hold_minutes)
        booking.status = Status.HELD
        save_guarded(booking)
        raise PriceChanged(
            "Your hold ran out and the code can no longer be used, so the price has "
            "changed. Please check it and confirm again."
        )


def booking_confirm(
    *, booking: Booking, now: datetime | None = None, settings: BookingSettings | None = None
) -> Booking:
    """Turn a hold into a confirmed appointment, with its code use, and queue the e-mails.

    A hold that ran out is confirmed anyway when its time is still free and its price holds;
    otherwise SlotUnavailable or PriceChanged (the booking then shows the new price).
    """
    now, rules = now_or(now), rules_or(settings)
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
        hold_expires_at = booking.hold_expires_at
        if booking.status == Status.EXPIRED or hold_expires_at is None or hold_expires_at <= now:
            _revive_expired_hold(booking=booking, now=now, rules=rules)
        booking.status = Status.CONFIRMED
        booking.confirmed_at = now
        booking.hold_expires_at = None
        save_guarded(booking)
        Patient.objects.filter(pk=booking.patient_id).update(
            name=booking.patient_name, phone=booking.patient_phone or F("phone")
        )
        emails_enqueue(booking=booking, kinds=["confirmation", "staff_new"], rules=rules, now=now)
        next_free_purge_on_commit()
    return booking


def booking_release(*, booking: Booking, now: datetime | None = None) -> None:
    """The patient abandons a hold: free the time and code at once; never confirmable again."""
    Booking.objects.filter(pk=booking.pk, status=Status.HELD).update(
        status=Status.EXPIRED, cancelled_at=now_or(now), cancelled_by="patient"
    )
    next_free_purge_on_commit()


def booking_cancel(
    *,
    booking: Booking,
    by: str = "patient",
    email_patient: bool = True,
    now: datetime | None = None,
    settings: BookingSettings | None = None,
) -> Booking:
    """Cancel an appointment, giving back its time and its code use; patients only up to the
    cut-off (later they are asked to call). Staff may leave the patient's e-mail out."""
    now, rules = now_or(now), rules_or(settings)
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("patient", "practitioner")
            .get(pk=booking.pk)
        )
        if booking.status == Status.CANCELLED:
            return booking
        next_free_purge_on_commit()
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
        kinds = ["cancelled", "staff_cancelled"] if email_patient else ["staff_cancelled"]
        emails_enqueue(booking=booking, kinds=kinds, rules=rules)
    return booking


def _free_slot_for_move(
    *,
    booking: Booking,
    practitioner: Practitioner,
    start: datetime,
    now: datetime,
    rules: BookingSettings,
    staff: bool = False,
) -> tuple[Slot, datetime]:
    """The new slot and the end of its buffer, or SlotUnavailable (inside the transaction)."""
    slot = selectors.slot_if_available(
        service=booking.service,
        practitioner=practitioner,
        start=start,
        settings=rules,
        now=now,
        exclude_booking_id=booking.pk,
        staff=staff,
    )
    if slot is None:
        raise SlotUnavailable
    expire_stale_holds(practitioner_id=practitioner.pk, now=now)
    blocked_until = slot.end + timedelta(minutes=rules.buffer_minutes)
    if overlap_exists(
        practitioner_id=practitioner.pk,
        start=slot.start,
        blocked_until=blocked_until,
        now=now,
        exclude_booking_id=booking.pk,
    ):
        raise SlotUnavailable
    return slot, blocked_until


def booking_reschedule(
    *,
    booking: Booking,
    practitioner: Practitioner,
    start: datetime,
    by: str = "patient",
    email_patient: bool = True,
    now: datetime | None = None,
    settings: BookingSettings | None = None,
) -> tuple[Booking, str]:
    """Move a confirmed appointment to another free slot (staff: inside the minimum notice too,
    and with the patient's e-mail left out if they say so).

    The code stays when it is still valid for the new slot; otherwise it is removed and the
    second value returned says why (empty when nothing changed about the price).
    """
    now, rules = now_or(now), rules_or(settings)
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
        slot, blocked_until = _free_slot_for_move(
            booking=booking,
            practitioner=practitioner,
            start=start,
            now=now,
            rules=rules,
            staff=by == "staff",
        )
        note = ""
        if booking.promo_id:
            old_total = booking.total
            promo_attach(
                booking=booking, text=booking.promo_code_text, patient=booking.patient, now=now
            )
            if booking.total != old_total:
                note = promo_rules.MESSAGES.get(booking.promo_attempt_reason, "")
        booking.practitioner = practitioner
        booking.start, booking.end, booking.blocked_until = slot.start, slot.end, blocked_until
        booking.sequence += 1
        booking.reminder_sent_at = None
        save_guarded(booking)
        kinds = ["rescheduled", "staff_rescheduled"] if email_patient else ["staff_rescheduled"]
        emails_enqueue(booking=booking, kinds=kinds, rules=rules)
        next_free_purge_on_commit()
    return booking, note
