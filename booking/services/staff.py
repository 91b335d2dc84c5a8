"""Staff and scheduled work: record how an appointment went, free holds that ran out, send the
reminders (management command send_reminders), and issue a practitioner's calendar feed a new
address."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from booking.models import Booking, BookingSettings, Practitioner, Status
from booking.services.errors import BookingError
from booking.services.guards import now_or, rules_or
from booking.services.outbox import emails_enqueue


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
