"""Forms on pages served from the page cache still work: the cached HTML carries no CSRF token,
the page's script fetches the visitor's own, and the contact message and the comment go through.
Then a moderator approves the comment and the cached post shows it."""

import pytest
from playwright.sync_api import expect

from blog.models import Comment
from blog.services import comment_approve
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.browser.conftest import assert_accessible

HEADER = "x-page-cache"
SLOW_MS = 60_000  # a POST renders and writes more than a GET; the shared machine can be slow


@pytest.fixture
def cached_site(site_tree, settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")
    settings.BLOG_COMMENT_MIN_SECONDS = 1
    blog = BlogIndexPageFactory(parent=site_tree["home"])
    post = BlogPostPageFactory(parent=blog, title="Desk posture", slug="desk-posture")
    return {**site_tree, "post": post}


def visit_cached(page, live_server, path: str) -> None:
    """Load the page once so it is stored, then as a new visitor who gets the cached copy."""
    page.context.request.get(f"{live_server.url}{path}")
    page.context.clear_cookies()
    response = page.goto(path)
    assert response.headers.get(HEADER) == "hit", path
    page.wait_for_selector("form[data-fresh-fields-ready]", state="attached")


def test_forms_on_cached_pages_can_be_sent(browser_page, live_server, cached_site):
    page = browser_page

    visit_cached(page, live_server, "/contact/")
    token = page.locator('input[name="csrfmiddlewaretoken"]').input_value()
    assert token, "the script filled in this visitor's token"
    assert any(c["name"] == "csrftoken" for c in page.context.cookies())
    assert_accessible(page, "cached contact page")
    page.get_by_label("Your name").fill("Sam Reader")
    page.get_by_label("E-mail").fill("sam@example.com")
    page.get_by_label("Message").fill("Can I book a knee assessment next week?")
    with page.expect_navigation(timeout=SLOW_MS) as navigation:
        page.get_by_role("button", name="Send message").click()
    assert navigation.value.status == 200
    expect(page.get_by_role("status")).to_contain_text("Your message has been sent.")

    visit_cached(page, live_server, "/blog/desk-posture/")
    assert_accessible(page, "cached post with its comment form")
    page.get_by_label("Your name").fill("Priya")
    page.get_by_label("E-mail").fill("priya@example.com")
    page.get_by_role("textbox", name="Comment").fill("Sitting all day is my problem too.")
    page.wait_for_timeout(1100)  # a person takes longer than BLOG_COMMENT_MIN_SECONDS
    with page.expect_navigation(timeout=SLOW_MS):
        page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("waiting for moderation")
    comment = Comment.objects.get()
    assert comment.status == "pending"

    # Approval purges the cache: the next visitor sees the comment.
    comment_approve(comments=[comment])
    page.context.clear_cookies()
    response = page.goto("/blog/desk-posture/")
    assert response.headers.get(HEADER) == "miss"
    expect(page.locator(".comment-list")).to_contain_text("Sitting all day is my problem too.")
    assert page.blocked_requests == []
