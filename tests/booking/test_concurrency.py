"""Real concurrency: threads, each with its own database connection, race for the same slot,
overlapping slots, and the last uses of a code. They run on SQLite (IMMEDIATE transactions
serialise writers; the overlap check runs inside them) and on PostgreSQL (the exclusion
constraint and a row lock on the code)."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from booking import services
from booking.models import Booking, Status
from tests.booking.factories import (
    PractitionerFactory,
    PromoCodeFactory,
    ServiceFactory,
    booking_settings,
)
from tests.concurrency import race
from tests.factories import build_site

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup():
    site, _home = build_site()
    rules = booking_settings(site, buffer_minutes=10, min_notice_hours=1)
    treatment = ServiceFactory(
        name="Treatment", slug="treatment", duration_minutes=45, price="95.00"
    )
    assessment = ServiceFactory(
        name="Assessment", slug="assessment", duration_minutes=60, price="120.00"
    )
    dana = PractitionerFactory(
        name="Dana",
        slug="dana",
        services=[treatment, assessment],
        hours=[(d, "08:00", "20:00") for d in range(7)],
    )
    tz = rules.zone
    day = (timezone.now() + timedelta(days=3)).astimezone(tz).date()

    def at(hh, mm=0):
        return datetime.combine(day, time(hh, mm), tzinfo=tz)

    return rules, treatment, assessment, dana, at


def book(*, rules, service, practitioner, start, email, code=""):
    booking = services.booking_hold(
        service=service,
        practitioner=practitioner,
        start=start,
        name="Racer",
        email=email,
        phone="604 555 0100",
        promo_code=code,
        consent=True,
        settings=rules,
    )
    return services.booking_confirm(booking=booking, settings=rules)


def test_vendor_is_known():
    assert connection.vendor in {"sqlite", "postgresql"}


def test_twenty_simultaneous_attempts_at_one_slot_give_exactly_one_booking(setup):
    rules, treatment, _assessment, dana, at = setup
    results = race(
        20,
        lambda i: book(
            rules=rules,
            service=treatment,
            practitioner=dana,
            start=at(10),
            email=f"racer{i}@example.com",
        ),
    )
    won = [r for r in results if isinstance(r, Booking)]
    lost = [r for r in results if isinstance(r, services.SlotUnavailable)]
    assert len(won) == 1, results
    assert len(lost) == 19, [
        r for r in results if not isinstance(r, (Booking, services.SlotUnavailable))
    ]
    assert Booking.objects.filter(status__in=[Status.HELD, Status.CONFIRMED]).count() == 1
    assert Booking.objects.get().status == Status.CONFIRMED


def test_overlapping_slots_of_different_services_at_most_one_wins(setup):
    rules, treatment, assessment, dana, at = setup
    # 10:00 treatment (45 min + 10 buffer → 10:55) overlaps 10:30 and 10:45 assessments (60 min)
    starts = [
        (treatment, at(10)),
        (assessment, at(10, 30)),
        (assessment, at(10, 45)),
        (treatment, at(10, 15)),
    ]

    def attempt(i):
        service, start = starts[i % len(starts)]
        return book(
            rules=rules, service=service, practitioner=dana, start=start, email=f"o{i}@example.com"
        )

    results = race(12, attempt)
    won = [r for r in results if isinstance(r, Booking)]
    assert len(won) == 1, results
    assert all(isinstance(r, (Booking, services.SlotUnavailable)) for r in results), results
    active = list(Booking.objects.filter(status__in=[Status.HELD, Status.CONFIRMED]))
    assert len(active) == 1


def test_a_code_with_three_uses_left_under_ten_simultaneous_confirmations(setup):
    rules, treatment, _assessment, dana, at = setup
    PromoCodeFactory(code="LAST3", percent_off="10", max_uses=3, max_uses_per_patient=None)
    # ten different, non-overlapping slots: only the code is contended
    slots = [at(8 + i) for i in range(10)]
    results = race(
        10,
        lambda i: book(
            rules=rules,
            service=treatment,
            practitioner=dana,
            start=slots[i],
            email=f"c{i}@example.com",
            code="last3",
        ),
    )
    assert all(isinstance(r, Booking) for r in results), results
    confirmed = Booking.objects.filter(status=Status.CONFIRMED)
    assert confirmed.count() == 10
    assert confirmed.filter(promo__code="LAST3").count() == 3
    assert confirmed.filter(promo_attempt_reason="used_up").count() == 7
    assert sorted(str(b.total) for b in confirmed.filter(promo__isnull=False)) == ["85.50"] * 3


def test_a_staff_booking_and_a_public_hold_on_one_time_at_once_exactly_one_wins(setup):
    rules, treatment, _assessment, dana, at = setup

    def attempt(i):
        if i % 2:
            return services.booking_hold(
                service=treatment,
                practitioner=dana,
                start=at(10),
                name="Online Patient",
                email=f"online{i}@example.com",
                consent=True,
                settings=rules,
            )
        return services.booking_staff_create(
            service=treatment,
            practitioner=dana,
            start=at(10),
            name="Phone Patient",
            email=f"phone{i}@example.com",
            settings=rules,
        )

    results = race(10, attempt)
    won = [r for r in results if isinstance(r, Booking)]
    assert len(won) == 1, results
    assert all(isinstance(r, (Booking, services.SlotUnavailable)) for r in results), results
    assert Booking.objects.filter(status__in=[Status.HELD, Status.CONFIRMED]).count() == 1
