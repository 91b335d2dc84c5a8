"""Promo-code rules as a pure function: one case per rule and reason, and money rounding."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from booking import promo
from booking.promo import Code, Usage, evaluate

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
PRICE = Decimal("120.00")
FIRST15 = Code(
    code="FIRST15", percent_off=Decimal("15"), first_visit_only=True, max_uses_per_patient=1
)

CASES = [
    # (id, code, service_id, usage, ok, reason, discount)
    ("percent", FIRST15, 1, Usage(), True, "", "18.00"),
    ("amount", Code(code="TWENTY", amount_off=Decimal("20")), 1, Usage(), True, "", "20.00"),
    ("unknown", None, 1, Usage(), False, promo.UNKNOWN, "0.00"),
    (
        "inactive",
        Code(code="X", percent_off=Decimal("10"), active=False),
        1,
        Usage(),
        False,
        promo.INACTIVE,
        "0.00",
    ),
    (
        "not_yet_valid",
        Code(code="X", percent_off=Decimal("10"), valid_from=NOW + timedelta(seconds=1)),
        1,
        Usage(),
        False,
        promo.NOT_YET_VALID,
        "0.00",
    ),
    (
        "valid_from_now",
        Code(code="X", percent_off=Decimal("10"), valid_from=NOW),
        1,
        Usage(),
        True,
        "",
        "12.00",
    ),
    (
        "expired",
        Code(code="X", percent_off=Decimal("10"), valid_until=NOW),
        1,
        Usage(),
        False,
        promo.EXPIRED,
        "0.00",
    ),
    (
        "before_expiry",
        Code(code="X", percent_off=Decimal("10"), valid_until=NOW + timedelta(seconds=1)),
        1,
        Usage(),
        True,
        "",
        "12.00",
    ),
    (
        "wrong_service",
        Code(code="X", amount_off=Decimal("5"), service_ids=frozenset({2})),
        1,
        Usage(),
        False,
        promo.WRONG_SERVICE,
        "0.00",
    ),
    (
        "right_service",
        Code(code="X", amount_off=Decimal("5"), service_ids=frozenset({1, 2})),
        1,
        Usage(),
        True,
        "",
        "5.00",
    ),
    (
        "first_visit_only",
        FIRST15,
        1,
        Usage(patient_is_returning=True),
        False,
        promo.FIRST_VISIT_ONLY,
        "0.00",
    ),
    (
        "first_visit_booked",
        FIRST15,
        1,
        Usage(patient_has_first_appointment=True),
        False,
        promo.FIRST_VISIT_BOOKED,
        "0.00",
    ),
    (
        "first_visit_booked_but_a_visit_says_so",
        FIRST15,
        1,
        Usage(patient_is_returning=True, patient_has_first_appointment=True),
        False,
        promo.FIRST_VISIT_ONLY,
        "0.00",
    ),
    (
        "already_used_by_you",
        Code(code="X", percent_off=Decimal("10"), max_uses_per_patient=1),
        1,
        Usage(patient_uses=1, total_uses=1),
        False,
        promo.ALREADY_USED_BY_YOU,
        "0.00",
    ),
    (
        "per_patient_unlimited",
        Code(code="X", percent_off=Decimal("10"), max_uses_per_patient=None),
        1,
        Usage(patient_uses=5, total_uses=5),
        True,
        "",
        "12.00",
    ),
    (
        "used_up",
        Code(code="X", percent_off=Decimal("10"), max_uses=3, max_uses_per_patient=None),
        1,
        Usage(total_uses=3),
        False,
        promo.USED_UP,
        "0.00",
    ),
    (
        "one_use_left",
        Code(code="X", percent_off=Decimal("10"), max_uses=3),
        1,
        Usage(total_uses=2),
        True,
        "",
        "12.00",
    ),
    (
        "amount_capped_at_price",
        Code(code="BIG", amount_off=Decimal("500")),
        1,
        Usage(),
        True,
        "",
        "120.00",
    ),
]


@pytest.mark.parametrize(
    ("name", "code", "service_id", "usage", "ok", "reason", "discount"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_rules(name, code, service_id, usage, ok, reason, discount):
    result = evaluate(code=code, service_id=service_id, price=PRICE, now=NOW, usage=usage)
    assert result.ok is ok
    assert result.reason == reason
    assert result.discount == Decimal(discount)
    assert result.total == PRICE - Decimal(discount)
    assert result.total >= 0
    if not ok:
        assert result.message
        assert result.message == promo.MESSAGES[reason]


def test_every_reason_has_a_plain_message():
    reasons = {c[5] for c in CASES if c[5]}
    assert reasons == set(promo.MESSAGES)
    assert "first appointments only" in promo.MESSAGES[promo.FIRST_VISIT_ONLY]


@pytest.mark.parametrize(
    ("price", "percent", "expected"),
    [
        ("120.00", "15", "18.00"),
        ("99.99", "15", "15.00"),  # 14.9985 → 15.00
        ("10.10", "5", "0.51"),  # 0.505 rounds half up
        ("10.30", "5", "0.52"),  # 0.515 → 0.52 (not banker's 0.52/0.51)
        ("0.01", "50", "0.01"),  # 0.005 → 0.01
        ("85.50", "12.5", "10.69"),  # 10.6875
        ("120.00", "100", "120.00"),
    ],
)
def test_percent_rounds_half_up_to_cents(price, percent, expected):
    code = Code(code="P", percent_off=Decimal(percent))
    result = evaluate(code=code, service_id=1, price=Decimal(price), now=NOW, usage=Usage())
    assert result.discount == Decimal(expected)
    assert result.total == Decimal(price) - Decimal(expected)
    assert result.discount.as_tuple().exponent == -2


def test_fixed_amount_never_makes_total_negative():
    result = evaluate(
        code=Code(code="A", amount_off=Decimal("30")),
        service_id=1,
        price=Decimal("25"),
        now=NOW,
        usage=Usage(),
    )
    assert result.discount == Decimal("25.00")
    assert result.total == Decimal("0.00")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        (" first15 ", "FIRST15"),
        ("First 15", "FIRST15"),
        ("\tfirst15\n", "FIRST15"),
        ("", ""),
        (None, ""),
    ],
)
def test_codes_are_normalised(raw, normal):
    assert promo.normalise_code(raw) == normal
