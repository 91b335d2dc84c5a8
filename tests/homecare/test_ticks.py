"""The patient ticks an item done today, or takes it back: one row per item and day."""

from datetime import date

import pytest

from homecare.models import HomeProgrammeTick
from homecare.ticks import TickRefused, home_programme_tick
from tests.homecare.factories import HomeProgrammeFactory, HomeProgrammeItemFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 3)


def tick(care, item_id, done=True, day=DAY):
    return home_programme_tick(programme=care.programme, item_id=item_id, day=day, done=done)


def test_tick_stores_the_day(care):
    tick(care, care.rotations_item.pk)
    assert list(HomeProgrammeTick.objects.values_list("item_id", "day")) == [
        (care.rotations_item.pk, DAY)
    ]


def test_tick_returns_the_item(care):
    assert tick(care, str(care.routine_item.pk)) == care.routine_item


def test_ticking_twice_keeps_one_row(care):
    tick(care, care.rotations_item.pk)
    tick(care, care.rotations_item.pk)
    assert HomeProgrammeTick.objects.count() == 1


def test_another_day_is_another_row(care):
    tick(care, care.rotations_item.pk)
    tick(care, care.rotations_item.pk, day=date(2026, 12, 4))
    assert HomeProgrammeTick.objects.count() == 2


def test_untick_removes_that_day_only(care):
    tick(care, care.rotations_item.pk, day=date(2026, 12, 2))
    tick(care, care.rotations_item.pk)
    tick(care, care.rotations_item.pk, done=False)
    assert list(HomeProgrammeTick.objects.values_list("day", flat=True)) == [date(2026, 12, 2)]


def test_untick_without_a_tick_does_nothing(care):
    tick(care, care.rotations_item.pk, done=False)
    assert HomeProgrammeTick.objects.count() == 0


def test_another_programmes_item_is_refused(care):
    other = HomeProgrammeItemFactory(
        programme=HomeProgrammeFactory(practitioner=care.dana), exercise=care.lib.circles
    )
    with pytest.raises(TickRefused):
        tick(care, other.pk)
    assert HomeProgrammeTick.objects.count() == 0


@pytest.mark.parametrize(
    "value", ["", "x", "-1", "1.0", " 1", "١", "²", "9" * 13, None, True, [1], 999_999]
)
def test_bad_item_ids_are_refused(care, value):
    with pytest.raises(TickRefused):
        tick(care, value)
    assert HomeProgrammeTick.objects.count() == 0


def test_refusal_says_what_to_do(care):
    with pytest.raises(TickRefused) as refused:
        tick(care, "x")
    assert "open your link again" in refused.value.message
