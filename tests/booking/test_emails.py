"""Booking e-mails: content, the calendar file, and no booking lost when SMTP is down."""

from datetime import timedelta
from unittest import mock

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from booking import services
from booking.models import Booking, Status
from core.models import OutboxMessage
from tests.booking.factories import PromoCodeFactory
from tests.booking.helpers import hold

pytestmark = pytest.mark.django_db


def confirm(clinic, capture, **kw):
    with capture(execute=True):
        return services.booking_confirm(booking=hold(clinic, **kw), settings=clinic.rules)


def test_confirmation_mail_content_and_calendar_file(clinic, django_capture_on_commit_callbacks):
    PromoCodeFactory(code="FIRST15", percent_off="15", first_visit_only=True)
    booking = confirm(clinic, django_capture_on_commit_callbacks, code="FIRST15")
    patient_mail = next(m for m in mail.outbox if m.to == ["ana@example.com"])
    staff_mail = next(m for m in mail.outbox if m.to == ["staff@example.com"])
    assert booking.reference in patient_mail.subject or booking.reference in patient_mail.body
    body = patient_mail.body
    assert "Treatment" in body
    assert "Dana Reyes" in body
    assert "FIRST15" in body
    assert "\u2212$14.25" in body
    assert "$80.75" in body
    assert "paid at the clinic" in body
    assert "http://testserver/book/manage/?t=" in body
    html = patient_mail.alternatives[0][0]
    assert "Cancel or move this appointment" in html
    assert "<table" in html
    assert "Ana Silva" in staff_mail.body
    assert "ana@example.com" in staff_mail.body
    assert staff_mail.attachments[0][0].endswith(".ics")  # the staff calendar file

    name, content, mimetype = patient_mail.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(content)
    event = cal.walk("VEVENT")[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == booking.start
    assert end == booking.end
    assert str(start.tzinfo) == "America/Vancouver"
    assert event["dtstart"].params["TZID"] == "America/Vancouver"
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "America/Vancouver"
    assert booking.reference in str(event["uid"])


def test_cancellation_and_reschedule_mails(clinic, django_capture_on_commit_callbacks):
    from tests.booking.helpers import future_slot

    booking = confirm(clinic, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking, _ = services.booking_reschedule(
            booking=booking,
            practitioner=clinic.dana,
            start=future_slot(clinic.rules, hh=15),
            settings=clinic.rules,
        )
    moved = next(m for m in mail.outbox if m.to == ["ana@example.com"])
    assert moved.subject.startswith("Your appointment has moved")
    event = icalendar.Calendar.from_ical(moved.attachments[0][1]).walk("VEVENT")[0]
    assert int(event["sequence"]) == 1
    assert event.decoded("dtstart") == booking.start
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, settings=clinic.rules)
    cancelled = next(m for m in mail.outbox if m.to == ["ana@example.com"])
    cal = icalendar.Calendar.from_ical(cancelled.attachments[0][1])
    assert str(cal["method"]) == "CANCEL"


def test_a_failing_mail_backend_loses_no_booking_and_the_retry_sends_it(
    clinic, django_capture_on_commit_callbacks
):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("SMTP down"),
    ):
        booking = confirm(clinic, django_capture_on_commit_callbacks)
    assert Booking.objects.get(pk=booking.pk).status == Status.CONFIRMED
    assert mail.outbox == []
    failed = OutboxMessage.objects.filter(status=OutboxMessage.State.FAILED)
    assert failed.count() == 2
    assert all("SMTP down" in m.last_error and m.attempts == 1 for m in failed)
    # the scheduled retry waits for the back-off, then sends
    call_command("send_outbox")
    assert len(mail.outbox) == 0
    with mock.patch(
        "core.outbox.services.timezone.now", return_value=timezone.now() + timedelta(minutes=5)
    ):
        call_command("send_outbox")
    assert len(mail.outbox) == 2
    assert OutboxMessage.objects.filter(status=OutboxMessage.State.SENT).count() == 2
    # sending again sends nothing twice
    call_command("send_outbox", "--now")
    assert len(mail.outbox) == 2


def test_the_http_flow_survives_smtp_down(client, clinic, django_capture_on_commit_callbacks):
    """The patient sees the confirmation even when every send fails (tasks run after commit)."""
    import re

    html = client.get("/book/times/?service=treatment").content.decode()
    link = re.search(r'href="(/book/details/[^"]+)"', html).group(1).replace("&amp;", "&")
    review = client.post(
        link, {"name": "Ana", "email": "ana@example.com", "phone": "604 555 0101", "consent": "on"}
    )["Location"]
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=OSError("down"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        done = client.post(review, {"action": "confirm", "accept_policy": "on"})
    assert OutboxMessage.objects.filter(status=OutboxMessage.State.FAILED).count() == 2
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200
    assert Booking.objects.get().status == Status.CONFIRMED


def test_confirming_over_http_queues_two_outbox_emails_and_sends_each_once(
    client, clinic, django_capture_on_commit_callbacks
):
    import re

    html = client.get("/book/times/?service=treatment").content.decode()
    link = re.search(r'href="(/book/details/[^"]+)"', html).group(1).replace("&amp;", "&")
    review = client.post(
        link, {"name": "Ana", "email": "ana@example.com", "phone": "604 555 0101", "consent": "on"}
    )["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(review, {"action": "confirm", "accept_policy": "on"})
    assert done.status_code == 302
    booking = Booking.objects.get()
    rows = OutboxMessage.objects.filter(reference=booking.reference)
    assert sorted(rows.values_list("kind", flat=True)) == ["confirmation", "staff_new"]
    assert set(rows.values_list("status", "attempts")) == {(OutboxMessage.State.SENT, 1)}
    call_command("send_outbox", "--now")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.com", "staff@example.com"]
