"""On a 390×844 phone, the time step shows the first free times without scrolling, with the
practice's header, offer banner and menu in place, two practitioners to choose from and a
closed day first. Checked with axe."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from booking.models import Closure
from core.demo_content import PRACTICE
from tests.booking.factories import PractitionerFactory
from tests.browser.conftest import VIEWPORTS, assert_accessible, screenshot
from tests.browser.test_booking_journey import (
    EVERY_DAY_9_TO_5,
    services_with_practitioner,
    set_up_booking_page,
)
from tests.clock import PRACTICE_ZONE
from tests.factories import StandardPageFactory, build_site


@pytest.fixture
def phone_clinic(transactional_db, live_server):
    site, home = build_site(**PRACTICE)
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    for title in ("About", "Exercises", "Blog", "Contact"):
        StandardPageFactory(parent=home, title=title, slug=title.lower(), show_in_menus=True)
    set_up_booking_page(site, home)
    assessment, follow_up = services_with_practitioner()
    PractitionerFactory(name="Sam Okafor", slug="sam", services=[follow_up], hours=EVERY_DAY_9_TO_5)
    # Today is closed for the whole practice (the first free times are days ahead anyway).
    today = timezone.now().astimezone(PRACTICE_ZONE).date()
    Closure.objects.create(start_date=today, end_date=today, public_reason="Staff training")
    return follow_up


def test_first_free_times_are_visible_on_a_phone_without_scrolling(browser_page, phone_clinic):
    page = browser_page
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(f"/book/times/?service={phone_clinic.slug}&practitioner=any&promo=FIRST15")
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a time")
    expect(page.get_by_text(PRACTICE["offer_text"])).to_be_visible()
    first = page.locator("a.slot").first
    expect(first).to_be_in_viewport()
    box = first.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= VIEWPORTS["phone"]["height"], box
    assert page.evaluate("window.scrollY") == 0
    assert_accessible(page, "booking: time on a phone")
    screenshot(page, "booking-times-phone")
