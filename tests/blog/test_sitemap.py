"""The sitemap lists the blog's category, tag and monthly archive pages that hold posts."""

import re

import pytest

pytestmark = pytest.mark.django_db


def sitemap(client):
    xml = client.get("/sitemap.xml").content.decode()
    entries = {}
    for url in re.findall(r"<url>(.*?)</url>", xml, re.S):
        loc = re.search(r"<loc>(.*?)</loc>", url).group(1)
        lastmod = re.search(r"<lastmod>(.*?)</lastmod>", url)
        entries[loc] = lastmod.group(1) if lastmod else ""
    return entries


def test_sitemap_lists_category_pages(client, post):
    assert "http://testserver/blog/category/knee-care/" in sitemap(client)


def test_sitemap_lists_tag_pages(client, post):
    assert "http://testserver/blog/tag/foam-roller/" in sitemap(client)


def test_sitemap_lists_months_that_hold_posts(client, post):
    month = f"http://testserver/blog/{post.date:%Y}/{post.date:%m}/"
    assert month in sitemap(client)


def test_sitemap_archive_lastmod_is_the_newest_post(client, post):
    month = f"http://testserver/blog/{post.date:%Y}/{post.date:%m}/"
    from django.utils import timezone

    newest = timezone.localtime(post.last_published_at)
    assert sitemap(client)[month].startswith(f"{newest:%Y-%m-%d}")


def test_sitemap_leaves_out_empty_months_and_unused_categories(client, post):
    from tests.blog.factories import BlogCategoryFactory

    BlogCategoryFactory(name="Unused", slug="unused")
    assert not any("unused" in loc for loc in sitemap(client))
