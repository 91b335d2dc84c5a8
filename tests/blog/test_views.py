"""The blog over HTTP: index, category, tag and archive listings, and the post page."""

import datetime as dt
import re

import pytest

from tests.blog.factories import (
    AuthorFactory,
    BlogCategoryFactory,
    BlogPostPageFactory,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [p.title for p in response.context["posts"]]


@pytest.fixture
def posts(blog):
    knee = BlogCategoryFactory(name="Knee care", slug="knee-care")
    hips = BlogCategoryFactory(name="Hips", slug="hips")
    author = AuthorFactory(name="Maya Chen")
    return {
        "oct": BlogPostPageFactory(
            parent=blog,
            title="October knee post",
            date=dt.date(2026, 10, 5),
            categories=[knee],
            tags=["knee"],
            authors=[author],
        ),
        "nov1": BlogPostPageFactory(
            parent=blog,
            title="November roller post",
            date=dt.date(2026, 11, 2),
            categories=[knee, hips],
            tags=["foam roller", "knee"],
            authors=[author],
        ),
        "nov2": BlogPostPageFactory(
            parent=blog,
            title="November hip post",
            date=dt.date(2026, 11, 20),
            categories=[hips],
            tags=["hips"],
            authors=[author],
        ),
    }


def test_index_lists_newest_first_with_archive_and_feeds(client, blog, posts):
    response = client.get("/blog/")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["November hip post", "November roller post", "October knee post"]
    assert html.count("<h1") == 1
    assert (
        '<a href="/blog/2026/11/">November 2026</a> <span class="blog-counts__n">(2)</span>' in html
    )
    assert (
        '<a href="/blog/2026/10/">October 2026</a> <span class="blog-counts__n">(1)</span>' in html
    )
    assert (
        '<a href="/blog/category/knee-care/">Knee care</a> <span class="blog-counts__n">(2)</span>'
        in html
    )
    assert 'href="/blog/tag/foam-roller/"' in html
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Blog (RSS)" '
        'href="/blog/feed/rss/">' in html
    )
    assert 'type="application/atom+xml" title="Blog (Atom)" href="/blog/feed/atom/"' in html
    assert "1 min read" in html
    assert "by Maya Chen" in html


def test_unpublished_and_private_posts_are_not_listed(client, blog, posts):
    from wagtail.models import PageViewRestriction

    draft = BlogPostPageFactory(parent=blog, title="Draft post", live=False)
    private = BlogPostPageFactory(parent=blog, title="Private post")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get("/blog/")
    assert "Draft post" not in titles(response)
    assert "Private post" not in titles(response)
    assert draft.pk
    assert len(titles(response)) == 3


def test_index_paginates(client, blog):
    blog.posts_per_page = 2
    blog.save()
    for n in range(5):
        BlogPostPageFactory(parent=blog, title=f"Paged {n}", date=dt.date(2026, 1, 1 + n))
    first = client.get("/blog/")
    assert titles(first) == ["Paged 4", "Paged 3"]
    third = client.get("/blog/", {"page": 3})
    assert titles(third) == ["Paged 0"]
    assert 'rel="prev" href="?page=2"' in third.content.decode()
    for odd in ["abc", "-1", "999", "1.5", "%00"]:
        assert client.get("/blog/", {"page": odd}).status_code == 200


def test_category_listing(client, blog, posts):
    response = client.get("/blog/category/knee-care/")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["November roller post", "October knee post"]
    assert "<h1>Knee care</h1>" in html
    assert "<title>Knee care · Test</title>" in html
    assert '<link rel="canonical" href="http://testserver/blog/category/knee-care/">' in html
    assert 'href="/blog/category/knee-care/feed/rss/"' in html
    assert 'href="/blog/category/knee-care/feed/atom/"' in html
    assert client.get("/blog/category/no-such-thing/").status_code == 404


def test_tag_listing(client, blog, posts):
    response = client.get("/blog/tag/foam-roller/")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["November roller post"]
    assert "<h1>Posts tagged “foam roller”</h1>" in html
    assert 'href="/blog/tag/foam-roller/feed/rss/"' in html
    assert client.get("/blog/tag/unknown/").status_code == 404


def test_month_and_year_archives(client, blog, posts):
    november = client.get("/blog/2026/11/")
    assert november.status_code == 200
    assert titles(november) == ["November hip post", "November roller post"]
    assert "<h1>Posts from November 2026</h1>" in november.content.decode()
    assert titles(client.get("/blog/2026/10/")) == ["October knee post"]
    assert len(titles(client.get("/blog/2026/"))) == 3


def test_empty_month_is_a_friendly_page_that_search_engines_skip(client, blog, posts):
    response = client.get("/blog/2026/03/")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == []
    assert "Nothing was published in March 2026." in html
    assert '<meta name="robots" content="noindex">' in html
    # The archive list is still there to move on.
    assert 'href="/blog/2026/11/"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/blog/2026/13/",
        "/blog/2026/0/",
        "/blog/2026/00/",
        "/blog/2026/november/",
        "/blog/0000/01/",
        "/blog/twenty/",
        "/blog/2026/1/extra/",
        "/blog/2026/111/",
        "/blog/category/",
        "/blog/feed/xml/",
    ],
)
def test_invalid_archives_are_404_not_500(client, blog, posts, path):
    assert client.get(path).status_code == 404


def test_post_page_shows_byline_topics_and_comments_form(client, post):
    response = client.get(post.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "by Maya Chen" in html
    assert "About the author" in html
    assert 'href="/blog/category/knee-care/"' in html
    assert 'href="/blog/tag/knee/" rel="tag"' in html
    assert 'href="/blog/feed/rss/"' in html
    assert "Leave a comment" in html
    assert 'name="website"' in html


def test_comments_closed(client, post):
    post.comments_open = False
    post.save()
    html = client.get(post.url).content.decode()
    assert "Comments are closed for this post." in html
    assert "Leave a comment" not in html
    response = client.post(post.url, {"name": "A", "email": "a@example.com", "text": "Hi"})
    assert response.status_code == 405


def test_previous_and_next_at_both_ends(client, blog):
    first = BlogPostPageFactory(parent=blog, title="First", date=dt.date(2026, 1, 1))
    middle = BlogPostPageFactory(parent=blog, title="Middle", date=dt.date(2026, 2, 1))
    same_day = BlogPostPageFactory(parent=blog, title="Same day", date=dt.date(2026, 2, 1))
    last = BlogPostPageFactory(parent=blog, title="Last", date=dt.date(2026, 3, 1))
    BlogPostPageFactory(parent=blog, title="Unpublished", date=dt.date(2026, 4, 1), live=False)

    def nav(page):
        html = client.get(page.url).content.decode()
        found = re.search(r'<nav class="post-nav".*?</nav>', html, re.S)
        return found.group(0) if found else ""

    assert "Previous post" not in nav(first)
    assert f'href="{middle.url}" rel="next"' in nav(first)
    assert f'href="{first.url}" rel="prev"' in nav(middle)
    assert f'href="{same_day.url}" rel="next"' in nav(middle)
    assert f'href="{middle.url}" rel="prev"' in nav(same_day)
    assert f'href="{same_day.url}" rel="prev"' in nav(last)
    assert "Next post" not in nav(last)
    assert "Unpublished" not in nav(last)


def test_a_single_post_has_no_post_navigation(client, post):
    assert 'class="post-nav"' not in client.get(post.url).content.decode()


def test_related_posts_pinned_first_then_shared_topics_newest_first(client, blog):
    from blog.models import BlogPostRelatedPost

    knee = BlogCategoryFactory(name="Knee care", slug="knee-care")
    post = BlogPostPageFactory(parent=blog, title="Main", categories=[knee], tags=["roller"])
    old_tag = BlogPostPageFactory(
        parent=blog, title="Old roller", date=dt.date(2025, 1, 1), tags=["roller"]
    )
    newer_cat = BlogPostPageFactory(
        parent=blog, title="Newer knee", date=dt.date(2026, 6, 1), categories=[knee]
    )
    newest_both = BlogPostPageFactory(
        parent=blog,
        title="Newest both",
        date=dt.date(2026, 7, 1),
        categories=[knee],
        tags=["roller"],
    )
    BlogPostPageFactory(parent=blog, title="Unrelated", date=dt.date(2026, 8, 1))
    pinned = BlogPostPageFactory(parent=blog, title="Pinned", date=dt.date(2020, 1, 1))
    BlogPostRelatedPost.objects.create(page=post, related=pinned, sort_order=0)

    response = client.get(post.url)
    assert [p.title for p in response.context["related_posts"]] == [
        "Pinned",
        "Newest both",
        "Newer knee",
    ]
    assert old_tag.pk
    assert newest_both.pk
    assert newer_cat.pk
    html = response.content.decode()
    assert '<h2 id="related-heading">Related posts</h2>' in html


def test_related_posts_empty_without_shared_topics(client, blog):
    lonely = BlogPostPageFactory(parent=blog, title="Lonely")
    BlogPostPageFactory(parent=blog, title="Other")
    response = client.get(lonely.url)
    assert response.context["related_posts"] == []
    assert "Related posts" not in response.content.decode()
