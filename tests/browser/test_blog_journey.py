"""The blog in a browser: a reader filters by tag, plays a video, follows "next" and comments;
an editor approves the comment in the admin; the comment then appears on the post."""

import datetime as dt

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from blog.models import Comment
from tests.blog.factories import (
    AuthorFactory,
    BlogCategoryFactory,
    BlogIndexPageFactory,
    BlogPostPageFactory,
)
from tests.browser.conftest import admin_sign_in, assert_accessible, screenshot
from tests.factories import ImageFactory, SuperUserFactory, build_site

VIDEO: dict[str, object] = {
    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    "title": "Rolling the outer thigh",
    "description": "",
    "poster": None,
    "duration": "2:10",
    "upload_date": None,
    "transcript": "Lie on your side with the roller under the hip.",
    "chapters": [],
}


@pytest.fixture
def blog_tree(transactional_db, settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 1
    site, home = build_site()
    blog = BlogIndexPageFactory(parent=home, show_in_menus=True)
    maya = AuthorFactory(
        name="Maya Okafor", role="Registered massage therapist", photo=ImageFactory()
    )
    hips = BlogCategoryFactory(name="Hips and thighs", slug="hips-and-thighs")
    knee = BlogCategoryFactory(name="Knee care", slug="knee-care")
    older = BlogPostPageFactory(
        parent=blog,
        title="Ankles first",
        slug="ankles-first",
        date=dt.date(2026, 10, 1),
        authors=[maya],
        categories=[knee],
        tags=["ankle"],
        feed_image=ImageFactory(),
        feed_image_alt="Bare feet on a mat",
    )
    rolling = BlogPostPageFactory(
        parent=blog,
        title="Foam rolling the outer thigh",
        slug="foam-rolling",
        intro="What rolling the outer thigh can and cannot do.",
        date=dt.date(2026, 11, 3),
        authors=[maya],
        categories=[hips],
        tags=["foam roller", "hips"],
        feed_image=ImageFactory(),
        feed_image_alt="A foam roller on a wooden floor",
        body=[
            ("paragraph", "<p>The band on the outside of the thigh barely stretches.</p>"),
            ("video", VIDEO),
            ("caution", {"kind": "stop", "text": "rolling causes sharp pain."}),
        ],
    )
    newer = BlogPostPageFactory(
        parent=blog,
        title="Tight hips, sore knees",
        slug="tight-hips",
        intro="Why we often start at the hip.",
        date=dt.date(2026, 11, 12),
        authors=[maya],
        categories=[hips, knee],
        tags=["hips"],
    )
    editor = SuperUserFactory(username="editor", email="editor@example.com")
    # Superusers sign in with two-factor authentication: the editor has an authenticator app.
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    return {"blog": blog, "older": older, "rolling": rolling, "newer": newer, "editor": editor}


def test_reader_comments_and_editor_approves(browser_page, live_server, blog_tree):
    page = browser_page
    open_blog_index(page, live_server)
    filter_by_tag(page, live_server)
    open_post_and_play_video(page, live_server)
    follow_next_post(page, live_server)
    post_comment_held_for_moderation(page, live_server)
    visit_archive(page)
    editor_approves_comment(page, live_server)
    comment_appears_on_post(page)


def open_blog_index(page, live_server):
    """The blog index, from the main navigation."""
    assert page.goto("/").status == 200
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Blog").click()
    expect(page).to_have_url(f"{live_server.url}/blog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Blog")
    expect(page.locator("link[rel=alternate][type='application/rss+xml']")).to_have_attribute(
        "href", "/blog/feed/rss/"
    )
    assert_accessible(page, "blog index")
    assert_card_images_load(page)
    screenshot(page, "blog-index")


def assert_card_images_load(page):
    """Card images are served by the live server (responsive renditions), none broken."""
    images = page.locator("main img")
    assert images.count() > 0
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, image.get_attribute("src")


def filter_by_tag(page, live_server):
    page.get_by_role("complementary", name="Browse the blog").get_by_role(
        "link", name="foam roller"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/blog/tag/foam-roller/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Posts tagged “foam roller”")
    expect(page.locator(".post-card")).to_have_count(1)


def open_post_and_play_video(page, live_server):
    """Open the post: the video is a facade until played."""
    page.get_by_role("link", name="Foam rolling the outer thigh").click()
    expect(page).to_have_url(f"{live_server.url}/blog/foam-rolling/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Foam rolling the outer thigh")
    expect(page.locator("iframe")).to_have_count(0)
    assert page.blocked_requests == []
    assert_accessible(page, "blog post")
    screenshot(page, "blog-post")
    page.get_by_role("button", name="Play video: Rolling the outer thigh").click()
    iframe = page.locator("iframe.video__iframe")
    expect(iframe).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    )
    expect(iframe).to_have_attribute("title", "Rolling the outer thigh")
    # Only now, and only the privacy-enhanced player, is asked for.
    assert all(u.startswith("https://www.youtube-nocookie.com/") for u in page.blocked_requests)


def follow_next_post(page, live_server):
    page.get_by_role("navigation", name="More posts").get_by_role("link", name="Next post").click()
    expect(page).to_have_url(f"{live_server.url}/blog/tight-hips/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tight hips, sore knees")


def post_comment_held_for_moderation(page, live_server):
    """Post a comment: held for moderation, with a notice."""
    assert_accessible(page, "comment form")
    page.get_by_label("Your name").fill("Priya")
    page.get_by_label("E-mail").fill("priya@example.com")
    page.get_by_role("textbox", name="Comment").fill(
        "Sitting all day is my problem too. Trying this tonight."
    )
    page.wait_for_timeout(1100)  # a person takes longer than BLOG_COMMENT_MIN_SECONDS
    page.get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(f"{live_server.url}/blog/tight-hips/?comment=pending#comments")
    expect(page.get_by_role("status")).to_contain_text("waiting for moderation")
    expect(page.locator(".comment-list")).to_have_count(0)
    assert Comment.objects.get().status == "pending"
    assert_accessible(page, "comment notice")
    screenshot(page, "blog-comment-pending")


def visit_archive(page):
    page.goto("/blog/2026/11/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Posts from November 2026")
    expect(page.locator(".post-card")).to_have_count(2)
    assert_accessible(page, "blog archive")


def editor_approves_comment(page, live_server):
    """The editor approves it from the dashboard."""
    admin_sign_in(page, "editor", "password")
    page.get_by_role("link", name="1 comment awaiting moderation").click()
    expect(page).to_have_url(f"{live_server.url}/admin/snippets/blog/comment/?status=pending")
    row = page.locator("tr", has_text="Sitting all day")
    # Approve is a button of its own in the row, not hidden in "More options".
    row.get_by_role("link", name="Approve the comment by Priya").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("1 comment approved.")).to_be_visible()
    assert Comment.objects.get().status == "approved"


def comment_appears_on_post(page):
    page.goto("/blog/tight-hips/")
    comments = page.locator(".comment-list")
    expect(comments).to_contain_text("Sitting all day is my problem too.")
    expect(comments).to_contain_text("Priya")
    expect(page.get_by_role("heading", name="Comments (1)")).to_be_visible()
