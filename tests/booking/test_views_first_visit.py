"""First-visit rules over HTTP: what counts as a visit, and refusals that tell the patient the
truth (a first appointment already booked, or a visit) with the services they may book."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from booking import formatting, services
from booking.models import Booking, Status
from booking.selectors import encode_slot
from tests.booking.factories import BookingFactory, PatientFactory, PromoCodeFactory
from tests.booking.helpers import future_slot, hold

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Ana Silva",
    "email": "ana@example.com",
    "phone": "604 555 0101",
    "consent": "on",
}


def details_url(clinic, start, service="treatment", promo=""):
    slot = encode_slot(clinic.dana.pk, start)
    url = f"/book/details/?service={service}&practitioner=dana&slot={slot}"
    return url + (f"&promo={promo}" if promo else "")


def first_appointment(clinic, hh=10):
    """Ana's first appointment, confirmed and still to come."""
    return services.booking_confirm(
        booking=hold(clinic, start=future_slot(clinic.rules, hh=hh)), settings=clinic.rules
    )


def past_booking(clinic, status):
    start = timezone.now() - timedelta(days=20)
    patient = PatientFactory(email="ana@example.com", name="Ana Silva")
    return BookingFactory(
        patient=patient,
        practitioner=clinic.dana,
        service=clinic.treatment,
        start=start,
        status=status,
    )


def test_first_visit_code_names_the_first_appointment_already_booked(client, clinic):
    PromoCodeFactory(code="FIRST15", first_visit_only=True, max_uses_per_patient=None)
    first = first_appointment(clinic)
    start = future_slot(clinic.rules, hh=14)
    r = client.post(details_url(clinic, start), {**DETAILS, "promo_code": "FIRST15"})
    assert r.status_code == 302
    review = client.get(r["Location"]).content.decode()
    when = formatting.when(first.start, clinic.rules.zone)
    assert f"You already have a first appointment on {when}." in review
    assert "visited us before" not in review
    assert Booking.objects.get(start=start).promo_attempt_reason == "first_visit_booked"


def test_a_visit_that_took_place_is_still_named_a_visit(client, clinic):
    PromoCodeFactory(code="FIRST15", first_visit_only=True)
    past_booking(clinic, Status.COMPLETED)
    r = client.post(
        details_url(clinic, future_slot(clinic.rules)), {**DETAILS, "promo_code": "FIRST15"}
    )
    review = client.get(r["Location"]).content.decode()
    assert "our records show you have visited us before" in review
    assert "You already have a first appointment" not in review


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.EXPIRED, Status.NO_SHOW])
def test_an_appointment_that_never_happened_is_not_a_visit(client, clinic, status):
    PromoCodeFactory(code="FIRST15", percent_off="15", first_visit_only=True)
    past_booking(clinic, status)
    # the first-visit code applies ...
    r = client.post(
        details_url(clinic, future_slot(clinic.rules)), {**DETAILS, "promo_code": "FIRST15"}
    )
    assert r.status_code == 302
    booking = Booking.objects.get(status=Status.HELD)
    assert booking.promo_code_text == "FIRST15"
    assert booking.discount == Decimal("14.25")
    # ... and so does a new-patients-only service
    start = future_slot(clinic.rules, hh=14)
    r = client.post(details_url(clinic, start, service="initial-assessment"), DETAILS)
    assert r.status_code == 302


def test_a_cancelled_first_appointment_still_to_come_is_not_a_visit(client, clinic):
    PromoCodeFactory(code="FIRST15", first_visit_only=True, max_uses_per_patient=None)
    services.booking_cancel(booking=first_appointment(clinic), by="patient", settings=clinic.rules)
    r = client.post(
        details_url(clinic, future_slot(clinic.rules, hh=14)), {**DETAILS, "promo_code": "FIRST15"}
    )
    assert Booking.objects.get(status=Status.HELD).promo_code_text == "FIRST15"
    assert "first appointment" not in client.get(r["Location"]).content.decode()


def test_new_patients_only_service_explains_and_offers_the_other_services(client, clinic):
    PatientFactory(email="ana@example.com", known_to_clinic=True)
    url = details_url(clinic, future_slot(clinic.rules), service="initial-assessment", promo="X1")
    r = client.post(url, DETAILS)
    html = r.content.decode()
    assert r.status_code == 400
    assert "“Initial assessment” is for new patients, and our records show you have visited" in html
    offered = html[html.index('class="booking-alternatives"') :].split("</ul>", 1)[0]
    links = re.findall(r'<a href="(/book/times/[^"]+)">([^<]+)</a>', offered)
    assert (
        "/book/times/?service=treatment&amp;practitioner=any&amp;promo=X1",
        "Treatment",
    ) in links
    assert not any("initial-assessment" in href for href, _ in links)
    assert 'value="Ana Silva"' in html  # the values typed are kept
    assert not Booking.objects.exists()


def test_new_patients_only_service_names_the_first_appointment_already_booked(client, clinic):
    first = first_appointment(clinic)
    url = details_url(clinic, future_slot(clinic.rules, hh=14), service="initial-assessment")
    html = client.post(url, DETAILS).content.decode()
    when = formatting.when(first.start, clinic.rules.zone)
    assert f"you already have a first appointment on {when}" in html
    assert "visited us before" not in html
    assert 'href="/book/times/?service=treatment&amp;practitioner=any"' in html


def test_other_refusals_offer_no_services(client, clinic):
    url = details_url(clinic, future_slot(clinic.rules), service="initial-assessment")
    html = client.post(url, {**DETAILS, "email": "not-an-email"}).content.decode()
    assert "Appointments you can book" not in html


def test_admin_help_text_states_the_visit_rule(admin_client, clinic):
    for url in ("/admin/booking/codes/new/", "/admin/booking/services/new/"):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "A cancelled or expired booking, or a no-show" in response.content.decode()
