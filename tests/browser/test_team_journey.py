"""A patient meets the team: the team page, a practitioner's profile with their photo, bio,
qualifications and services, then "Book with <name>" opens the booking page with them chosen.
The team page and the profile pass axe; the reviewer of an exercise links to the same profile."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from core.demo_content import PRACTICE
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_booking_journey import services_with_practitioner, set_up_booking_page
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import ImageFactory, TeamPageFactory, build_site


@pytest.fixture
def team_site(transactional_db, live_server):
    site, home = build_site(**PRACTICE)
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    set_up_booking_page(site, home)
    services_with_practitioner()  # Dana, who offers both services
    TeamPageFactory(
        parent=home, show_in_menus=True, intro="<p>Who treats you, and how to book them.</p>"
    )
    from booking.models import Practitioner

    person = Practitioner.objects.get().person
    person.role = "Registered massage therapist"
    person.qualifications = "RMT, College of Massage Therapists of BC\nBSc Kinesiology"
    person.bio = "Treats runners and desk workers."
    person.photo = ImageFactory()
    person.save()
    library = ExerciseIndexPageFactory(parent=home)
    exercise = ExercisePageFactory(
        parent=library, title="Ankle circles", last_reviewed=dt.date(2026, 3, 2), reviewer=person
    )
    return {"person": person, "exercise": exercise}


def test_patient_meets_the_team_and_books_with_a_practitioner(browser_page, team_site):
    page = browser_page
    name = team_site["person"].name
    assert page.goto("/").status == 200
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Our team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our team")
    assert_accessible(page, "team page")
    screenshot(page, "team-page")

    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text("BSc Kinesiology")).to_be_visible()
    expect(page.get_by_role("link", name="Follow-up treatment")).to_be_visible()
    assert_accessible(page, "profile")
    screenshot(page, "team-profile")

    page.get_by_role("link", name=f"Book with {name}").click()
    expect(page.get_by_role("radio", name=name)).to_be_checked()
    expect(page.get_by_role("radio", name="Anyone")).not_to_be_checked()


def test_exercise_reviewer_links_to_the_profile(browser_page, team_site):
    page = browser_page
    name = team_site["person"].name
    page.goto(team_site["exercise"].url)
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
