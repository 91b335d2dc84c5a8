"""The blog's demo content is varied enough to show every feature, and every page renders."""

import pytest

from blog.models import BlogCategory, BlogPostAuthor, BlogPostPage, Comment, CommentStatus

pytestmark = pytest.mark.django_db


def posts():
    return list(BlogPostPage.objects.live().order_by("date"))


def test_at_least_six_posts(demo):
    assert len(posts()) >= 6


def test_posts_span_three_months(demo):
    assert len({(p.date.year, p.date.month) for p in posts()}) >= 3


def test_three_categories(demo):
    assert BlogCategory.objects.count() == 3


def test_two_authors(demo):
    assert BlogPostAuthor.objects.values("author").distinct().count() == 2


def test_every_post_has_authors_categories_and_tags(demo):
    bare = [
        p.title
        for p in posts()
        if not (p.authors.exists() and p.categories.exists() and p.tags.exists())
    ]
    assert bare == []


def test_three_videos(demo):
    assert sum(1 for p in posts() for b in p.body if b.block_type == "video") >= 3


def test_reading_time_is_set(demo):
    assert all(p.reading_minutes >= 1 for p in posts())


def test_approved_and_pending_comments(demo):
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert {CommentStatus.APPROVED, CommentStatus.PENDING} <= statuses


def test_a_staff_reply(demo):
    assert Comment.objects.filter(is_staff_reply=True).exists()


def test_posts_show_exercise_and_routine_cards(demo):
    types = {b.block_type for p in posts() for b in p.body}
    assert {"exercise_card", "routine_card"} <= types


@pytest.mark.parametrize(
    "path",
    ["/blog/", "/blog/feed/rss/", "/blog/category/knee-care/", "/blog/tag/knee/", "/blog/2026/11/"],
)
def test_listings_render(demo, client, path):
    assert client.get(path).status_code == 200


def test_every_post_renders(demo, client):
    failing = [p.url for p in posts() if client.get(p.url).status_code != 200]
    assert failing == []
