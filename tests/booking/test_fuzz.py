"""Generated hostile values in every GET parameter and POST field of the booking steps and the
signed links (real ones, and tampered ones): never a 500."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking import services, tokens
from booking.selectors import encode_slot
from tests.booking.helpers import future_slot, hold
from tests.fuzz import Target, any_request, send, tampered

pytestmark = pytest.mark.django_db

DETAILS_BODY = {
    "name": "Ana Silva",
    "email": "ana@example.com",
    "phone": "604 555 0101",
    "notes": "Left knee",
    "promo_code": "",
    "consent": "on",
    "website": "",
}

CANCEL = {"action": "cancel"}


def booking_targets(clinic) -> list[Target]:
    held = hold(clinic, email="held@example.com")
    confirmed = services.booking_confirm(
        booking=hold(clinic, start=future_slot(clinic.rules, hh=14), email="c@example.com"),
        settings=clinic.rules,
    )
    released = hold(clinic, start=future_slot(clinic.rules, hh=12), email="r@example.com")
    services.booking_release(booking=released)
    access = [tokens.access_token(b.reference) for b in (held, confirmed, released)]
    manage = tokens.manage_token(confirmed.reference)
    bad_access = [bad for token in access for bad in tampered(token)] + [manage]
    bad_manage = [*tampered(manage), access[1]]
    bad_manage_t = {"t": bad_manage}
    slot = encode_slot(clinic.dana.pk, future_slot(clinic.rules, hh=10, days=4))
    far = encode_slot(clinic.dana.pk, future_slot(clinic.rules, hh=11, days=5))
    slots = {"slot": [slot, far, "1-999912312359", "1-000101010000"]}
    return [
        Target("service", "/book/", {"service": "treatment", "promo": "FIRST15"}),
        Target(
            "times",
            "/book/times/",
            {"service": "treatment", "practitioner": "dana", "promo": "", "from": "2026-01-05"},
        ),
        Target(
            "details",
            "/book/details/",
            {"service": "treatment", "practitioner": "any", "slot": slot, "promo": ""},
            body=DETAILS_BODY,
            extra=slots,
        ),
        Target(
            "review",
            "/book/review/",
            {"t": access[0]},
            body={"action": "confirm", "accept_policy": "on", "promo_code": "FIRST15"},
            extra={"t": [*access, *bad_access]},
        ),
        Target("done", "/book/done/", {"t": access[1]}, extra={"t": [*access, *bad_access]}),
        Target("cancel", "/book/manage/cancel/", {"t": manage}, body=CANCEL, extra=bad_manage_t),
        Target(
            "calendar", "/book/calendar/", {"t": access[1]}, extra={"t": [*access, *bad_access]}
        ),
        Target(
            "manage",
            "/book/manage/",
            {"t": manage, "moved": "1", "note": ""},
            body={"action": "cancel"},
            extra={"t": bad_manage},
        ),
        Target(
            "move",
            "/book/manage/move/",
            {"t": manage, "practitioner": "dana", "slot": far, "from": "2026-01-05"},
            body={"slot": far},
            extra={"t": bad_manage, **slots},
        ),
    ]


@pytest.fixture
def targets(clinic):
    return booking_targets(clinic)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_booking_requests_never_500(targets, data):
    request = data.draw(any_request(targets))
    cache.clear()  # keep the rate limits from hiding the code behind them
    response = send(Client(raise_request_exception=False), request)
    assert response.status_code != 500, str(request)
