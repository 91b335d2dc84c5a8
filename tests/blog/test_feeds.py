"""RSS 2.0 and Atom feeds of the blog, a category and a tag: valid XML that feed readers parse."""

import datetime as dt
from xml.etree import ElementTree

import feedparser
import pytest

from tests.blog.factories import AuthorFactory, BlogCategoryFactory, BlogPostPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(blog):
    knee = BlogCategoryFactory(name="Knee care", slug="knee-care")
    author = AuthorFactory(name="Maya Chen")
    BlogPostPageFactory(
        parent=blog,
        title="Knee & calf <basics>",
        intro="Why stairs feel hard, and three things to try.",
        date=dt.date(2026, 10, 5),
        categories=[knee],
        tags=["knee"],
        authors=[author],
    )
    BlogPostPageFactory(
        parent=blog,
        title="Foam roller for the outer thigh",
        date=dt.date(2026, 11, 2),
        tags=["foam roller"],
        authors=[author],
    )
    BlogPostPageFactory(parent=blog, title="Draft", live=False)


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    ElementTree.fromstring(response.content)  # well-formed XML
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/blog/feed/rss/", ["Foam roller for the outer thigh", "Knee & calf <basics>"]),
        ("/blog/category/knee-care/feed/rss/", ["Knee & calf <basics>"]),
        ("/blog/tag/foam-roller/feed/rss/", ["Foam roller for the outer thigh"]),
    ],
)
def test_rss_feeds(client, posts, path, expected):
    response, feed = fetch(client, path)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert [e.title for e in feed.entries] == expected
    entry = feed.entries[0]
    assert entry.link.startswith("http://testserver/blog/")
    assert entry.published_parsed is not None
    assert "Maya Chen" in entry.get("author", "")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/blog/feed/atom/", ["Foam roller for the outer thigh", "Knee & calf <basics>"]),
        ("/blog/category/knee-care/feed/atom/", ["Knee & calf <basics>"]),
        ("/blog/tag/knee/feed/atom/", ["Knee & calf <basics>"]),
    ],
)
def test_atom_feeds(client, posts, path, expected):
    response, feed = fetch(client, path)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == expected
    assert feed.feed.links[0].href.startswith("http://testserver/blog/")
    assert any(link.rel == "self" for link in feed.feed.links)
    assert feed.entries[0].author == "Maya Chen"


def test_feed_entry_carries_intro_categories_and_tags(client, posts):
    _, feed = fetch(client, "/blog/category/knee-care/feed/rss/")
    entry = feed.entries[0]
    assert entry.summary == "Why stairs feel hard, and three things to try."
    assert {t.term for t in entry.tags} == {"Knee care", "knee"}
    assert feed.feed.title == "Knee care · Blog · Test"


def test_feeds_of_unknown_category_or_tag_are_404(client, posts):
    assert client.get("/blog/category/nope/feed/rss/").status_code == 404
    assert client.get("/blog/tag/nope/feed/atom/").status_code == 404


def test_empty_blog_feed_is_valid(client, blog):
    _, feed = fetch(client, "/blog/feed/rss/")
    assert not feed.bozo
    assert feed.entries == []
