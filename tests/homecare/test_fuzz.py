"""Generated hostile values in the signed link and the "Done today" form: never a 500."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homecare.tokens import programme_token
from tests.fuzz import Target, any_request, send, tampered
from tests.homecare.helpers import NOW

pytestmark = pytest.mark.django_db


def care_targets(care) -> list[Target]:
    old = programme_token(programme_id=care.programme.pk, version=0)
    unknown = programme_token(programme_id=care.programme.pk + 1000, version=1)
    bad = {"t": [*tampered(care.token), old, unknown]}
    items = [str(care.rotations_item.pk), str(care.routine_item.pk), "0", "-1"]
    return [
        Target("programme", "/my-programme/", {"t": care.token}, extra=bad),
        Target("handout", "/my-programme/print/", {"t": care.token}, extra=bad),
        Target(
            "done",
            "/my-programme/done/",
            {"t": care.token},
            body={"item": str(care.rotations_item.pk), "done": "1"},
            extra={**bad, "item": items, "done": ["0", "1", "yes"]},
        ),
    ]


@pytest.fixture
def targets(care):
    return care_targets(care)


@pytest.mark.time_machine(NOW, tick=False)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_home_programme_requests_never_500(targets, data):
    request = data.draw(any_request(targets))
    cache.clear()
    response = send(Client(raise_request_exception=False), request)
    assert response.status_code != 500, str(request)
    assert response.status_code in {200, 303, 400, 404, 405, 410}, str(request)
