"""The practitioners' calendars: the signed feed their phones subscribe to (confirmed
appointments, the service and a first name only), its new address issued from the admin (the
old one then answers 410), tampered addresses (404), flat queries, and the calendar file in the
practice's e-mails."""

import re
from datetime import timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booking import services, tokens
from booking.models import Status
from core.models import OutboxMessage
from tests.admin_helpers import verified_login
from tests.booking.factories import BookingFactory, PatientFactory
from tests.booking.helpers import future_slot, hold
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db

SECRET_NOTE = "left knee surgery in March"


def feed_path(practitioner):
    return f"/api/booking/calendar/{tokens.feed_token(practitioner.pk, practitioner.calendar_feed_version)}.ics"


def appointment(clinic, *, hours=0, status=Status.CONFIRMED, practitioner=None, name="Ana Silva"):
    return BookingFactory(
        service=clinic.treatment,
        practitioner=practitioner or clinic.dana,
        patient=PatientFactory(name=name),
        patient_name=name,
        start=future_slot(clinic.rules) + timedelta(hours=hours),
        status=status,
        notes=SECRET_NOTE,
        staff_notes="Prefers the ground-floor room",
    )


def events(response):
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


@pytest.fixture
def feed(client, clinic):
    booking = appointment(clinic)
    response = client.get(feed_path(clinic.dana))
    return booking, response


def test_the_feed_is_a_calendar(feed):
    _, response = feed
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_an_appointment_shows_the_service_and_the_first_name(feed):
    _, response = feed
    assert [str(e["summary"]) for e in events(response)] == ["Treatment: Ana"]


def test_the_appointment_keeps_its_time(feed):
    booking, response = feed
    event = events(response)[0]
    assert event.decoded("dtstart") == booking.start
    assert event.decoded("dtend") == booking.end


@pytest.mark.parametrize(
    "private",
    ["Silva", SECRET_NOTE, "ground-floor", "@example.com", "604-555"],
)
def test_the_feed_holds_no_surname_notes_or_contact_details(feed, private):
    _, response = feed
    assert private not in response.content.decode()


def test_the_feed_is_never_cached_nor_indexed(feed):
    _, response = feed
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_a_feed_without_appointments_is_an_empty_calendar(client, clinic):
    response = client.get(feed_path(clinic.sam))
    assert response.status_code == 200
    assert events(response) == []


def test_only_their_confirmed_appointments_are_in_it(client, clinic):
    appointment(clinic, name="Ana Silva")
    appointment(clinic, hours=2, status=Status.HELD, name="Held Person")
    appointment(clinic, hours=4, status=Status.CANCELLED, name="Cancelled Person")
    appointment(clinic, practitioner=clinic.sam, name="Sam's Patient")
    summaries = [str(e["summary"]) for e in events(client.get(feed_path(clinic.dana)))]
    assert summaries == ["Treatment: Ana"]


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "WzEsMV0:" + "A" * 43,
        "%00",
        "a" * 250,
    ],
)
def test_a_made_up_address_is_404(client, clinic, token):
    assert client.get(f"/api/booking/calendar/{token}.ics").status_code == 404


def test_a_tampered_address_is_404(client, clinic):
    good = tokens.feed_token(clinic.dana.pk, 1)
    value, signature = good.split(":")
    other = tokens.feed_token(clinic.sam.pk, 1).split(":")[0]
    assert client.get(f"/api/booking/calendar/{other}:{signature}.ics").status_code == 404
    assert client.get(f"/api/booking/calendar/{value}:{signature[:-2]}.ics").status_code == 404


def test_a_booking_link_token_does_not_open_a_feed(client, clinic):
    token = tokens.manage_token("ABC123")
    assert client.get(f"/api/booking/calendar/{token}.ics").status_code == 404


def test_a_renewed_address_replaces_the_old_one(client, clinic):
    old = feed_path(clinic.dana)
    services.practitioner_feed_renew(practitioner=clinic.dana)
    assert client.get(old).status_code == 410
    assert client.get(feed_path(clinic.dana)).status_code == 200


def test_an_inactive_practitioner_has_no_feed(client, clinic):
    clinic.dana.active = False
    clinic.dana.save()
    assert client.get(feed_path(clinic.dana)).status_code == 410


def test_a_post_is_not_allowed(client, clinic):
    assert client.post(feed_path(clinic.dana)).status_code == 405


def test_queries_stay_flat_as_appointments_grow(client, clinic):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(feed_path(clinic.dana)).status_code == 200
        return len(queries)

    appointment(clinic)
    few = count()
    for day in range(1, 15):
        appointment(clinic, hours=24 * day)
    assert count() == few


# --- the admin ---------------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    verified_login(client, SuperUserFactory())
    return client


def shown_feed_address(html):
    return re.search(r'value="https?://testserver(/api/booking/calendar/[^"]+)"', html).group(1)


def test_the_practitioner_list_links_to_their_calendar_feed(staff, clinic):
    html = staff.get("/admin/booking/practitioners/").content.decode()
    assert f"/admin/booking/practitioners/{clinic.dana.pk}/calendar-feed/" in html


def test_the_admin_shows_a_working_feed_address(staff, clinic):
    url = f"/admin/booking/practitioners/{clinic.dana.pk}/calendar-feed/"
    address = shown_feed_address(staff.get(url).content.decode())
    assert staff.get(address).status_code == 200


def test_issuing_a_new_address_in_the_admin_revokes_the_old(staff, clinic):
    url = f"/admin/booking/practitioners/{clinic.dana.pk}/calendar-feed/"
    old = shown_feed_address(staff.get(url).content.decode())
    response = staff.post(url, follow=True)
    new = shown_feed_address(response.content.decode())
    assert "the old one no longer works" in response.content.decode()
    assert staff.get(old).status_code == 410
    assert staff.get(new).status_code == 200


def test_without_the_permission_the_feed_page_is_refused(client, clinic):
    from tests.factories import UserFactory

    verified_login(client, UserFactory())
    url = f"/admin/booking/practitioners/{clinic.dana.pk}/calendar-feed/"
    assert client.post(url).status_code in (302, 403)
    clinic.dana.refresh_from_db()
    assert clinic.dana.calendar_feed_version == 1


# --- the practice's e-mails ---------------------------------------------------------------------


def staff_file(kind):
    message = OutboxMessage.objects.get(kind=kind)
    return message, icalendar.Calendar.from_ical(message.attachment)


def test_the_new_booking_mail_to_the_practice_carries_the_calendar_file(
    clinic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_confirm(booking=hold(clinic, notes=SECRET_NOTE), settings=clinic.rules)
    message, cal = staff_file("staff_new")
    assert message.attachment_type.startswith("text/calendar")
    assert str(cal.walk("VEVENT")[0]["summary"]) == "Treatment: Ana"
    assert SECRET_NOTE not in message.attachment


def test_the_cancelled_mail_to_the_practice_cancels_the_event(
    clinic, django_capture_on_commit_callbacks
):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    services.booking_cancel(booking=booking, by="staff", settings=clinic.rules)
    _, cal = staff_file("staff_cancelled")
    assert str(cal["method"]) == "CANCEL"
    assert str(cal.walk("VEVENT")[0]["status"]) == "CANCELLED"
