"""A reader's first visit: home, About through the main navigation, search, and the contact form."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot


def test_reader_journey_home_about_search_contact(browser_page, live_server, site_tree):
    page = browser_page
    visit_home(page)
    visit_about_from_main_navigation(page, live_server)
    search_for_knee(page, live_server)
    contact_form_rejects_an_empty_submission(page, live_server)
    contact_form_accepts_a_valid_submission(page)

    site_tree["contact"].refresh_from_db()
    submissions = (
        site_tree["contact"].get_submission_class().objects.filter(page=site_tree["contact"])
    )
    assert submissions.count() == 1

    assert page.blocked_requests == [], "requests to other hosts were attempted"


def visit_home(page):
    response = page.goto("/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Move easier at home")
    assert_accessible(page, "home")
    screenshot(page, "home")


def visit_about_from_main_navigation(page, live_server):
    main_nav = page.get_by_role("navigation", name="Main")
    main_nav.get_by_role("link", name="About", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="About", exact=True)
    ).to_have_attribute("aria-current", "page")
    assert_accessible(page, "about")
    screenshot(page, "about")


def search_for_knee(page, live_server):
    """Search for "knee" from the search page."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page).to_have_url(f"{live_server.url}/search/")
    page.get_by_label("Search exercises, articles and pages").fill("knee")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{live_server.url}/search/?q=knee")
    expect(page.get_by_role("status")).to_contain_text("for “knee”")
    results = page.locator("ol.results")
    expect(results.get_by_role("link", name="About", exact=True)).to_have_attribute(
        "href", "/about/"
    )
    assert_accessible(page, "search results")


def contact_form_rejects_an_empty_submission(page, live_server):
    """An empty submission shows errors on every required field."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contact us").click()
    expect(page).to_have_url(f"{live_server.url}/contact/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact us")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send message").click()
    assert navigation.value.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below.")
    expect(page.locator(".field__error")).to_have_count(3)
    for label in ("Your name", "E-mail", "Message"):
        field = page.get_by_label(label)
        expect(field).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "contact form with errors")


def contact_form_accepts_a_valid_submission(page):
    """A valid submission reaches the thank-you page."""
    page.get_by_label("Your name").fill("Sam Reader")
    page.get_by_label("E-mail").fill("sam@example.com")
    page.get_by_label("Message").fill("Can I book a knee assessment next week?")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send message").click()
    assert navigation.value.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_role("status")).to_contain_text("Your message has been sent.")
    assert_accessible(page, "thank-you page")


def test_skip_link_is_first_focusable_and_moves_focus_to_main(browser_page, site_tree):
    page = browser_page
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    # Visible once focused: inside the viewport, not parked off-screen.
    box = skip_link.bounding_box()
    assert box is not None
    assert box["y"] >= 0
    assert box["height"] > 0

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("/#main")

    assert page.blocked_requests == [], "requests to other hosts were attempted"
