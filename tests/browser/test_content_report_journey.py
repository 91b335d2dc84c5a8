"""A reader opens an exercise served from the page cache and follows its "Book" button; the
browser sends a page view and a booking start, nothing else leaves the site, and Reception sees
both in "Content that books" (an accessible admin page with its chart)."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from core.models import SiteSettings
from core.visits import services as visit_services
from tests.booking.factories import (
    BookingPageFactory,
    PractitionerFactory,
    ServiceFactory,
    booking_settings,
)
from tests.browser.conftest import admin_sign_in, assert_accessible, reception_group
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import UserFactory

BEACON = "/counts/"


@pytest.fixture
def counted_site(site_tree, settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")
    site, home = site_tree["site"], site_tree["home"]
    booking_page = BookingPageFactory(parent=home)
    practice = SiteSettings.for_site(site)
    practice.booking_page = booking_page
    practice.save()
    booking_settings(site)
    treatment = ServiceFactory(name="Treatment", slug="treatment", duration_minutes=45)
    PractitionerFactory(name="Dana Reyes", slug="dana", services=[treatment])
    library = ExerciseIndexPageFactory(parent=home, title="Exercises", slug="exercises")
    exercise = ExercisePageFactory(
        parent=library, title="Ankle circles", slug="ankle-circles", booking_service=treatment
    )
    reception = UserFactory(username="front-desk")
    reception.groups.add(reception_group())
    TOTPDevice.objects.create(user=reception, name="Phone", confirmed=True)
    visit_services._pending.clear()
    yield {**site_tree, "exercise": exercise}
    visit_services._pending.clear()


def test_a_reader_is_counted_and_reception_sees_it(browser_page, live_server, counted_site):
    page = browser_page
    page.context.request.get(f"{live_server.url}/exercises/ankle-circles/")  # stored in cache
    # Wait for the beacons' answers, not only their requests: the counts are then in memory.
    with page.expect_response(lambda r: BEACON in r.url) as view:
        response = page.goto("/exercises/ankle-circles/")
    assert response.headers.get("x-page-cache") == "hit"
    assert view.value.url.endswith(f"?p={counted_site['exercise'].pk}&k=view")
    assert view.value.status == 204

    with page.expect_response(lambda r: BEACON in r.url) as start:
        page.get_by_role("link", name="Book an in-person visit").click()
    assert start.value.url.endswith(f"?p={counted_site['exercise'].pk}&k=start")
    assert page.context.cookies() == []
    assert page.blocked_requests == []

    visit_services.page_counts_flush()
    admin_sign_in(page, "front-desk", "password")
    page.goto("/admin/booking/content-that-books/")
    row = page.get_by_role("row", name="Ankle circles")
    expect(row.get_by_role("cell")).to_have_text(["Exercise", "1", "1", "0", "0", ""])
    expect(page.get_by_role("img", name="Booking starts (dark) and bookings")).to_be_visible()
    assert_accessible(page, "Content that books")
