"""Reads of the blog: listings and the post page run a fixed number of queries as data grows."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog import selectors
from blog.models import BlogSettings, CommentStatus
from tests.blog.factories import (
    AuthorFactory,
    BlogCategoryFactory,
    BlogPostPageFactory,
    CommentFactory,
)
from tests.factories import ImageFactory, SuperUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTING_PATHS = ["/blog/", "/blog/category/knee-care/", "/blog/tag/knee/", "/blog/2026/01/"]
# Measured with cold caches (26-27 and 38 queries on SQLite): equality between sizes proves the
# pages are flat; the bounds catch a new query creeping in.
MAX_LISTING_QUERIES = 28
MAX_POST_QUERIES = 40


def count_queries(client, path) -> int:
    assert client.get(path).status_code == 200  # warm up: renditions are created once
    cache.clear()  # measure with cold caches: renditions must come from the prefetch
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_posts(blog, count, *, start, images, authors, categories, days_apart=1):
    for n in range(count):
        BlogPostPageFactory(
            parent=blog,
            date=start + dt.timedelta(days=n * days_apart),
            feed_image=images[n % len(images)],
            authors=[authors[n % 2], authors[(n + 1) % 2]],
            categories=categories[: 1 + n % 2],
            tags=["knee", f"topic {n % 5}"],
        )


def test_listing_queries_do_not_grow_with_posts(client, blog):
    images = [ImageFactory() for _ in range(10)]
    authors = [AuthorFactory(), AuthorFactory()]
    categories = [
        BlogCategoryFactory(name="Knee care", slug="knee-care"),
        BlogCategoryFactory(name="Hips", slug="hips"),
    ]
    # Three posts first: fewer cards on the page must not mean fewer queries (no N+1).
    add_posts(
        blog, 3, start=dt.date(2026, 1, 1), images=images, authors=authors, categories=categories
    )
    few = {path: count_queries(client, path) for path in LISTING_PATHS}
    add_posts(
        blog, 7, start=dt.date(2026, 1, 4), images=images, authors=authors, categories=categories
    )
    small = {path: count_queries(client, path) for path in LISTING_PATHS}
    # 90 more, newer (other posts on page one) and spread over nine months.
    add_posts(
        blog,
        90,
        start=dt.date(2026, 1, 11),
        images=images,
        authors=authors,
        categories=categories,
        days_apart=3,
    )
    large = {path: count_queries(client, path) for path in LISTING_PATHS}
    assert few == small == large
    assert max(large.values()) <= MAX_LISTING_QUERIES


def test_post_page_queries_do_not_grow_with_comments(client, blog):
    image = ImageFactory()
    authors = [AuthorFactory(photo=ImageFactory()), AuthorFactory(photo=ImageFactory())]
    knee = BlogCategoryFactory(name="Knee care", slug="knee-care")
    neighbours = [
        BlogPostPageFactory(
            parent=blog,
            date=dt.date(2026, 1, d),
            feed_image=image,
            categories=[knee],
            tags=["knee"],
        )
        for d in (1, 3, 4)
    ]
    post = BlogPostPageFactory(
        parent=blog,
        date=dt.date(2026, 1, 2),
        feed_image=image,
        authors=authors,
        categories=[knee],
        tags=["knee", "calf"],
    )
    empty = count_queries(client, post.url)
    question = None
    for n in range(50):
        question = CommentFactory(post=post, text=f"Comment {n}", status=CommentStatus.APPROVED)
    CommentFactory(post=post, status=CommentStatus.PENDING)
    staff = SuperUserFactory(username="maya")
    from blog.services import comment_staff_reply

    comment_staff_reply(post=post, text="Thanks!", user=staff, reply_to=question)
    full = count_queries(client, post.url)
    assert empty == full
    assert full <= MAX_POST_QUERIES
    assert len(neighbours) == 3


def test_archive_months_count_live_posts(blog):
    BlogPostPageFactory(parent=blog, date=dt.date(2026, 11, 2))
    BlogPostPageFactory(parent=blog, date=dt.date(2026, 11, 30))
    BlogPostPageFactory(parent=blog, date=dt.date(2025, 12, 31))
    BlogPostPageFactory(parent=blog, date=dt.date(2026, 10, 1), live=False)
    assert [
        (m["label"], m["count"])
        for m in selectors.archive_months(posts=selectors.live_posts(index=blog))
    ] == [
        ("November 2026", 2),
        ("December 2025", 1),
    ]


def test_category_counts_skip_empty_categories(blog):
    knee = BlogCategoryFactory(name="Knee care", slug="knee-care")
    BlogCategoryFactory(name="Empty", slug="empty")
    BlogPostPageFactory(parent=blog, categories=[knee])
    BlogPostPageFactory(parent=blog, categories=[knee])
    assert [
        (c.name, c.post_count)
        for c in selectors.category_counts(posts=selectors.live_posts(index=blog))
    ] == [("Knee care", 2)]


def test_moderator_emails_from_settings_or_permission(blog):
    from django.contrib.auth.models import Group, Permission

    SuperUserFactory(username="boss", email="boss@example.com")
    moderator = UserFactory(username="mod", email="mod@example.com")
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="blog", codename="change_comment")
    )
    moderator.groups.add(group)
    UserFactory(username="reader", email="reader@example.com")
    UserFactory(username="gone", email="gone@example.com", is_active=False)
    site = blog.get_site()
    assert selectors.comment_moderator_emails(site=site) == [
        "boss@example.com",
        "mod@example.com",
    ]
    settings = BlogSettings.for_site(site)
    settings.moderator_emails = "desk@example.com, maya@example.com"
    settings.save()
    assert selectors.comment_moderator_emails(site=site) == [
        "desk@example.com",
        "maya@example.com",
    ]
