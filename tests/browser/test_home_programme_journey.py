"""A patient opens the home programme link from the e-mail on a phone: the cautions come first,
they start the timer, tick an exercise done today, print the handout and follow "Book your
review" to the booking page with their practitioner chosen. An ended link is a friendly page.
axe on every page; nothing is requested from another site."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from homecare.models import HomeProgrammeTick
from tests.browser.conftest import VIEWPORTS, assert_accessible, screenshot
from tests.factories import build_site
from tests.homecare.helpers import KNEE_CAUTION, build_care, send


@pytest.fixture
def care(transactional_db, live_server):
    site, home = build_site()
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    care = build_care(site, home)
    care.token = send(care.programme, at=timezone.now())
    care.url = f"/my-programme/?t={care.token}"
    return care


def item(page, care, which):
    return page.locator(f"#item-{getattr(care, which).pk}")


def test_patient_follows_the_programme_and_books_the_review(browser_page, care):
    page = browser_page
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(care.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your knee programme")
    rotations = item(page, care, "rotations_item")
    texts = rotations.locator(".ex-cautions, [data-dosage], .steps").all_inner_texts()
    assert KNEE_CAUTION in texts[0]  # the caution comes before the dosage and the steps
    expect(rotations.locator("[data-dosage]")).to_have_text(
        "3 sets, hold each for 45 seconds · each side · daily"
    )
    assert_accessible(page, "home programme: opened")

    timer = rotations.locator("[data-timer]")
    timer.get_by_role("button", name="Start", exact=True).click()
    expect(timer.locator("[data-timer-phase]")).not_to_have_text("Ready when you are")
    timer.get_by_role("button", name="Pause", exact=True).click()
    assert_accessible(page, "home programme: timer paused")

    rotations.get_by_role("button", name="Done today: Seated knee rotations").click()
    expect(rotations.get_by_text("Done today ✓")).to_be_visible()
    expect(rotations.get_by_text("Done on 1 day this week.")).to_be_visible()
    assert HomeProgrammeTick.objects.filter(item=care.rotations_item).count() == 1
    assert_accessible(page, "home programme: ticked")
    screenshot(page, "home-programme-ticked")

    page.get_by_role("link", name="Printable handout").click()
    expect(page.locator("svg.handout__qr")).to_be_visible()
    assert_accessible(page, "home programme: handout")
    page.go_back()

    page.get_by_role("link", name="Book your review").first.click()
    expect(page).to_have_url(
        f"{page.url.split('/book/')[0]}/book/?service=follow-up&practitioner=dana"
    )
    expect(page.locator('input[name="practitioner"][value="dana"]')).to_be_checked()
    assert_accessible(page, "booking: from the review link")
    assert page.blocked_requests == []


def test_ended_link_is_a_friendly_page_with_the_phone(browser_page, care):
    page = browser_page
    page.set_viewport_size(VIEWPORTS["phone"])
    care.programme.revoked_at = timezone.now()
    care.programme.save()
    response = page.goto(care.url)
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has ended")
    expect(page.get_by_role("main").get_by_role("link", name="604-555-0199")).to_be_visible()
    assert_accessible(page, "home programme: ended link")
    assert page.blocked_requests == []
