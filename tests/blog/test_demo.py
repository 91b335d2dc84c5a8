"""The blog's demo content loads, is varied enough to show every feature, and loads twice
without duplicates."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from blog.models import BlogCategory, BlogPostAuthor, BlogPostPage, Comment, CommentStatus

pytestmark = pytest.mark.django_db


def counts():
    return {
        "posts": BlogPostPage.objects.count(),
        "authors": BlogPostAuthor.objects.values("author").distinct().count(),
        "categories": BlogCategory.objects.count(),
        "comments": Comment.objects.count(),
    }


def test_blog_demo_is_complete_and_idempotent(client):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first

    posts = list(BlogPostPage.objects.live().order_by("date"))
    assert len(posts) >= 6
    assert len({(p.date.year, p.date.month) for p in posts}) >= 3
    assert first["categories"] == 3
    assert first["authors"] == 2
    assert all(p.authors.exists() and p.categories.exists() and p.tags.exists() for p in posts)
    assert sum(1 for p in posts for b in p.body if b.block_type == "video") >= 3
    assert all(p.reading_minutes >= 1 for p in posts)
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert {CommentStatus.APPROVED, CommentStatus.PENDING} <= statuses
    assert Comment.objects.filter(is_staff_reply=True).exists()

    from django.apps import apps

    if apps.get_model("exercises", "ExercisePage").objects.live().exists():
        types = {b.block_type for p in posts for b in p.body}
        assert {"exercise_card", "routine_card"} <= types

    Site.objects.update(hostname="testserver", port=80)
    for path in [
        "/blog/",
        "/blog/feed/rss/",
        "/blog/category/knee-care/",
        "/blog/tag/knee/",
        "/blog/2026/11/",
        *(p.url for p in posts),
    ]:
        assert client.get(path).status_code == 200, path
