"""Staff and scheduled work: book a patient who phones or walks in, record how an appointment
went, free holds that ran out, send the reminders (management command send_reminders), and
issue a practitioner's calendar feed a new address."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from booking import promo as promo_rules
from booking import selectors
from booking.models import Booking, BookingSettings, Patient, Practitioner, Service, Status
from booking.next_free_cache import next_free_purge_on_commit
from booking.services.errors import BookingError, SlotUnavailable
from booking.services.guards import clean_details, now_or, rules_or
from booking.services.journey import place_hold
from booking.services.outbox import emails_enqueue


def booking_staff_create(
    *,
    service: Service,
    practitioner: Practitioner,
    start: datetime,
    name: str,
    email: str,
    phone: str = "",
    notes: str = "",
    promo_code: str = "",
    email_patient: bool = True,
    now: datetime | None = None,
    settings: BookingSettings | None = None,
) -> Booking:
    """Reception books a patient who phoned or walked in: a confirmed appointment at once.

    Only a free time: staff may book inside the minimum notice, never over another booking (the
    same overlap check and database constraint as a patient's hold). A code follows the same
    rules; one that does not apply is refused at its field. The patient is e-mailed unless
    email_patient is false; the practice's inbox always hears of it.
    """
    now, rules = now_or(now), rules_or(settings)
    name, email = clean_details(name=name, email=email, consent=True)
    slot = selectors.slot_if_available(
        service=service, practitioner=practitioner, start=start, settings=rules, now=now, staff=True
    )
    if slot is None:
        raise SlotUnavailable("This time is not free. Please choose one of the free times.")
    with transaction.atomic():
        next_free_purge_on_commit()
        booking = place_hold(
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
            source_page_id=None,  # booked by phone or at the desk, not from a page
            confirmed=True,
        )
        if booking.promo_attempt_reason:
            raise BookingError(booking_promo_message(booking), "promo_code")
        if phone.strip():
            Patient.objects.filter(pk=booking.patient_id).update(phone=booking.patient_phone)
        kinds = ["confirmation", "staff_new"] if email_patient else ["staff_new"]
        emails_enqueue(booking=booking, kinds=kinds, rules=rules, now=now)
    return booking


def booking_promo_message(booking: Booking) -> str:
    return promo_rules.MESSAGES.get(booking.promo_attempt_reason, "This code does not apply.")


def booking_set_outcome(*, booking: Booking, status: str, now: datetime | None = None) -> Booking:
    """Reception records how an appointment went: attended (Status.COMPLETED) or no-show, once
    its time has come. An attended appointment is a visit; a no-show is not
    (selectors.patient_is_returning)."""
    if status not in (Status.COMPLETED, Status.NO_SHOW):
        raise BookingError("Choose attended or no-show.")
    now = now_or(now)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status not in (Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW):
            raise BookingError("Only confirmed appointments can be marked.")
        if booking.start > now:
            raise BookingError("This appointment has not started yet. Mark it once it has.")
        booking.status = status
        booking.save(update_fields=["status"])
    return booking


def holds_expire(*, now: datetime | None = None) -> int:
    """Mark every hold that ran out as expired, freeing its time and code use."""
    return Booking.objects.filter(status=Status.HELD, hold_expires_at__lte=now_or(now)).update(
        status=Status.EXPIRED
    )


def reminders_send(*, now: datetime | None = None, settings: BookingSettings | None = None) -> int:
    """Queue one reminder per confirmed appointment starting within the lead time. Idempotent:
    each booking is claimed with a conditional update, so a second run (or a concurrent one)
    sends nothing again."""
    now, rules = now_or(now), rules_or(settings)
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
                emails_enqueue(booking=booking, kinds=["reminder"], rules=rules)
                queued += 1
    return queued


def practitioner_feed_renew(*, practitioner: Practitioner) -> Practitioner:
    """Issue a new address for the practitioner's calendar feed (a lost phone, someone left):
    every older address answers 410 Gone from now on."""
    with transaction.atomic():
        Practitioner.objects.filter(pk=practitioner.pk).update(
            calendar_feed_version=F("calendar_feed_version") + 1
        )
        practitioner.refresh_from_db(fields=["calendar_feed_version"])
    return practitioner
