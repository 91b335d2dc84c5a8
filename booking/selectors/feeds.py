"""Reads for the practitioners' calendar feeds: who a feed belongs to and what it holds."""

from datetime import datetime, timedelta

from django.db.models import QuerySet

from booking.models import Booking, Practitioner, Status

# How far back a feed reaches: last month stays on the phone, older appointments drop off.
FEED_PAST_DAYS = 31
FEED_FIELDS = ("reference", "sequence", "start", "end", "service_name", "patient_name")


def feed_practitioner(*, practitioner_id: int) -> Practitioner | None:
    row: Practitioner | None = Practitioner.objects.filter(pk=practitioner_id).first()
    return row


def feed_appointments(*, practitioner: Practitioner, now: datetime) -> QuerySet[Booking]:
    """Their confirmed appointments from a month ago on, with only what the feed prints (the
    service and the patient's name; never notes), in one query whatever their number."""
    return (
        Booking.objects.filter(
            practitioner=practitioner,
            status=Status.CONFIRMED,
            start__gte=now - timedelta(days=FEED_PAST_DAYS),
        )
        .only(*FEED_FIELDS)
        .order_by("start")
    )
