"""Reception books a patient who phones in, with the keyboard only: New booking → service →
practitioner → a free time → the patient's details → review → confirm, then finds the
appointment on the schedule's day. Every step is checked with axe."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from booking.models import Booking, Status
from core.models import OutboxMessage
from tests.booking.factories import PractitionerFactory, ServiceFactory, booking_settings
from tests.browser.conftest import admin_sign_in, assert_accessible, reception_group, screenshot
from tests.factories import UserFactory, build_site

EVERY_DAY_9_TO_5 = [(weekday, "09:00", "17:00") for weekday in range(7)]


@pytest.fixture
def front_desk(transactional_db):
    """A clinic with one service and one practitioner working every day, and a Reception user
    with an authenticator."""
    site, _home = build_site()
    booking_settings(site)
    treatment = ServiceFactory(
        name="Treatment", slug="treatment", duration_minutes=45, price="95.00"
    )
    PractitionerFactory(
        name="Dana Reyes", slug="dana", services=[treatment], hours=EVERY_DAY_9_TO_5
    )
    reception = UserFactory(username="desk")
    reception.set_password("password")
    reception.save()
    reception.groups.add(reception_group())
    TOTPDevice.objects.create(user=reception, name="Phone", confirmed=True)
    return reception


def press(page, role, name):
    """Move the focus to a control and press Enter, as a keyboard user does."""
    control = page.get_by_role(role, name=name, exact=True)
    control.focus()
    page.keyboard.press("Enter")


def choose(page, label, option):
    """Focus a <select> and pick an option, as the keyboard's arrow keys would."""
    select = page.get_by_label(label, exact=True)
    select.focus()
    select.select_option(label=option)


def test_reception_books_a_phone_patient_with_the_keyboard(browser_page, front_desk):
    page = browser_page
    admin_sign_in(page, "desk", "password")
    page.goto("/admin/booking/new/")
    assert_accessible(page, "new booking: service")

    choose(page, "Service", "Treatment (45 min)")
    press(page, "button", "Next")
    choose(page, "Practitioner", "Dana Reyes")
    press(page, "button", "Show free times")
    press(page, "link", "Day after ›")
    expect(page.get_by_role("heading", name="2. A free time")).to_be_visible()
    assert_accessible(page, "new booking: free times")
    press(page, "link", "10:00 am")

    expect(page.get_by_role("heading", name="3. The patient")).to_be_visible()
    page.wait_for_load_state("load")
    page.get_by_label("Name", exact=True).focus()
    page.keyboard.type("Rosa Phone")
    page.keyboard.press("Tab")
    page.keyboard.type("rosa.phone@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type("604-555-0177")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Rosa Phone")
    expect(page.get_by_label("Phone", exact=True)).to_have_value("604-555-0177")
    expect(page.get_by_label("E-mail the patient")).to_be_checked()
    assert_accessible(page, "new booking: the patient")
    press(page, "button", "Review booking")

    expect(page.get_by_role("heading", name="5. Confirm the booking")).to_be_visible()
    expect(page.get_by_text("rosa.phone@example.com")).to_be_visible()
    assert_accessible(page, "new booking: review")
    press(page, "button", "Confirm booking")

    expect(page.locator(".messages")).to_contain_text("Rosa Phone")
    expect(page.get_by_role("table")).to_contain_text("Rosa Phone")
    # Wagtail fades its message in: check contrast once the colours have settled.
    page.locator(".messages").evaluate(
        "el => Promise.all(el.getAnimations({subtree: true}).map((a) => a.finished))"
    )
    assert_accessible(page, "schedule: the booked day")
    screenshot(page, "staff-booking-schedule-day")

    booking = Booking.objects.get()
    assert (booking.status, booking.patient_phone) == (Status.CONFIRMED, "604-555-0177")
    assert OutboxMessage.objects.filter(kind="confirmation", to="rosa.phone@example.com").exists()
    assert page.blocked_requests == []
