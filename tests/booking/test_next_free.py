"""The "Next free" endpoint content pages fetch after load: the time it shows is one the details
step accepts, around the minimum notice and closures, cached for a minute and purged when a
booking or the hours change. Bad parameters get a 400 JSON answer."""

import datetime as dt
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booking import services
from booking.models import Closure
from tests.booking.factories import BookingFactory
from tests.clock import PRACTICE_ZONE, TUESDAY_MORNING

pytestmark = pytest.mark.django_db

URL = "/api/booking/next-free/"
TUESDAY_EVENING = dt.datetime(2026, 6, 9, 18, 30, tzinfo=PRACTICE_ZONE)


def next_free(client, service="treatment", promo="FIRST15"):
    return client.get(URL, {"service": service, "promo": promo})


def local_start(data):
    return dt.datetime.fromisoformat(data["start"]).astimezone(PRACTICE_ZONE)


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_it_names_the_next_time_and_who_offers_it(client, clinic):
    data = next_free(client).json()
    assert data["text"] == "Next free: Wed 10 Jun, 9:00 am with Dana"


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_its_link_is_the_details_step_with_the_service_and_the_code(client, clinic):
    url = urlsplit(next_free(client).json()["url"])
    query = parse_qs(url.query)
    assert url.path == "/book/details/"
    assert query["service"] == ["treatment"]
    assert query["promo"] == ["FIRST15"]


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_the_details_step_accepts_the_time_shown(client, clinic):
    url = next_free(client).json()["url"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Wednesday 10 June 2026 at 9:00 am" in response.content.decode()


@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)
def test_a_time_inside_the_minimum_notice_within_the_minute_is_not_shown(client, clinic):
    """Notice two hours at 10:00: 12:00 is bookable now but not in a minute, while the answer
    is cached; the first time shown is 12:15, and the details step still takes it then."""
    clinic.rules.min_notice_hours = 2
    clinic.rules.save()
    data = next_free(client).json()
    assert local_start(data) == dt.datetime(2026, 6, 9, 12, 15, tzinfo=PRACTICE_ZONE)
    with time_machine.travel(TUESDAY_MORNING + timedelta(seconds=59), tick=False):
        assert client.get(data["url"]).status_code == 200


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_practice_closure_is_skipped(client, clinic):
    Closure.objects.create(
        start_date=dt.date(2026, 6, 10), end_date=dt.date(2026, 6, 11), public_reason="Training"
    )
    data = next_free(client).json()
    assert local_start(data) == dt.datetime(2026, 6, 12, 9, 0, tzinfo=PRACTICE_ZONE)


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_closure_of_the_only_practitioner_is_skipped(client, clinic):
    """Only Dana offers the assessment: her week away (Wed-Sat) moves it past Sunday."""
    Closure.objects.create(
        practitioner=clinic.dana, start_date=dt.date(2026, 6, 10), end_date=dt.date(2026, 6, 13)
    )
    data = next_free(client, service="initial-assessment").json()
    assert local_start(data) == dt.datetime(2026, 6, 15, 9, 0, tzinfo=PRACTICE_ZONE)
    assert client.get(data["url"]).status_code == 200


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_nothing_free_before_the_horizon_shows_nothing(client, clinic):
    clinic.rules.horizon_days = 1
    clinic.rules.save()
    Closure.objects.create(start_date=dt.date(2026, 6, 10), end_date=dt.date(2026, 6, 10))
    data = next_free(client).json()
    assert data == {"available": False, "text": "", "url": ""}


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_the_answer_is_kept_out_of_page_and_browser_caches(client, clinic):
    assert next_free(client)["Cache-Control"] == "no-cache"


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_the_answer_is_cached_for_a_minute(client, clinic):
    first = next_free(client).json()
    BookingFactory(  # written behind the services' back: no purge
        service=clinic.treatment,
        practitioner=clinic.dana,
        start=local_start(first),
    )
    assert next_free(client).json()["text"] == first["text"]


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_a_hold_purges_the_cached_answer(client, clinic, django_capture_on_commit_callbacks):
    first = next_free(client).json()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_hold(
            service=clinic.treatment,
            practitioner=clinic.dana,
            start=local_start(first),
            name="Ana Silva",
            email="ana@example.com",
            consent=True,
            settings=clinic.rules,
        )
    assert next_free(client).json()["text"] == "Next free: Wed 10 Jun, 9:00 am with Sam"


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_a_closure_saved_purges_the_cached_answer(
    client, clinic, django_capture_on_commit_callbacks
):
    next_free(client)
    with django_capture_on_commit_callbacks(execute=True):
        Closure.objects.create(start_date=dt.date(2026, 6, 10), end_date=dt.date(2026, 6, 10))
    data = next_free(client).json()
    assert local_start(data).date() == dt.date(2026, 6, 11)


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_queries_stay_flat_as_bookings_grow(client, clinic):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert next_free(client).status_code == 200
        return len(queries)

    wednesday = dt.datetime(2026, 6, 10, 9, 0, tzinfo=PRACTICE_ZONE)
    BookingFactory(service=clinic.treatment, practitioner=clinic.sam, start=wednesday)
    few = count()
    for hour in range(10, 17):
        BookingFactory(
            service=clinic.treatment,
            practitioner=clinic.sam,
            start=wednesday.replace(hour=hour),
        )
    assert count() == few


@pytest.mark.time_machine(TUESDAY_EVENING, tick=False)
def test_a_cached_answer_costs_few_queries(client, clinic, django_assert_max_num_queries):
    next_free(client)
    with django_assert_max_num_queries(4):
        next_free(client)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "service"),
        ({"service": ""}, "service"),
        ({"service": "x" * 300}, "service"),
        ({"service": "treat ment"}, "service"),
        ({"service": "treatment\x00"}, "service"),
        ({"service": "no-such-service"}, "service"),
        ({"service": "treatment", "promo": "<script>"}, "promo"),
        ({"service": "treatment", "promo": "X" * 41}, "promo"),
    ],
)
def test_bad_parameters_get_a_400_json_answer(client, clinic, query, field):
    response = client.get(URL, query)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_a_post_is_not_allowed(client, clinic):
    assert client.post(URL, {"service": "treatment"}).status_code == 405


def test_without_a_booking_page_nothing_is_offered(client, clinic):
    clinic.page.unpublish()
    assert next_free(client).json()["available"] is False
