"""A patient books from a page's booking link with a promo code, confirms, then cancels through
the e-mailed link; a known patient's first-visit code is refused in plain words and they book
without it. Every step is checked with axe."""

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from booking.models import Booking, Status
from core.models import SiteSettings
from tests.booking.factories import (
    BookingPageFactory,
    PatientFactory,
    PractitionerFactory,
    PromoCodeFactory,
    ServiceFactory,
    booking_settings,
)
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import StandardPageFactory, build_site

EVERY_DAY_9_TO_5 = [(weekday, "09:00", "17:00") for weekday in range(7)]


def call_to_book(service_slug: str) -> tuple:
    return (
        "call_to_book",
        {
            "heading": "Book an in-person visit",
            "text": "A hands-on assessment finds what home care cannot.",
            "button_label": "Book your visit",
            "service_slug": service_slug,
            "promo_code": "FIRST15",
        },
    )


@pytest.fixture
def clinic_tree(transactional_db, live_server):
    """A booking page, one practitioner working 9-17 every day, two 60-minute services, the
    FIRST15 first-visit code and a content page linking to each service with the code.

    The site answers on the live server's host and port, so the links in e-mails open there.
    """
    site, home = build_site()
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    set_up_booking_page(site, home)
    assessment, follow_up = services_with_practitioner()
    PromoCodeFactory(
        code="FIRST15",
        description="15 % off your first visit",
        percent_off="15",
        first_visit_only=True,
    )
    first_visit = StandardPageFactory(
        parent=home,
        title="Your first visit",
        slug="first-visit",
        body=[
            ("paragraph", "<p>What happens at an initial assessment.</p>"),
            call_to_book(assessment.slug),
        ],
    )
    follow_ups = StandardPageFactory(
        parent=home,
        title="Follow-up visits",
        slug="follow-up-visits",
        body=[
            ("paragraph", "<p>How follow-up treatment builds on your home routine.</p>"),
            call_to_book(follow_up.slug),
        ],
    )
    return {"first_visit": first_visit, "follow_ups": follow_ups}


def set_up_booking_page(site, home):
    """The booking page (with its privacy policy) and the site's booking settings."""
    privacy = StandardPageFactory(parent=home, title="Privacy policy", slug="privacy")
    booking_page = BookingPageFactory(
        parent=home,
        privacy_page=privacy,
        intro="<p>Choose an appointment, then a time. You pay at the clinic.</p>",
    )
    practice = SiteSettings.for_site(site)
    practice.booking_page = booking_page
    practice.save()
    # 48 h notice keeps the first slot beyond the 24 h cancellation cut-off at any time of day.
    booking_settings(
        site,
        slot_step_minutes=15,
        buffer_minutes=10,
        min_notice_hours=48,
        horizon_days=60,
        hold_minutes=10,
        cancel_cutoff_hours=24,
        cancellation_fee_text="Cancelling with less notice costs half the fee.",
    )


def services_with_practitioner():
    """Two 60-minute services, both offered by Dana, who works 9-17 every day."""
    assessment = ServiceFactory(
        name="Initial assessment",
        slug="initial-assessment",
        duration_minutes=60,
        price="120.00",
        new_patients_only=True,
        sort_order=1,
    )
    follow_up = ServiceFactory(
        name="Follow-up treatment",
        slug="follow-up",
        duration_minutes=60,
        price="95.00",
        sort_order=2,
    )
    PractitionerFactory(
        name="Dana Reyes",
        slug="dana",
        services=[assessment, follow_up],
        hours=EVERY_DAY_9_TO_5,
    )
    return assessment, follow_up


def slot_id(href: str) -> str:
    return parse_qs(urlsplit(href).query)["slot"][0]


def book_until_review(page, *, start_path, service_name, name, email):
    """Content page → booking link → service step → first offered time → details → review.

    Returns the URL of the time step and the id of the chosen slot."""
    page.goto(start_path)
    assert_accessible(page, f"content page {start_path}")
    page.get_by_role("link", name="Book your visit").click()
    expect(page).to_have_url(re.compile(r"/book/\?service=[\w-]+&promo=FIRST15&from=\d+$"))

    # 1. Service: pre-selected from the link, the code carried along.
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an appointment")
    expect(page.get_by_role("radio", name=re.compile(f"^{service_name}"))).to_be_checked()
    expect(page.locator(".booking-note")).to_contain_text("Your code FIRST15 is carried along")
    assert_accessible(page, "booking: service")
    page.get_by_role("button", name="Show available times").click()

    # 2. Time: the first offered slot.
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a time")
    expect(page.get_by_text("All times are Vancouver time (America/Vancouver).")).to_be_visible()
    expect(page.get_by_text("Cancelling with less notice costs half the fee.")).to_be_visible()
    assert_accessible(page, "booking: time")
    times_url = page.url
    first = page.locator("a.slot").first
    href = first.get_attribute("href")
    first.click()

    # 3. Details: the code is pre-filled; the consent checkbox links to the privacy policy.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    expect(page.get_by_label("Promo code (optional)")).to_have_value("FIRST15")
    expect(page.get_by_role("link", name="privacy policy")).to_have_attribute("href", "/privacy/")
    assert_accessible(page, "booking: details")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("textbox", name=re.compile(r"^E-mail")).fill(email)
    page.get_by_role("textbox", name=re.compile(r"^Phone")).fill("604 555 0101")
    page.get_by_role("checkbox", name=re.compile(r"^I agree")).check()
    page.get_by_role("button", name="Continue to review").click()

    # 4. Review.
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and confirm")
    expect(page.get_by_text("We are holding this time for you until")).to_be_visible()
    expect(page.get_by_text("You pay at the clinic")).to_be_visible()
    return times_url, slot_id(href)


def offered_slot_ids(page) -> list[str]:
    return [slot_id(a.get_attribute("href")) for a in page.locator("a.slot").all()]


def wait_for_mail(to: str, subject_start: str, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail.outbox:
            if message.to == [to] and message.subject.startswith(subject_start):
                return message
        time.sleep(0.1)
    subjects = [(m.to, m.subject) for m in mail.outbox]
    pytest.fail(f"No mail '{subject_start}…' to {to}; outbox: {subjects}", pytrace=False)


def test_book_with_code_then_cancel_from_the_email(browser_page, live_server, clinic_tree):
    page = browser_page
    times_url, chosen = book_until_review(
        page,
        start_path="/first-visit/",
        service_name="Initial assessment",
        name="Ana Silva",
        email="ana@example.com",
    )
    summary = page.locator(".booking-summary")
    expect(summary.locator(".booking-summary__discount")).to_have_text(
        re.compile(r"Code FIRST15\s*\u2212\$18\.00")
    )
    expect(summary.locator(".booking-summary__total")).to_have_text(
        re.compile(r"Total\s*\$102\.00")
    )
    assert_accessible(page, "booking: review with code")
    screenshot(page, "booking-review-code")

    booking = confirm_with_code(page)

    # The booked time is no longer offered.
    page.goto(times_url)
    assert chosen not in offered_slot_ids(page)
    assert_accessible(page, "booking: time after booking")

    cancel_from_the_email(page, live_server, booking)

    # The time is offered again.
    page.goto(times_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a time")
    assert offered_slot_ids(page)[0] == chosen
    assert_accessible(page, "booking: time after cancelling")
    assert page.blocked_requests == []


def confirm_with_code(page):
    """5. Confirm: the cancellation policy is shown and must be accepted; then the reference is
    shown and the booking is confirmed with the discount."""
    expect(page.get_by_role("heading", name="Cancellation policy")).to_be_visible()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.locator(".field__error")).to_contain_text(
        "Please tick the box to accept the cancellation policy"
    )
    accept = page.get_by_role("checkbox", name="I accept the cancellation policy")
    expect(accept).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "booking: review, policy not accepted")
    accept.check()
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment is booked")
    reference = page.locator(".booking-ref").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{8}", reference), reference
    expect(page.get_by_role("status")).to_contain_text(f"Your reference is {reference}")
    expect(page.locator(".booking-summary__total")).to_contain_text("$102.00")
    booking = Booking.objects.get(reference=reference)
    assert booking.status == Status.CONFIRMED
    assert (booking.promo_code_text, str(booking.discount)) == ("FIRST15", "18.00")
    assert_accessible(page, "booking: confirmed")
    screenshot(page, "booking-confirmed-code")
    return booking


def cancel_from_the_email(page, live_server, booking):
    """The confirmation e-mail carries the cancel link; it opens on the live server."""
    reference = booking.reference
    message = wait_for_mail("ana@example.com", "Your appointment is booked")
    assert reference in message.body
    manage_url = re.search(r"https?://\S+/book/manage/\?t=\S+", message.body).group(0)
    assert manage_url.startswith(live_server.url), manage_url
    page.goto(manage_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")
    expect(page.locator(".booking-ref")).to_have_text(reference)
    assert_accessible(page, "booking: manage")

    # Cancelling takes a second, confirming step.
    page.get_by_role("link", name="Cancel this appointment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your appointment?")
    expect(page.locator(".booking-ref")).to_have_text(reference)
    assert_accessible(page, "booking: confirm cancelling")
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    page.get_by_role("button", name="Yes, cancel this appointment").click()
    expect(page.get_by_role("status")).to_contain_text("This appointment is cancelled.")
    expect(page.get_by_role("link", name="Cancel this appointment")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert_accessible(page, "booking: cancelled")
    wait_for_mail("ana@example.com", "Your appointment on")


def test_known_patient_continues_without_first_visit_code(browser_page, live_server, clinic_tree):
    PatientFactory(name="Lee Known", email="lee@example.com", known_to_clinic=True)
    page = browser_page
    book_until_review(
        page,
        start_path="/follow-up-visits/",
        service_name="Follow-up treatment",
        name="Lee Known",
        email="lee@example.com",
    )
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text("The code FIRST15 could not be applied")
    expect(problem).to_contain_text("for first appointments only")
    expect(problem).to_contain_text("You can confirm without it")
    summary = page.locator(".booking-summary")
    expect(summary.locator(".booking-summary__discount")).to_have_count(0)
    expect(summary.locator(".booking-summary__total")).to_have_text(re.compile(r"Total\s*\$95\.00"))
    assert_accessible(page, "booking: review, code refused")
    screenshot(page, "booking-review-code-refused")

    page.get_by_role("checkbox", name="I accept the cancellation policy").check()
    page.get_by_role("button", name="Confirm without the code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment is booked")
    reference = page.locator(".booking-ref").inner_text()
    expect(page.locator(".booking-summary__total")).to_contain_text("$95.00")
    expect(page.locator(".booking-summary__discount")).to_have_count(0)
    booking = Booking.objects.get(reference=reference)
    assert booking.status == Status.CONFIRMED
    assert booking.promo_id is None
    assert str(booking.total) == "95.00"
    assert_accessible(page, "booking: confirmed without code")
    screenshot(page, "booking-confirmed-without-code")
    assert reference in wait_for_mail("lee@example.com", "Your appointment is booked").body
    assert page.blocked_requests == []
