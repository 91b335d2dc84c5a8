"""The editor's admin in a real browser: it makes no third-party requests, and an editor enters a
new exercise with the keyboard, finding every field by its label, on accessible admin pages."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from exercises.models import ExercisePage
from tests.browser.conftest import AXE_OPTIONS, admin_sign_in, assert_accessible, screenshot
from tests.exercises.factories import (
    BodyAreaFactory,
    CategoryFactory,
    EquipmentFactory,
    ExerciseIndexPageFactory,
    TissueFactory,
)
from tests.factories import SuperUserFactory


@pytest.fixture
def admin_tree(site_tree):
    library = ExerciseIndexPageFactory(
        parent=site_tree["home"], title="Exercises", slug="exercises"
    )
    editor = SuperUserFactory(username="editor")
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    return {
        **site_tree,
        "library": library,
        "massage": CategoryFactory(name="Massage", slug="massage"),
        "hip": BodyAreaFactory(name="Hip", slug="hip"),
        "tfl": TissueFactory(name="TFL", slug="tfl", also_known_as="tensor fasciae latae"),
        "roller": EquipmentFactory(name="foam roller"),
    }


def assert_accessible_except_wagtail_panel_toggle(page, name):
    """axe with one rule left out: `target-size`, failed only by Wagtail core's own collapsible
    panel toggle (.w-panel__toggle, 24 x 22 px where the sticky tab bar overlaps it), which
    this project does not render and cannot resize without restyling Wagtail. Every other rule
    runs, with the same tags as assert_accessible."""
    options = {**AXE_OPTIONS, "rules": {"target-size": {"enabled": False}}}
    results = Axe().run(page, options=options)
    found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]
    assert found == [], f"{name}: {found}"


def sign_in(page):
    admin_sign_in(page, "editor", "password")
    expect(page.get_by_role("region", name="Clinical review")).to_be_visible()


def test_admin_requests_only_its_own_host(browser_page, live_server, admin_tree):
    page = browser_page
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    sign_in(page)
    page.wait_for_load_state("networkidle")
    library = admin_tree["library"]
    page.goto(f"/admin/pages/add/exercises/exercisepage/{library.pk}/")
    page.wait_for_load_state("networkidle")
    page.goto("/admin/snippets/exercises/exercisecategory/")
    page.wait_for_load_state("networkidle")
    assert hosts == {urlsplit(live_server.url).netloc}


def test_editor_enters_an_exercise_by_keyboard_and_label(browser_page, live_server, admin_tree):
    """Facts from the foam-rolling reference article (side-lying on a roller under the hip, TFL
    and IT band, rolled slowly towards the knee), written in new words."""
    page = browser_page
    sign_in(page)
    assert_accessible(page, "admin dashboard")
    library = admin_tree["library"]
    page.goto(f"/admin/pages/add/exercises/exercisepage/{library.pk}/")
    # No block-count warning before the editor has typed anything.
    expect(page.get_by_text("The minimum number of items is 1")).to_have_count(0)
    assert_accessible(page, "new exercise: content tab")

    fill_the_content_tab(page)
    add_a_step(page)
    fill_the_dosage_tab(page)
    save_the_draft(page)

    exercise = ExercisePage.objects.get(title="Outer hip roll on a foam roller")
    revision = exercise.get_latest_revision_as_object()
    assert revision.dosage.as_text == "Slowly for 60–90 seconds · each side · daily"
    assert [c.slug for c in revision.categories.all()] == ["massage"]
    assert page.blocked_requests == []


def fill_the_content_tab(page):
    page.get_by_role("textbox", name="Title*").fill("Outer hip roll on a foam roller")
    page.get_by_role("textbox", name="Summary*").fill(
        "Loosens the outer hip and the band running down to the knee. For stiff, sore knees."
    )
    page.get_by_role("checkbox", name="Massage").focus()
    page.keyboard.press("Space")
    page.get_by_role("checkbox", name="Hip", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("checkbox", name="TFL").focus()
    page.keyboard.press("Space")
    page.get_by_role("combobox", name="Position*").select_option(label="Side-lying")
    page.get_by_role("textbox", name="Tags").fill("runners")
    page.keyboard.press("Enter")


def add_a_step(page):
    page.get_by_role("button", name="Insert a block").first.focus()
    page.keyboard.press("Enter")
    step = page.get_by_role("textbox", name="Text*")
    expect(step).to_be_visible()
    step.focus()
    page.keyboard.type(
        "Lie on your side with the roller under the hip, then roll slowly kneewards."
    )
    assert_accessible(page, "new exercise: a step added")


def fill_the_dosage_tab(page):
    page.get_by_role("tab", name="Dosage and cautions").focus()
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Pace").fill("slowly")
    page.get_by_role("spinbutton", name="Duration min").fill("60")
    page.get_by_role("spinbutton", name="Duration max").fill("90")
    page.get_by_role("combobox", name="Side", exact=True).select_option(label="each side")
    page.get_by_role("combobox", name="Frequency").select_option(label="daily")
    assert_accessible_except_wagtail_panel_toggle(page, "new exercise: dosage tab")


def save_the_draft(page):
    page.get_by_role("button", name="Save draft").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").or_(page.locator(".messages")).first).to_contain_text(
        "Page 'Outer hip roll on a foam roller' has been"
    )
    # Wagtail fades its message in: check contrast once the colours have settled.
    page.locator(".messages").evaluate(
        "el => Promise.all(el.getAnimations({subtree: true}).map((a) => a.finished))"
    )
    assert_accessible(page, "exercise saved")
    screenshot(page, "admin-exercise-saved")
