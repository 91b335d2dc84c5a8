"""The Content-Security-Policy holds in a real browser: a reader opens the home page, an exercise
(and plays its video), its printable handout, a blog post, the contact page and the booking
steps; an editor signs in, sees the admin dashboard and the page editor, then the site with the
Wagtail userbar. No page reports a CSP violation and axe finds no accessibility violation (the
page editor is checked for CSP only)."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from core.models import SiteSettings
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.booking.factories import (
    BookingPageFactory,
    PractitionerFactory,
    ServiceFactory,
    booking_settings,
)
from tests.browser.conftest import admin_sign_in, assert_accessible
from tests.exercises.factories import ExerciseIndexPageFactory, ExercisePageFactory
from tests.factories import (
    ContactPageFactory,
    StandardPageFactory,
    SuperUserFactory,
    build_site,
)

# Every security policy violation the page sees, whatever document it happens in.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


@pytest.fixture
def site_pages(transactional_db):
    site, home = build_site()
    library = ExerciseIndexPageFactory(parent=home)
    exercise = ExercisePageFactory(
        parent=library,
        title="Seated knee rotations",
        slug="seated-knee-rotations",
        videos=[
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "title": "Seated knee rotations",
                    "transcript": "Sit tall and breathe.",
                },
            )
        ],
    )
    blog = BlogIndexPageFactory(parent=home)
    BlogPostPageFactory(parent=blog, title="Desk posture", slug="desk-posture")
    ContactPageFactory(parent=home)
    privacy = StandardPageFactory(parent=home, title="Privacy policy", slug="privacy")
    booking_page = BookingPageFactory(parent=home, privacy_page=privacy)
    practice = SiteSettings.for_site(site)
    practice.booking_page = booking_page
    practice.save()
    booking_settings(site, min_notice_hours=48, horizon_days=60)
    service = ServiceFactory(name="Treatment", slug="treatment", duration_minutes=45)
    PractitionerFactory(
        name="Dana Reyes",
        slug="dana",
        services=[service],
        hours=[(weekday, "09:00", "17:00") for weekday in range(7)],
    )
    editor = SuperUserFactory(username="editor", password="correct horse battery")
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    return {"exercise": exercise}


@pytest.fixture
def watched_page(browser_page):
    """The shared browser page, listening for CSP violations (events and console messages)."""
    page = browser_page
    page.csp_violations = []

    def report(text):
        page.csp_violations.append(text)

    page.expose_function("__cspViolation", report)
    page.add_init_script(REPORT_VIOLATIONS)

    def console(message):
        if "Content Security Policy" in message.text:
            report(message.text)

    page.on("console", console)
    return page


def assert_no_csp_violation(page, name: str) -> None:
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    assert page.csp_violations == [], f"{name}: {page.csp_violations}"


def check(page, name: str) -> None:
    assert_no_csp_violation(page, name)
    assert_accessible(page, name)


def test_public_pages_and_admin_report_no_csp_violation(watched_page, site_pages):
    page = watched_page

    page.goto("/")
    check(page, "home page")

    page.goto("/exercises/seated-knee-rotations/")
    # JSON-LD is data: it carries no nonce and the policy does not block it.
    assert page.locator('script[type="application/ld+json"]').count()
    check(page, "exercise page")
    page.get_by_role("button", name="Play video: Seated knee rotations").click()
    expect(page.locator("iframe")).to_have_count(1)
    # The policy let the player load: the request reached the network layer (where the test
    # aborts it) instead of being refused by the browser.
    page.wait_for_timeout(200)
    assert [u for u in page.blocked_requests if u.startswith("https://www.youtube-nocookie.com/")]
    assert_no_csp_violation(page, "exercise page with the video player")
    page.goto("/exercises/seated-knee-rotations/print/")
    check(page, "exercise handout")

    page.goto("/blog/desk-posture/")
    check(page, "blog post")

    page.goto("/contact/")
    check(page, "contact page")

    page.goto("/book/")
    check(page, "booking: service")
    page.get_by_role("radio", name=re.compile("^Treatment")).check()
    page.get_by_role("button", name="Show available times").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a time")
    check(page, "booking: time")
    page.locator("a.slot").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    check(page, "booking: details")
    page.get_by_label("Your name").fill("Ana Silva")
    page.get_by_role("textbox", name=re.compile(r"^E-mail")).fill("ana@example.com")
    page.get_by_role("textbox", name=re.compile(r"^Phone")).fill("604 555 0101")
    page.get_by_role("checkbox", name=re.compile(r"^I agree")).check()
    page.get_by_role("button", name="Continue to review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and confirm")
    check(page, "booking: review")

    admin_sign_in(page, "editor", "correct horse battery")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    check(page, "admin dashboard")
    # The page editor (StreamField, rich text, choosers, live preview) under the admin policy.
    page.goto(f"/admin/pages/{site_pages['exercise'].pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Seated knee rotations")
    assert_no_csp_violation(page, "admin page editor")

    # Signed in, public pages carry Wagtail's userbar.
    page.goto("/exercises/seated-knee-rotations/")
    expect(page.locator("wagtail-userbar")).to_have_count(1)
    check(page, "exercise page with the userbar")
