"""Reception's "New booking" in the admin: only free times, the minimum notice overridden but
never an overlap, known or new patients, codes with the same rules, the e-mail choice, and
moving or cancelling from the admin. Bad input gets a field message, never a 500."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group

from booking.models import Booking, Status
from booking.selectors import encode_slot
from core.models import OutboxMessage
from tests.admin_helpers import verified_login
from tests.booking.factories import BookingFactory, PatientFactory, PromoCodeFactory
from tests.clock import TUESDAY_MORNING
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(TUESDAY_MORNING, tick=False)]

NEW = "/admin/booking/new/"
WEDNESDAY_10 = TUESDAY_MORNING + timedelta(days=1)  # 10:00 the next day
TODAY_1PM = TUESDAY_MORNING + timedelta(hours=3)  # inside the 12-hour minimum notice


def page(clinic, *, start=WEDNESDAY_10, practitioner=None, **extra):
    practitioner = practitioner or clinic.dana
    params = {
        "service": clinic.treatment.pk,
        "practitioner": practitioner.pk,
        "date": start.date().isoformat(),
        "slot": encode_slot(practitioner.pk, start),
        **extra,
    }
    return f"{NEW}?{urlencode(params)}"


def posted(clinic, *, start=WEDNESDAY_10, action="confirm", **fields):
    data = {
        "service": clinic.treatment.pk,
        "practitioner": clinic.dana.pk,
        "date": start.date().isoformat(),
        "slot": encode_slot(clinic.dana.pk, start),
        "patient": "",
        "name": "Phone Patient",
        "email": "phone.patient@example.com",
        "phone": "604-555-0199",
        "promo_code": "",
        "notes": "",
        "email_patient": "on",
        "action": action,
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def booked():
    return Booking.objects.filter(status=Status.CONFIRMED)


def patient_emails():
    return list(OutboxMessage.objects.filter(kind="confirmation").values_list("to", flat=True))


# --- who may book --------------------------------------------------------------------------


def test_reception_opens_new_booking(client, clinic):
    reception = UserFactory(username="desk")
    reception.groups.add(Group.objects.get(name="Reception"))
    verified_login(client, reception)
    assert client.get(NEW).status_code == 200


def test_an_editor_cannot_open_new_booking(client, clinic):
    editor = UserFactory(username="writer")
    editor.groups.add(Group.objects.get(name="Editors"))
    verified_login(client, editor)
    assert client.get(NEW).status_code in (302, 403)


# --- free times ----------------------------------------------------------------------------


def test_a_free_time_is_offered(admin_client, clinic):
    html = admin_client.get(page(clinic, slot="")).content.decode()
    assert encode_slot(clinic.dana.pk, WEDNESDAY_10) in html


def test_a_taken_time_is_not_offered(admin_client, clinic):
    BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    html = admin_client.get(page(clinic, slot="")).content.decode()
    assert encode_slot(clinic.dana.pk, WEDNESDAY_10 + timedelta(minutes=30)) not in html


def test_staff_are_offered_times_inside_the_minimum_notice(admin_client, clinic):
    html = admin_client.get(page(clinic, start=TODAY_1PM, slot="")).content.decode()
    assert encode_slot(clinic.dana.pk, TODAY_1PM) in html


def test_a_chosen_time_that_was_taken_says_so(admin_client, clinic):
    BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    html = admin_client.get(page(clinic)).content.decode()
    assert "not free any more" in html


def test_the_schedule_day_links_a_free_time_to_new_booking(admin_client, clinic):
    html = admin_client.get(
        f"/admin/booking/schedule/?view=day&date=2026-06-10&service={clinic.treatment.pk}"
    ).content.decode()
    assert f"slot={encode_slot(clinic.dana.pk, WEDNESDAY_10)}" in html


# --- the patient ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Maya", "maya.b@example", "6045550150", "604-555-0150"])
def test_known_patients_are_found_by_name_email_or_phone(admin_client, clinic, query):
    maya = PatientFactory(name="Maya Brooks", email="maya.b@example.com", phone="604-555-0150")
    html = admin_client.get(page(clinic, q=query)).content.decode()
    assert f'name="patient" value="{maya.pk}"' in html


def test_a_known_patient_shows_their_attended_visits(admin_client, clinic):
    maya = PatientFactory(name="Maya Brooks", email="maya.b@example.com")
    BookingFactory(
        service=clinic.treatment,
        practitioner=clinic.sam,
        patient=maya,
        start=TUESDAY_MORNING - timedelta(days=7),
        status=Status.COMPLETED,
    )
    html = admin_client.get(page(clinic, q="Maya")).content.decode()
    assert "known patient, 1 attended visit" in html


def test_booking_a_known_patient_uses_their_record(admin_client, clinic):
    maya = PatientFactory(name="Maya Brooks", email="maya.b@example.com")
    admin_client.post(NEW, posted(clinic, patient=maya.pk, name="", email=""))
    assert booked().get().patient == maya


# --- confirm -------------------------------------------------------------------------------


def test_review_shows_the_booking_before_it_is_made(admin_client, clinic):
    response = admin_client.post(NEW, posted(clinic, action="review"))
    assert ("Confirm booking" in response.content.decode(), booked().count()) == (True, 0)


def test_confirm_books_a_new_patient(admin_client, clinic):
    response = admin_client.post(NEW, posted(clinic))
    assert response.status_code == 302
    assert booked().get().patient.email == "phone.patient@example.com"


def test_the_patient_is_emailed_by_default(admin_client, clinic):
    admin_client.post(NEW, posted(clinic))
    assert patient_emails() == ["phone.patient@example.com"]


def test_unticking_the_box_leaves_the_patient_unemailed(admin_client, clinic):
    admin_client.post(NEW, posted(clinic, email_patient=None))
    assert (booked().count(), patient_emails()) == (1, [])


def test_staff_may_book_inside_the_minimum_notice(admin_client, clinic):
    admin_client.post(NEW, posted(clinic, start=TODAY_1PM))
    assert booked().get().start == TODAY_1PM


def test_staff_never_book_over_another_booking(admin_client, clinic):
    BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    response = admin_client.post(NEW, posted(clinic, start=WEDNESDAY_10 + timedelta(minutes=30)))
    assert (response.status_code, booked().count()) == (400, 1)


def test_a_time_taken_after_review_is_refused_with_the_values_kept(admin_client, clinic):
    BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    html = admin_client.post(NEW, posted(clinic)).content.decode()
    assert ("not free" in html, 'value="Phone Patient"' in html) == (True, True)


# --- codes ---------------------------------------------------------------------------------


def test_a_code_takes_its_discount(admin_client, clinic):
    PromoCodeFactory(code="SPRING10", percent_off=10)
    admin_client.post(NEW, posted(clinic, promo_code="spring10"))
    assert str(booked().get().total) == "85.50"


def test_a_first_visit_code_is_refused_to_a_returning_patient_at_its_field(admin_client, clinic):
    PromoCodeFactory(code="FIRST15", percent_off=15, first_visit_only=True)
    maya = PatientFactory(name="Maya Brooks", email="maya.b@example.com", known_to_clinic=True)
    response = admin_client.post(
        NEW, posted(clinic, action="review", patient=maya.pk, promo_code="FIRST15")
    )
    assert response.status_code == 400
    assert "first appointments only" in response.content.decode()


def test_a_refused_code_at_confirm_books_nothing(admin_client, clinic):
    PromoCodeFactory(code="FIRST15", percent_off=15, first_visit_only=True)
    maya = PatientFactory(name="Maya Brooks", email="maya.b@example.com", known_to_clinic=True)
    admin_client.post(NEW, posted(clinic, patient=maya.pk, promo_code="FIRST15"))
    assert booked().count() == 0


# --- bad input -----------------------------------------------------------------------------


def test_a_missing_name_is_a_field_error_with_the_values_kept(admin_client, clinic):
    response = admin_client.post(NEW, posted(clinic, action="review", name=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert ("Enter the patient" in html, 'value="phone.patient@example.com"' in html) == (
        True,
        True,
    )


def test_a_bad_email_is_a_field_error(admin_client, clinic):
    response = admin_client.post(NEW, posted(clinic, action="review", email="not-an-email"))
    assert (response.status_code, "valid email" in response.content.decode().lower()) == (
        400,
        True,
    )


def test_an_unknown_patient_id_is_a_field_error(admin_client, clinic):
    response = admin_client.post(NEW, posted(clinic, patient="999999"))
    assert (response.status_code, booked().count()) == (400, 0)


@pytest.mark.parametrize(
    "query",
    [
        "?service=abc&practitioner=xyz&date=garbage&slot=1-2",
        "?service=999999&date=9999-12-31",
        "?date=0001-01-01&slot=99-999999999999",
    ],
)
def test_garbage_in_the_address_gives_a_page(admin_client, clinic, query):
    assert admin_client.get(NEW + query).status_code == 200


def test_a_practitioner_who_does_not_offer_the_service_is_explained(admin_client, clinic):
    url = f"{NEW}?service={clinic.assessment.pk}&practitioner={clinic.sam.pk}"
    assert "does not offer this service" in admin_client.get(url).content.decode()


def test_garbage_posted_gives_a_form_not_a_500(admin_client, clinic):
    response = admin_client.post(NEW, {"slot": "x" * 500, "service": "", "action": "confirm"})
    assert response.status_code == 400


# --- move and cancel -----------------------------------------------------------------------


def test_staff_move_a_booking_without_emailing_the_patient(admin_client, clinic):
    booking = BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    later = WEDNESDAY_10 + timedelta(hours=3)
    response = admin_client.post(
        f"/admin/booking/bookings/{booking.pk}/move/",
        {"slot": encode_slot(clinic.sam.pk, later)},
    )
    booking.refresh_from_db()
    assert response.status_code == 302
    assert (
        booking.start,
        booking.practitioner,
        OutboxMessage.objects.filter(kind="rescheduled").count(),
    ) == (later, clinic.sam, 0)


def test_a_move_onto_a_taken_time_is_refused(admin_client, clinic):
    booking = BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    BookingFactory(service=clinic.treatment, practitioner=clinic.sam, start=WEDNESDAY_10)
    response = admin_client.post(
        f"/admin/booking/bookings/{booking.pk}/move/",
        {"slot": encode_slot(clinic.sam.pk, WEDNESDAY_10), "email_patient": "on"},
    )
    assert (response.status_code, Booking.objects.get(pk=booking.pk).practitioner) == (
        400,
        clinic.dana,
    )


def test_the_move_page_offers_free_times(admin_client, clinic):
    booking = BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    html = admin_client.get(f"/admin/booking/bookings/{booking.pk}/move/").content.decode()
    assert encode_slot(clinic.dana.pk, WEDNESDAY_10 + timedelta(hours=2)) in html


def test_staff_cancel_without_emailing_the_patient(admin_client, clinic):
    booking = BookingFactory(service=clinic.treatment, practitioner=clinic.dana, start=WEDNESDAY_10)
    admin_client.post(f"/admin/booking/bookings/{booking.pk}/status/cancel/", {"email_choice": "1"})
    assert (
        Booking.objects.get(pk=booking.pk).status,
        OutboxMessage.objects.filter(kind="cancelled").count(),
    ) == (Status.CANCELLED, 0)
