"""The blog's listing counts (the sidebar's months, categories and tags, and each listing's
number of posts) read every post: with the listing cache on they are kept until the next purge
(a publish), and the warm query count stays flat as the blog grows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.page_cache import purge_pages
from tests.blog.factories import BlogCategoryFactory, BlogPostPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing_cache_on(settings, tmp_path):
    settings.LISTING_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")


@pytest.fixture
def knee(db):
    return BlogCategoryFactory(name="Knee care", slug="knee-care")


def add_posts(blog, category, count, start=0):
    for n in range(start, start + count):
        BlogPostPageFactory(
            parent=blog,
            title=f"Post {n}",
            slug=f"post-{n}",
            date=dt.date(2026, 1 + n % 12, 1 + n % 28),
            categories=[category],
            tags=["knee"],
        )


def sidebar_count(response, slug):
    return next(c.post_count for c in response.context["category_list"] if c.slug == slug)


def test_the_sidebar_counts_are_built_afresh_after_a_purge(client, blog, knee, listing_cache_on):
    add_posts(blog, knee, 2)
    client.get("/blog/")
    add_posts(blog, knee, 1, start=10)
    purge_pages(reason="published")
    assert sidebar_count(client.get("/blog/"), "knee-care") == 3


def test_the_listing_count_is_built_afresh_after_a_purge(client, blog, knee, listing_cache_on):
    add_posts(blog, knee, 2)
    client.get("/blog/")
    add_posts(blog, knee, 1, start=10)
    purge_pages(reason="published")
    assert client.get("/blog/").context["page_obj"].paginator.count == 3


def test_the_sidebar_counts_are_kept_until_a_purge(client, blog, knee, listing_cache_on):
    add_posts(blog, knee, 2)
    client.get("/blog/")
    add_posts(blog, knee, 1, start=10)  # rows written without a publish
    assert sidebar_count(client.get("/blog/"), "knee-care") == 2


def warm_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["/blog/", "/blog/category/knee-care/", "/blog/feed/rss/"])
def test_warm_queries_stay_flat_as_the_blog_grows(client, blog, knee, listing_cache_on, path):
    add_posts(blog, knee, 10)
    few = warm_queries(client, path)
    add_posts(blog, knee, 60, start=100)
    purge_pages(reason="published")
    assert warm_queries(client, path) == few
