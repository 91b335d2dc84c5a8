import pytest

from tests.blog.factories import (
    AuthorFactory,
    BlogCategoryFactory,
    BlogIndexPageFactory,
    BlogPostPageFactory,
)


@pytest.fixture
def blog(home):
    """A published blog index under the home page."""
    return BlogIndexPageFactory(parent=home)


@pytest.fixture(autouse=True)
def _fast_comments(settings):
    """Tests post comments at once; the minimum-time check has its own tests."""
    settings.BLOG_COMMENT_MIN_SECONDS = 0


@pytest.fixture
def post(blog):
    author = AuthorFactory(name="Maya Chen", role="Registered massage therapist")
    category = BlogCategoryFactory(name="Knee care", slug="knee-care")
    return BlogPostPageFactory(
        parent=blog,
        title="Why the back of the knee tightens",
        slug="back-of-knee",
        authors=[author],
        categories=[category],
        tags=["knee", "foam roller"],
    )
