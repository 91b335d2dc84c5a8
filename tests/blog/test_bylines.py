"""A post's byline and author cards link each author to their profile on the team page when
they have one; a guest author not on the team page is named without a link."""

import pytest

from tests.blog.factories import AuthorFactory, BlogPostPageFactory
from tests.factories import TeamPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_authors(blog, home):
    TeamPageFactory(parent=home)
    maya = AuthorFactory(name="Maya Chen", slug="maya-chen")
    guest = AuthorFactory(name="Guest Writer", slug="guest-writer", on_team_page=False)
    return BlogPostPageFactory(parent=blog, slug="two-authors", authors=[maya, guest])


def test_byline_links_an_author_to_their_profile(client, two_authors):
    html = client.get(two_authors.url).content.decode()
    assert 'by <a href="/team/maya-chen/" rel="author">Maya Chen</a> and Guest Writer' in html


def test_author_card_links_to_the_profile(client, two_authors):
    html = client.get(two_authors.url).content.decode()
    assert '<p class="author-card__name"><a href="/team/maya-chen/">Maya Chen</a></p>' in html


def test_guest_author_card_is_not_linked(client, two_authors):
    html = client.get(two_authors.url).content.decode()
    assert '<p class="author-card__name">Guest Writer</p>' in html


def test_without_a_team_page_the_byline_is_plain(client, blog):
    post = BlogPostPageFactory(
        parent=blog, slug="plain", authors=[AuthorFactory(name="Maya Chen", slug="maya-chen")]
    )
    assert "by Maya Chen" in client.get(post.url).content.decode()
