"""Generated hostile values in site search and the contact form page: never a 500."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ContactPageFactory
from tests.fuzz import Target, any_request, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(home):
    contact = ContactPageFactory(parent=home)
    return [
        Target("search", "/search/", {"q": "knee", "page": "1"}),
        Target(
            "contact",
            contact.url,
            body={
                "your_name": "Robin",
                "e_mail": "robin@example.com",
                "message": "Could you cover calf stretches?",
                "website": "",
            },
        ),
    ]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_search_and_contact_requests_never_500(targets, data):
    request = data.draw(any_request(targets))
    cache.clear()
    response = send(Client(raise_request_exception=False), request)
    assert response.status_code != 500, str(request)
