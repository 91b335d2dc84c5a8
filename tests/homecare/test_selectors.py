"""Which programme a signed link opens, or why it opens nothing; and the days ticked."""

from datetime import date, timedelta

import pytest
from django.core import signing

from booking import tokens as booking_tokens
from homecare.models import HomeProgramme, HomeProgrammeTick
from homecare.selectors import LinkEnded, programme_for_link, shown_items, ticked_days
from homecare.tokens import SALT, programme_token
from tests.homecare.helpers import NOW, send

pytestmark = pytest.mark.django_db


def test_working_link_opens_the_programme(care):
    assert programme_for_link(token=care.token, now=NOW) == care.programme


def test_items_come_loaded_in_order(care, django_assert_num_queries):
    with django_assert_num_queries(3):  # programme, items, the routines' exercises
        programme = programme_for_link(token=care.token, now=NOW)
        assert isinstance(programme, HomeProgramme)
        items = list(programme.items.all())
        titles = [i.exercise.title if i.exercise else i.routine.title for i in items]
        routine_exercises = [e.exercise.title for e in items[1].routine.items.all()]
    assert titles == ["Seated knee rotations", "Knee reset"]
    assert routine_exercises == ["Seated knee rotations", "Ankle circles"]


def test_routine_exercises_that_are_not_live_are_left_out(care):
    care.lib.circles.unpublish()
    programme = programme_for_link(token=care.token, now=NOW)
    entries = [e.exercise.title for e in programme.items.all()[1].routine.items.all()]
    assert entries == ["Seated knee rotations"]


@pytest.mark.parametrize(
    "token",
    [
        "",
        "x",
        "a" * 201,
        signing.dumps([1, 1], salt="another"),
        signing.dumps("1", salt=SALT),
        signing.dumps([1, True], salt=SALT),
        booking_tokens.access_token("ABC123"),
    ],
    ids=["empty", "junk", "too-long", "other-salt", "not-a-pair", "bool", "booking-token"],
)
def test_tokens_we_did_not_make_for_this_are_invalid(care, token):
    assert programme_for_link(token=token, now=NOW) == LinkEnded.INVALID


def test_tampered_token_is_invalid(care):
    assert programme_for_link(token=care.token[:-1] + "A", now=NOW) == LinkEnded.INVALID


def test_unknown_programme_is_invalid(care):
    token = programme_token(programme_id=care.programme.pk + 1000, version=1)
    assert programme_for_link(token=token, now=NOW) == LinkEnded.INVALID


def test_older_version_is_invalid(care):
    send(care.programme, version=2)
    assert programme_for_link(token=care.token, now=NOW) == LinkEnded.INVALID


def test_newer_version_opens_it(care):
    token = send(care.programme, version=2)
    assert programme_for_link(token=token, now=NOW) == care.programme


def test_never_sent_is_invalid(care):
    care.programme.sent_at = None
    care.programme.save()
    assert programme_for_link(token=care.token, now=NOW) == LinkEnded.INVALID


def test_revoked_is_revoked(care):
    care.programme.revoked_at = NOW - timedelta(days=1)
    care.programme.save()
    assert programme_for_link(token=care.token, now=NOW) == LinkEnded.REVOKED


def test_works_until_just_before_expiry(care):
    just_before = care.programme.expires_at - timedelta(seconds=1)
    assert programme_for_link(token=care.token, now=just_before) == care.programme


def test_expired_at_expiry(care):
    at = care.programme.expires_at
    assert programme_for_link(token=care.token, now=at) == LinkEnded.EXPIRED


def test_default_link_lasts_180_days(care):
    assert care.programme.expires_at - care.programme.sent_at == timedelta(days=180)


def test_without_an_expiry_it_has_ended(care):
    care.programme.expires_at = None
    care.programme.save()
    assert programme_for_link(token=care.token, now=NOW) == LinkEnded.EXPIRED


def test_shown_items_leave_out_unpublished_and_deleted_targets(care):
    care.lib.routine.unpublish()
    programme = programme_for_link(token=care.token, now=NOW)
    assert shown_items(programme) == [care.rotations_item]


def test_ticked_days_are_those_in_the_range(care):
    for day in (date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 7)):
        HomeProgrammeTick.objects.create(item=care.rotations_item, day=day)
    HomeProgrammeTick.objects.create(item=care.routine_item, day=date(2026, 12, 3))
    days = ticked_days(programme=care.programme, first=date(2026, 11, 30), last=date(2026, 12, 3))
    assert days == {
        care.rotations_item.pk: {date(2026, 11, 30), date(2026, 12, 2)},
        care.routine_item.pk: {date(2026, 12, 3)},
    }
