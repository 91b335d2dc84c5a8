"""Generated hostile values in the blog's listings, archives, categories, tags, feeds, paging
and comment form: never a 500."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog.forms import new_timestamp
from tests.fuzz import Target, any_request, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(blog, post):
    base = blog.url
    return [
        Target("index", base, {"page": "1"}),
        Target(
            "category", base + "category/{slug}/", {"page": "1"}, segments={"slug": "knee-care"}
        ),
        Target("tag", base + "tag/{slug}/", {"page": "1"}, segments={"slug": "knee"}),
        Target("year", base + "{year}/", {"page": "1"}, segments={"year": "2026"}),
        Target(
            "month",
            base + "{year}/{month}/",
            {"page": "1"},
            segments={"year": "2026", "month": "3"},
        ),
        Target("feed", base + "feed/{kind}/", segments={"kind": "rss"}),
        Target(
            "category feed",
            base + "category/{slug}/feed/{kind}/",
            segments={"slug": "knee-care", "kind": "atom"},
        ),
        Target("tag feed", base + "tag/{slug}/feed/rss/", segments={"slug": "knee"}),
        Target(
            "comment",
            post.url,
            {"comment": "pending"},
            body={
                "name": "Priya",
                "email": "priya@example.com",
                "text": "Tried the ball on my calf.",
                "rendered_at": new_timestamp(),
                "website": "",
            },
        ),
    ]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_blog_requests_never_500(targets, data):
    request = data.draw(any_request(targets))
    cache.clear()
    response = send(Client(raise_request_exception=False), request)
    assert response.status_code != 500, str(request)
