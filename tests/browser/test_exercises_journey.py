"""A reader filters the exercise library, opens an exercise, plays its video, follows the timer
and opens the printable handout, with an axe check on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.exercises.factories import (
    BodyAreaFactory,
    CategoryFactory,
    CautionFactory,
    EquipmentFactory,
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    ProgramPageFactory,
    ReviewerFactory,
    RoutinePageFactory,
    day_items,
    steps,
)
from tests.factories import build_site


@pytest.fixture
def library_tree(transactional_db):
    site, home = build_site()
    library = ExerciseIndexPageFactory(parent=home, show_in_menus=True)
    knee = BodyAreaFactory(name="Knee", slug="knee")
    ankle = BodyAreaFactory(name="Ankle", slug="ankle")
    mobility = CategoryFactory(name="Mobility", slug="mobility")
    massage = CategoryFactory(name="Massage", slug="massage")
    chair = EquipmentFactory(name="chair")
    surgery = CautionFactory(title="recent knee surgery")
    rotations = ExercisePageFactory(
        parent=library,
        title="Seated knee rotations",
        slug="seated-knee-rotations",
        summary="Take the knee through its whole range with your hands supporting the thigh.",
        categories=[mobility],
        body_areas=[knee],
        equipment=[(chair, "or the edge of a bed")],
        position="seated",
        steps=steps("Sit tall and hold the thigh.", ("Straighten the leg and hold.", 5)),
        hold_min=3,
        side="each-side",
        breathe_in=2,
        breathe_out=3,
        frequency="daily",
        cautions=[("reusable", surgery)],
        reviewer=ReviewerFactory(),
        videos=[
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "title": "Seated knee rotations",
                    "transcript": "Sit tall and breathe.",
                    "chapters": [{"time": "0:30", "label": "Other side"}],
                },
            )
        ],
    )
    ExercisePageFactory(
        parent=library, title="Ankle circles", categories=[mobility], body_areas=[ankle]
    )
    ExercisePageFactory(
        parent=library, title="Knee ball release", categories=[massage], body_areas=[knee]
    )
    routine = RoutinePageFactory(parent=library, title="Knee reset", exercises=[rotations])
    ProgramPageFactory(
        parent=library,
        title="Knee week",
        days=[{"title": "Start", "items": day_items(rotations, routine)}],
    )
    return {"site": site, "home": home, "library": library, "rotations": rotations}


def test_filter_open_play_time_and_print(browser_page, live_server, library_tree):
    page = browser_page
    filter_the_library(page)
    open_the_exercise(page)
    play_the_video(page)
    follow_the_timer(page)
    open_the_printable_handout(page, live_server)
    assert not [u for u in page.blocked_requests if "youtube" not in u], page.blocked_requests


def filter_the_library(page):
    """Filter by knee + mobility with the plain GET form."""
    page.goto("/exercises/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exercises")
    expect(page.get_by_role("status")).to_have_text("3 exercises.")
    assert_accessible(page, "exercise library")

    page.get_by_role("checkbox", name=re.compile(r"^Knee")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Mobility")).check()
    page.get_by_role("button", name="Show exercises").click()
    expect(page).to_have_url(
        re.compile(r"/exercises/\?(category=mobility&area=knee|area=knee&category=mobility)")
    )
    expect(page.get_by_role("status")).to_have_text("1 exercise matches your filters.")
    assert_accessible(page, "exercise library filtered")
    screenshot(page, "exercise-library-filtered")


def open_the_exercise(page):
    page.get_by_role("link", name="Seated knee rotations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seated knee rotations")
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    assert_accessible(page, "exercise page")
    screenshot(page, "exercise-page")


def play_the_video(page):
    """The video is a facade: no iframe, and nothing requested from YouTube, until the click."""
    assert page.locator("iframe").count() == 0
    assert not [u for u in page.blocked_requests if "youtube" in u or "ytimg" in u]
    page.get_by_role("button", name="Play video: Seated knee rotations").click()
    iframe = page.locator("iframe")
    expect(iframe).to_have_count(1)
    expect(iframe).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/aqz-KE-bpKQ")
    )
    page.locator(".video__transcript summary").click()
    expect(page.get_by_text("Sit tall and breathe.")).to_be_visible()


def follow_the_timer(page):
    """The timer appears with JavaScript, counts down and announces the phase."""
    timer = page.get_by_role("region", name="Follow along")
    expect(timer).to_be_visible()
    clock = timer.get_by_role("timer")
    expect(clock).to_have_text("0:05")
    start = timer.get_by_role("button", name="Start", exact=True)
    start.focus()
    page.keyboard.press("Space")
    expect(timer.get_by_role("button", name="Pause")).to_have_attribute("aria-pressed", "true")
    expect(clock).not_to_have_text("0:05", timeout=4000)
    expect(page.locator("[data-timer-live]")).to_contain_text("Get into position")
    timer.get_by_role("button", name="Skip ahead").click()
    expect(page.locator("[data-timer-phase]")).to_contain_text("Step 2")
    expect(page.locator("[data-timer-breath-text]")).to_contain_text("Breathe")
    assert_accessible(page, "exercise page with timer running")


def open_the_printable_handout(page, live_server):
    """The printable handout: no navigation, a QR code back to the page."""
    page.get_by_role("link", name="Printable handout").click()
    expect(page).to_have_url(f"{live_server.url}/exercises/seated-knee-rotations/print/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seated knee rotations")
    assert page.locator("nav").count() == 0
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_accessible(page, "exercise handout")
    page.emulate_media(media="print")
    screenshot(page, "exercise-handout-print")


def test_timer_is_absent_without_javascript(chromium_browser, live_server, library_tree):
    context = chromium_browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page.goto("/exercises/seated-knee-rotations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seated knee rotations")
    assert not page.locator("[data-timer]").is_visible()
    expect(page.get_by_role("link", name=re.compile("Watch .* on YouTube"))).to_be_visible()
    assert page.locator("iframe").count() == 0
    context.close()


def test_routine_and_programme_pages_are_accessible(browser_page, library_tree):
    page = browser_page
    page.goto("/exercises/knee-reset/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Knee reset")
    assert_accessible(page, "routine page")
    page.goto(f"/exercises/{library_tree['library'].get_children().get(title='Knee week').slug}/")
    assert_accessible(page, "programme teaser")
    page.get_by_role("link", name="Day 1: Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Day 1: Start")
    assert_accessible(page, "programme day")


def test_filtered_library_by_keyboard(browser_page, library_tree):
    page = browser_page
    page.goto("/exercises/?area=knee")
    # After filtering, the keyboard is at the results heading and the count is a live status.
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.get_by_role("status")).to_contain_text("match your filters")
    # From the top of the page, "Skip to results" is the first stop, and the first result is
    # one Tab after it.
    page.evaluate(
        "const top = document.createElement('span'); top.tabIndex = -1;"
        "document.body.prepend(top); top.focus();"
    )
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.library__results') !== null")
    assert focused
    assert_accessible(page, "filtered library")
