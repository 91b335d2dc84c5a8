"""The cancellation policy before booking, over HTTP: edited in the booking settings, shown on
the time list and the review page, accepted before confirming; no online cancel or move offered
inside the cut-off (confirmation page and e-mail); cancelling from the link takes a second step."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from booking import services, tokens
from booking.models import Booking, BookingSettings, PromoCode, Status
from booking.selectors import encode_slot
from tests.booking.factories import PromoCodeFactory
from tests.booking.helpers import future_slot, hold

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Ana Silva",
    "email": "ana@example.com",
    "phone": "604 555 0101",
    "consent": "on",
}
FEE = "Cancelling with less notice costs half the fee."
NO_SHOW = "A missed appointment is charged in full."
PHONE = "604-555-0199"


@pytest.fixture
def policy(clinic):
    BookingSettings.objects.filter(pk=clinic.rules.pk).update(
        cancellation_fee_text=FEE, no_show_text=NO_SHOW
    )
    return clinic


def review_url(client, clinic):
    """Place a hold three days ahead (outside the cut-off) through the details step; the signed
    review URL it redirects to."""
    slot = encode_slot(clinic.dana.pk, future_slot(clinic.rules))
    link = "/book/details/?" + urlencode({"service": "treatment", "slot": slot})
    response = client.post(link, DETAILS)
    assert response.status_code == 302
    return response["Location"]


def confirm_over_http(client, clinic, capture):
    url = review_url(client, clinic)
    with capture(execute=True):
        response = client.post(url, {"action": "confirm", "accept_policy": "on"})
    assert response.status_code == 302
    return response["Location"]


def set_cutoff_beyond_every_booking():
    BookingSettings.objects.update(cancel_cutoff_hours=24 * 30)


def patient_mail():
    return next(m for m in mail.outbox if m.to == ["ana@example.com"])


def test_the_policy_texts_are_edited_in_the_booking_settings(admin_client, clinic):
    url = f"/admin/settings/booking/bookingsettings/{clinic.site.pk}/"
    html = admin_client.get(url).content.decode()
    assert "Cancellation policy" in html
    assert "Shown to patients before they book." in html
    data = {
        "slot_step_minutes": 15,
        "buffer_minutes": 10,
        "min_notice_hours": 12,
        "horizon_days": 60,
        "hold_minutes": 10,
        "cancel_cutoff_hours": 48,
        "time_zone": "America/Vancouver",
        "reminder_lead_hours": 24,
        "staff_email": "staff@example.com",
        "cancellation_fee_text": FEE,
        "no_show_text": NO_SHOW,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    rules = BookingSettings.objects.get(pk=clinic.rules.pk)
    assert (rules.cancel_cutoff_hours, rules.cancellation_fee_text) == (48, FEE)
    assert rules.no_show_text == NO_SHOW


def test_the_time_list_shows_the_policy(client, policy):
    html = client.get("/book/times/?service=treatment&practitioner=any").content.decode()
    assert "Cancellation policy" in html
    assert "online up to 24 hours before it starts" in html
    assert FEE in html
    assert NO_SHOW in html


def test_the_policy_without_fee_texts_shows_the_notice_only(client, clinic):
    html = client.get("/book/times/?service=treatment&practitioner=any").content.decode()
    assert "online up to 24 hours before it starts" in html
    assert "<li></li>" not in html


def test_the_review_page_shows_the_policy_and_the_box_to_tick(client, policy):
    html = client.get(review_url(client, policy)).content.decode()
    assert "Cancellation policy" in html
    assert FEE in html
    assert NO_SHOW in html
    assert re.search(r'<input type="checkbox" name="accept_policy"[^>]*required', html)
    assert "I accept the cancellation policy" in html


def test_confirming_without_accepting_the_policy_is_refused_at_the_field(client, policy):
    url = review_url(client, policy)
    client.post(url, {"action": "apply_code", "promo_code": ""})
    response = client.post(url, {"action": "confirm"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please tick the box to accept the cancellation policy, then confirm." in html
    assert 'aria-invalid="true"' in html
    assert Booking.objects.get().status == Status.HELD
    assert "Confirm booking" in html  # the form is offered again, the hold kept
    assert "We are holding this time for you" in html
    accepted = client.post(url, {"action": "confirm", "accept_policy": "on"})
    assert accepted.status_code == 302
    assert Booking.objects.get().status == Status.CONFIRMED


def test_a_refused_confirm_keeps_the_box_ticked(client, policy):
    PromoCodeFactory(code="TEN", amount_off="10.00", percent_off=None)
    url = review_url(client, policy)
    client.post(url, {"action": "apply_code", "promo_code": "TEN"})
    # The hold ran out and the code was stopped meanwhile: the price changes, confirm is refused.
    Booking.objects.update(status=Status.EXPIRED, hold_expires_at=timezone.now())
    PromoCode.objects.update(active=False)
    response = client.post(url, {"action": "confirm", "accept_policy": "on"})
    html = response.content.decode()
    assert response.status_code == 409
    assert re.search(r'<input type="checkbox" name="accept_policy"[^>]*checked', html)


@pytest.mark.parametrize("value", ["", "off", "0", "x" * 5000])
def test_odd_policy_values_never_500(client, policy, value):
    url = review_url(client, policy)
    response = client.post(url, {"action": "confirm", "accept_policy": value})
    assert response.status_code in (302, 400)


def test_outside_the_cutoff_the_confirmation_page_and_mail_offer_the_link(
    client, policy, django_capture_on_commit_callbacks
):
    done = confirm_over_http(client, policy, django_capture_on_commit_callbacks)
    html = client.get(done).content.decode()
    assert "cancel or move this appointment</a> (online up to 24 hours before)" in html
    assert "/book/manage/?t=" in html
    assert "can no longer be cancelled or moved online" not in html
    message = patient_mail()
    assert "http://testserver/book/manage/?t=" in message.body
    assert "To cancel or move it (up to 24 hours before)" in message.body
    assert "Cancel or move this appointment" in message.alternatives[0][0]


def test_inside_the_cutoff_the_confirmation_page_and_mail_give_the_phone(
    client, policy, django_capture_on_commit_callbacks
):
    url = review_url(client, policy)
    set_cutoff_beyond_every_booking()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"action": "confirm", "accept_policy": "on"})["Location"]
    html = client.get(done).content.decode()
    assert "can no longer be cancelled or moved online" in html
    assert f'href="tel:{PHONE}"' in html
    assert "/book/manage/?t=" not in html
    assert "cancel or move this appointment</a>" not in html
    message = patient_mail()
    html_mail = message.alternatives[0][0]
    for body in (message.body, html_mail):
        assert "can no longer be cancelled or moved online" in body
        assert PHONE in body
        assert "/book/manage/" not in body
    assert "Cancel or move this appointment" not in html_mail


def manage_url(booking):
    return "/book/manage/?" + urlencode({"t": tokens.manage_token(booking.reference)})


def cancel_url(booking):
    return "/book/manage/cancel/?" + urlencode({"t": tokens.manage_token(booking.reference)})


def opens(location):
    """What a signed manage or cancel link opens: its path and the booking's reference. The
    signature carries the second it was made, so two links to one booking may differ."""
    parts = urlsplit(location)
    return parts.path, tokens.read_manage_token(parse_qs(parts.query)["t"][0])


def test_cancelling_from_the_link_takes_a_second_step(client, clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    html = client.get(manage_url(booking)).content.decode()
    assert 'name="action" value="cancel"' not in html  # no one-click cancel
    # The link is signed with the time it was made, so only its address is compared.
    assert 'href="/book/manage/cancel/?t=' in html
    step = client.get(cancel_url(booking))
    page = step.content.decode()
    assert step.status_code == 200
    assert "Cancel your appointment?" in page
    assert booking.reference in page
    assert "Treatment" in page
    assert "Dana Reyes" in page
    assert re.search(r'<form method="post"[^>]*>.*name="action" value="cancel"', page, re.S)
    assert "Keep my appointment" in page
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED  # looking at the step cancels nothing
    done = client.post(cancel_url(booking), {"action": "cancel"})
    assert done.status_code == 302
    assert opens(done["Location"]) == ("/book/manage/", booking.reference)
    assert "This appointment is cancelled" in client.get(done["Location"]).content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED


def test_a_cancel_sent_to_the_manage_page_goes_to_the_second_step(client, clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    response = client.post(manage_url(booking), {"action": "cancel"})
    assert response.status_code == 303
    assert opens(response["Location"]) == ("/book/manage/cancel/", booking.reference)
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_the_cancel_step_keeps_the_signed_link_checks(client, clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    token = tokens.manage_token(booking.reference)
    for bad in [token[:-2] + "xx", "garbage", "", tokens.access_token(booking.reference)]:
        response = client.get("/book/manage/cancel/", {"t": bad})
        assert response.status_code == 400, bad
        assert "This link does not work" in response.content.decode()
        posted = client.post(f"/book/manage/cancel/?t={bad}", {"action": "cancel"})
        assert posted.status_code == 400
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_the_cancel_step_inside_the_cutoff_sends_back_to_call_us(client, clinic):
    booking = services.booking_confirm(
        booking=hold(clinic, start=future_slot(clinic.rules, hh=14)), settings=clinic.rules
    )
    set_cutoff_beyond_every_booking()
    response = client.get(cancel_url(booking))
    assert response.status_code == 302
    assert opens(response["Location"]) == ("/book/manage/", booking.reference)
    html = client.get(manage_url(booking)).content.decode()
    assert "Please call us" in html
    assert PHONE in html
    posted = client.post(cancel_url(booking), {"action": "cancel"})
    assert posted.status_code == 409
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED


def test_an_odd_action_on_the_cancel_step_cancels_nothing(client, clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    response = client.post(cancel_url(booking), {"action": "move"})
    assert response.status_code == 400
    assert "Please use one of the buttons below." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
