"""A reader on an exercise page sees the next free time beside the booking link, filled in after
the page has loaded, and its link opens that time's details step with the service and the offer
code carried along. Checked with axe on both pages."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from core.models import SiteSettings
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_booking_journey import services_with_practitioner, set_up_booking_page
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import build_site

NEXT_FREE = re.compile(
    r"^Next free: [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, \d{1,2}:\d\d [ap]m with Dana$"
)


@pytest.fixture
def exercise_page(transactional_db, live_server):
    site, home = build_site()
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    set_up_booking_page(site, home)
    practice = SiteSettings.for_site(site)
    practice.offer_code = "FIRST15"
    practice.save()
    _, follow_up = services_with_practitioner()
    library = ExerciseIndexPageFactory(parent=home)
    return ExercisePageFactory(
        parent=library, title="Ankle circles", slug="ankle-circles", booking_service=follow_up
    )


def test_exercise_page_shows_the_next_free_time_and_books_it(browser_page, exercise_page):
    page = browser_page
    page.goto(exercise_page.url)
    line = page.locator("p.next-free a")
    expect(line).to_have_text(NEXT_FREE)
    expect(page.get_by_role("link", name="Book an in-person visit")).to_be_visible()
    assert_accessible(page, "exercise page with the next free time")
    screenshot(page, "exercise-next-free")
    line.click()
    page.wait_for_url("**/book/details/**")
    query = parse_qs(urlsplit(page.url).query)
    assert query["service"] == ["follow-up"]
    assert query["promo"] == ["FIRST15"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    expect(page.get_by_label("Promo code")).to_have_value("FIRST15")
    assert_accessible(page, "details step from the next free time")
    assert page.blocked_requests == []


def test_the_page_is_painted_before_any_script_or_fetch_starts(browser_page, exercise_page):
    page = browser_page
    page.goto(exercise_page.url)
    expect(page.locator("p.next-free a")).to_have_text(NEXT_FREE)  # the scripts have run
    started = page.evaluate(
        """() => ({
          paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
          later: performance.getEntriesByType("resource")
            .filter((r) => ["script", "fetch", "beacon"].includes(r.initiatorType))
            .map((r) => r.startTime),
        })"""
    )
    assert len(started["later"]) >= 3  # the timer, the next free time, and its fetch at least
    assert min(started["later"]) > started["paint"]
