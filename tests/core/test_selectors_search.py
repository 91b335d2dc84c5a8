"""Site search stays bounded however many pages a word is on (core.selectors.site_search): the
matches are counted up to a limit, and on PostgreSQL only the best candidates are ranked, the
pages whose title matches first. The limits are made small here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import selectors
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_RANKED_RESULTS", 5)
    monkeypatch.setattr(selectors, "SEARCH_COUNT_LIMIT", 12)


def add_pages(home, count, start=0, **fields):
    return [
        StandardPageFactory(
            parent=home,
            title=f"Guide {n}",
            slug=f"guide-{n}",
            intro="All about the knee.",
            **fields,
        )
        for n in range(start, start + count)
    ]


def search_queries(client, query):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_with_few_matches_every_match_is_listed(client, home, small_limits):
    add_pages(home, 4)
    response = client.get("/search/", {"q": "knee"})
    assert response.context["page_obj"].paginator.count == 4
    assert "4 results for “knee”" in response.content.decode()


def test_the_count_stops_at_the_limit(home, small_limits):
    add_pages(home, 14)
    assert selectors.site_search(query="knee").total == 13


def test_past_the_limit_the_count_says_more_than(home, small_limits):
    add_pages(home, 14)
    assert selectors.site_search(query="knee").total_label == "More than 12"


def test_under_the_limit_the_count_is_exact(home, small_limits):
    add_pages(home, 8)
    assert selectors.site_search(query="knee").total_label == "8"


@pytest.mark.postgresql
def test_on_postgresql_only_the_best_matches_are_ranked(client, home, small_limits):
    add_pages(home, 14)
    response = client.get("/search/", {"q": "knee"})
    assert response.context["page_obj"].paginator.count == 5


@pytest.mark.postgresql
def test_on_postgresql_the_reader_is_told_to_narrow_the_search(client, home, small_limits):
    add_pages(home, 8)
    html = client.get("/search/", {"q": "knee"}).content.decode()
    assert "8 results for “knee”. Here are the best 5: add a word to narrow the search." in html


@pytest.mark.postgresql
def test_on_postgresql_the_exact_title_comes_first(client, home, small_limits):
    add_pages(home, 6)
    StandardPageFactory(parent=home, title="Knee pain after a long run", slug="knee-run")
    exact = StandardPageFactory(parent=home, title="Knee", slug="knee")
    add_pages(home, 6, start=10)
    results = list(client.get("/search/", {"q": "knee"}).context["results"])
    assert results[0].pk == exact.pk


@pytest.mark.postgresql
def test_on_postgresql_the_shortest_titles_are_the_candidates(client, home, small_limits):
    for n in range(8):
        StandardPageFactory(
            parent=home, title=f"A long guide to the knee after a run, part {n}", slug=f"long-{n}"
        )
    short = StandardPageFactory(parent=home, title="Knee hold", slug="knee-hold")
    results = list(client.get("/search/", {"q": "knee"}).context["results"])
    assert short.pk in [r.pk for r in results]


@pytest.mark.postgresql
def test_on_postgresql_title_matches_are_ranked_before_text_matches(client, home, small_limits):
    add_pages(home, 8)
    titled = StandardPageFactory(parent=home, title="Knee circles", slug="knee-circles")
    results = list(client.get("/search/", {"q": "knee"}).context["results"])
    assert titled.pk in [r.pk for r in results]


@pytest.mark.postgresql
def test_on_postgresql_text_matches_fill_the_candidates(client, home, small_limits):
    add_pages(home, 8)
    StandardPageFactory(parent=home, title="Knee circles", slug="knee-circles")
    results = list(client.get("/search/", {"q": "knee"}).context["results"])
    assert len(results) == 5


@pytest.mark.postgresql
def test_on_postgresql_drafts_stay_out_of_bounded_results(client, home, small_limits):
    draft = StandardPageFactory(parent=home, title="Knee draft", slug="knee-draft")
    draft.unpublish()
    add_pages(home, 8)
    results = list(client.get("/search/", {"q": "knee"}).context["results"])
    assert draft.pk not in [r.pk for r in results]


@pytest.mark.postgresql
def test_on_postgresql_search_queries_stay_flat_as_matches_grow(client, home, small_limits):
    add_pages(home, 10)
    client.get("/search/", {"q": "knee"})
    few = search_queries(client, "knee")
    add_pages(home, 40, start=100)
    client.get("/search/", {"q": "knee"})
    assert search_queries(client, "knee") == few
