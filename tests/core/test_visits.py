"""Page counts (core.visits) through HTTP: the beacon, what it refuses, the batched writes, and
counting that survives the page cache. Nothing about the visitor is stored."""

import re
from datetime import date

import pytest
from django.test import Client

from core.visits import services
from core.visits.models import PageDayCount
from tests.admin_helpers import verified_login
from tests.clock import TUESDAY_MORNING
from tests.factories import StandardPageFactory, SuperUserFactory

pytestmark = pytest.mark.django_db

BEACON = "/counts/"
SCRIPT = re.compile(
    r'<script type="text/plain" data-after-paint="[^"]*page-count[^"]*" data-url="/counts/" '
    r'data-page="(\d+)"'
)


@pytest.fixture(autouse=True)
def empty_buffer():
    services._pending.clear()
    yield
    services._pending.clear()


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About", slug="about")


def beacon(client, page_id, kind="view", **headers):
    return client.post(f"{BEACON}?p={page_id}&k={kind}", **headers)


TUESDAY = TUESDAY_MORNING.date()


def counted(page, day=TUESDAY):
    row = PageDayCount.objects.filter(page=page, day=day).first()
    return (row.views, row.booking_starts) if row else (0, 0)


@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)
def test_a_beacon_answers_204_and_counts_after_the_flush(client, about):
    response = beacon(client, about.pk)
    services.page_counts_flush()
    assert response.status_code == 204
    assert counted(about) == (1, 0)


def test_a_beacon_sets_no_cookie(client, about):
    assert not beacon(client, about.pk).cookies


def test_counts_wait_in_memory_until_the_flush(client, about):
    beacon(client, about.pk)
    beacon(client, about.pk)
    assert services.page_counts_pending() == 2
    assert not PageDayCount.objects.exists()


@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)
def test_flushes_add_to_the_days_row(client, about):
    beacon(client, about.pk)
    services.page_counts_flush()
    beacon(client, about.pk)
    beacon(client, about.pk, kind="start")
    services.page_counts_flush()
    assert counted(about) == (2, 1)


@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)
def test_with_no_delay_every_beacon_is_written(client, about, settings):
    settings.PAGE_COUNTS_FLUSH_SECONDS = 0
    beacon(client, about.pk)
    assert counted(about) == (1, 0)


@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)
def test_a_due_flush_runs_when_the_response_is_finished(client, about, settings):
    settings.PAGE_COUNTS_FLUSH_SECONDS = -1  # always due, yet not written inside the view
    settings.PAGE_COUNTS_FLUSH_SIZE = 10**6
    services.page_count_add(page_id=about.pk, kind="view")
    client.get("/robots.txt")
    assert counted(about) == (1, 0)


def test_ids_that_are_not_pages_are_dropped_at_the_flush(client, about):
    beacon(client, 987654)
    assert services.page_counts_flush() == 0


@pytest.mark.parametrize(
    "query",
    ["", "?p=", "?p=abc", "?p=0", "?p=-1", "?p=12345678901", "?p=1&k=click", "?p=%00", "?p=1%00"],
)
def test_bad_input_is_a_400_never_a_500(client, query):
    assert client.post(BEACON + query).status_code == 400


def test_a_get_is_refused(client, about):
    assert client.get(f"{BEACON}?p={about.pk}").status_code == 405


def test_robots_get_a_204_and_are_not_counted(client, about):
    beacon(client, about.pk, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    assert services.page_counts_pending() == 0


def test_past_the_rate_limit_beacons_get_a_429(client, about, settings):
    settings.PAGE_COUNTS_RATE_LIMIT = "2/m"
    statuses = [beacon(client, about.pk).status_code for _ in range(3)]
    assert statuses == [204, 204, 429]


def test_the_row_holds_counts_only():
    fields = {f.name for f in PageDayCount._meta.get_fields()}
    assert fields == {"id", "page", "day", "views", "booking_starts"}


# --- the script on pages, and the page cache --------------------------------------------------


def test_a_public_page_carries_the_script_with_its_id(client, about):
    html = client.get("/about/").content.decode()
    assert SCRIPT.search(html).group(1) == str(about.pk)


def test_a_signed_in_editor_is_not_counted(client, about):
    verified_login(client, SuperUserFactory())
    assert "page-count" not in client.get("/about/").content.decode()


@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)
def test_pages_served_from_the_page_cache_are_counted(about, settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")
    states = []
    for _ in range(3):
        visitor = Client()  # a new visitor each time, no cookie
        response = visitor.get("/about/")
        states.append(response.get("X-Page-Cache"))
        page_id = SCRIPT.search(response.content.decode()).group(1)
        beacon(visitor, page_id)
    services.page_counts_flush()
    assert states[1:] == ["hit", "hit"]
    assert counted(about) == (3, 0)


@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)
def test_counts_are_kept_per_day(client, about, time_machine):
    beacon(client, about.pk)
    time_machine.move_to(TUESDAY_MORNING.replace(day=10))
    beacon(client, about.pk)
    services.page_counts_flush()
    assert counted(about, date(2026, 6, 10)) == (1, 0)
