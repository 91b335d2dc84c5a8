"""A patient opens the health form from the confirmation page, forgets an answer, is told which
one with the rest kept, and sends it. Checked with axe at each state."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from booking import tokens
from booking.models import IntakeResponse
from tests.booking.factories import BookingFactory
from tests.booking.intake_helpers import with_questions
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_booking_journey import services_with_practitioner, set_up_booking_page
from tests.factories import build_site


@pytest.fixture
def booked(transactional_db, live_server):
    site, home = build_site()
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    set_up_booking_page(site, home)
    with_questions(site)
    _assessment, follow_up = services_with_practitioner()
    booking = BookingFactory(
        service=follow_up,
        practitioner=follow_up.practitioners.first(),
        start=(timezone.now() + timedelta(days=5)).replace(
            hour=17, minute=0, second=0, microsecond=0
        ),
        consent_at=timezone.now(),
    )
    return booking, f"/book/done/?t={tokens.access_token(booking.reference)}"


def test_patient_fills_in_the_intake_form(browser_page, booked):
    booking, done_url = booked
    page = browser_page
    page.goto(done_url)
    page.get_by_role("link", name="fill in our short health form").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before your visit")
    assert_accessible(page, "intake: the form")

    page.get_by_label("What brings you in?").fill("Left knee, since March")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the questions marked below")
    expect(page.get_by_label("What brings you in?")).to_have_value("Left knee, since March")
    assert_accessible(page, "intake: a missing answer")

    page.get_by_role("group", name="Any surgery in the last year?").get_by_label("No").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert_accessible(page, "intake: sent")
    screenshot(page, "intake-sent")
    assert IntakeResponse.objects.get(booking=booking).answers[1]["answer"] == "No"
    assert page.blocked_requests == []
