"""Generated hostile values in the exercise library's filters, search and paging, the handout
and short-link routes and a programme day: never a 500 (NUL reached PostgreSQL before)."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exercises.factories import ProgramPageFactory, day_items
from tests.fuzz import Target, any_request, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(library, catalogue):
    exercise = catalogue["popliteus"]
    program = ProgramPageFactory(
        parent=library,
        slug="knee-7",
        days=[{"title": "Day one", "items": day_items(exercise)}],
    )
    filters = {
        "category": "massage",
        "area": "knee",
        "equipment": "lacrosse-ball",
        "difficulty": "gentle",
        "tag": "runners",
        "q": "knee",
        "page": "1",
    }
    return [
        Target("library", library.url, filters),
        Target("handout", exercise.url + "print/", {"print": "1"}),
        Target("short link", "/x/{pk}/", segments={"pk": str(exercise.pk)}),
        Target("programme day", program.url + "day/{n}/", segments={"n": "1"}),
    ]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_library_requests_never_500(targets, data):
    request = data.draw(any_request(targets))
    response = send(Client(raise_request_exception=False), request)
    assert response.status_code != 500, str(request)


@pytest.mark.parametrize("param", ["category", "area", "equipment", "tag", "difficulty"])
def test_nul_in_a_filter_is_ignored(client, library, catalogue, param):
    response = client.get(library.url, {param: "\x00"})
    assert response.status_code == 200
