"""Adherence: days done per item from the programme's start to today, from a known script of
ticks; the staff view, and its query count as items and days grow."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection

from homecare.adherence import adherence, adherence_window
from homecare.selectors_admin import programme_adherence
from tests.admin_helpers import verified_login
from tests.clock import PRACTICE_ZONE
from tests.homecare.factories import (
    HomeProgrammeFactory,
    HomeProgrammeItemFactory,
    HomeProgrammeTickFactory,
)

START = date(2026, 6, 1)
TODAY = date(2026, 6, 5)  # five days so far: 1 to 5 June

# Item 1 done on the 1st, 2nd and 4th; item 2 on the 2nd only; a tick before the start and
# one in the future are not counted.
SCRIPT = [
    (1, date(2026, 6, 1)),
    (1, date(2026, 6, 2)),
    (1, date(2026, 6, 4)),
    (2, date(2026, 6, 2)),
    (2, date(2026, 5, 31)),
    (1, date(2026, 6, 6)),
]


def grid():
    return adherence(start=START, today=TODAY, items=[(1, "Calf"), (2, "Knee")], ticks=SCRIPT)


def test_days_run_from_the_start_to_today():
    assert grid().days == tuple(START + timedelta(days=n) for n in range(5))


def test_first_items_days_done():
    assert grid().items[0].done == 3


def test_second_items_days_done():
    assert grid().items[1].done == 1


def test_days_so_far_per_item():
    assert grid().items[0].days == 5


def test_first_items_row_of_ticks():
    assert grid().items[0].cells == (True, True, False, True, False)


def test_overall_done_of_possible():
    assert (grid().done, grid().possible) == (4, 10)


def test_days_with_every_item_done():
    assert grid().days_all_done == 1


def test_before_the_start_there_are_no_days():
    assert adherence_window(start=START, today=START - timedelta(days=1)) == ()


def test_a_long_programme_shows_the_last_sixty_days():
    days = adherence_window(start=START, today=START + timedelta(days=99))
    assert (len(days), days[-1]) == (60, START + timedelta(days=99))


def test_a_long_programme_is_marked_capped():
    long = adherence(start=START, today=START + timedelta(days=99), items=[(1, "x")], ticks=[])
    assert long.capped


# --- from the database ----------------------------------------------------------------------


@pytest.fixture
def programme(clinic, staff):
    return HomeProgrammeFactory(practitioner=clinic.dana, built_by=staff.builder, start_date=START)


def add_items(programme, exercise, count, ticked_days):
    for _ in range(count):
        item = HomeProgrammeItemFactory(programme=programme, exercise=exercise)
        for n in range(ticked_days):
            HomeProgrammeTickFactory(item=item, day=START + timedelta(days=n))


@pytest.mark.django_db
def test_selector_counts_the_ticks_in_the_database(programme, library):
    add_items(programme, library.calf, 2, ticked_days=3)
    result = programme_adherence(programme=programme, today=TODAY)
    assert [row.done for row in result.items] == [3, 3]


@pytest.mark.django_db
def test_selector_labels_items_with_the_library_title(programme, library):
    add_items(programme, library.calf, 1, ticked_days=0)
    assert programme_adherence(programme=programme, today=TODAY).items[0].label == "Calf stretch"


def count_queries(client, url):
    client.get(url)
    seen = []

    def counter(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        assert client.get(url).status_code == 200
    return len(seen)


def at(day: date):
    """Freeze the clock at noon in the practice on `day`."""
    return time_machine.travel(datetime.combine(day, time(12), tzinfo=PRACTICE_ZONE), tick=False)


@pytest.mark.django_db
def test_adherence_view_shows_days_done_over_days_so_far(client, programme, library, staff):
    add_items(programme, library.calf, 1, ticked_days=3)
    with at(TODAY):
        verified_login(client, staff.builder)
        html = client.get(f"/admin/homecare/programmes/{programme.pk}/adherence/").content
    assert "3 / 5" in html.decode()


@pytest.mark.django_db
def test_adherence_view_queries_stay_flat_as_items_and_days_grow(client, programme, library, staff):
    url = f"/admin/homecare/programmes/{programme.pk}/adherence/"
    with at(date(2026, 6, 3)):
        verified_login(client, staff.builder)
        add_items(programme, library.calf, 1, ticked_days=2)
        few = count_queries(client, url)
    with at(date(2026, 7, 20)):
        verified_login(client, staff.builder)
        add_items(programme, library.knee, 6, ticked_days=40)
        assert count_queries(client, url) == few
