"""The library's filter counts and its number of results read the whole library: with the
listing cache on they are kept until the next purge (a publish), and a stale link's unknown
values are still reported when the counts come from the cache."""

import pytest

from core.page_cache import purge_pages
from exercises.models import ExercisePage
from tests.exercises.factories import ExercisePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing_cache_on(settings, tmp_path):
    settings.LISTING_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")


def option(response, param, value):
    facet = next(f for f in response.context["library"].facets if f.param == param)
    return next(o for o in facet.options if o.value == value)


def add_knee_exercise(library, terms):
    page = ExercisePageFactory(parent=library, title="Knee rocks", slug="knee-rocks")
    ExercisePage.body_areas.through.objects.create(exercisepage=page, bodyarea=terms["knee"])


def test_counts_are_built_afresh_after_a_purge(client, library, catalogue, terms, listing_cache_on):
    client.get(library.url)
    add_knee_exercise(library, terms)
    purge_pages(reason="published")
    assert option(client.get(library.url), "area", "knee").count == 4


def test_the_total_is_built_afresh_after_a_purge(
    client, library, catalogue, terms, listing_cache_on
):
    client.get(library.url)
    add_knee_exercise(library, terms)
    purge_pages(reason="published")
    assert client.get(library.url).context["library"].total == 6


def test_counts_are_kept_until_a_purge(client, library, catalogue, terms, listing_cache_on):
    client.get(library.url)
    add_knee_exercise(library, terms)  # rows written without a publish
    assert option(client.get(library.url), "area", "knee").count == 3


def test_unknown_values_are_reported_with_kept_counts(client, library, catalogue, listing_cache_on):
    client.get(library.url, {"area": ["knee", "elbow"]})
    response = client.get(library.url, {"area": ["knee", "elbow"]})
    assert response.context["library"].ignored == ["elbow"]


def test_kept_counts_still_filter_the_results(client, library, catalogue, listing_cache_on):
    client.get(library.url, {"area": "knee"})
    response = client.get(library.url, {"area": "knee"})
    assert response.context["library"].page_obj.paginator.count == 3


def test_the_unfiltered_counts_match_the_filtered_ones(client, library, catalogue):
    unfiltered = option(client.get(library.url), "category", "mobility").count
    filtered = option(client.get(library.url, {"area": "knee"}), "category", "mobility").count
    assert (unfiltered, filtered) == (2, 1)
