"""Promo-code rules: pure functions of plain values (no ORM, no clock).

evaluate() answers one question: may this patient use this code for this service at this moment,
and if so, how much comes off? Money is Decimal throughout, percentages are rounded half-up to
cents, and a discount never exceeds the price.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MAX_CODE_LENGTH = 40

UNKNOWN = "unknown"
INACTIVE = "inactive"
NOT_YET_VALID = "not_yet_valid"
EXPIRED = "expired"
WRONG_SERVICE = "wrong_service"
FIRST_VISIT_ONLY = "first_visit_only"
FIRST_VISIT_BOOKED = "first_visit_booked"
ALREADY_USED_BY_YOU = "already_used_by_you"
USED_UP = "used_up"

MESSAGES = {
    UNKNOWN: "We do not recognise this code. Please check the spelling.",
    INACTIVE: "This code is no longer offered.",
    NOT_YET_VALID: "This code cannot be used yet.",
    EXPIRED: "This code has expired.",
    WRONG_SERVICE: "This code is not valid for the appointment you chose.",
    FIRST_VISIT_ONLY: (
        "This code is for first appointments only, and our records show you have visited us before."
    ),
    FIRST_VISIT_BOOKED: (
        "This code is for first appointments only, and you already have a first appointment "
        "booked with us."
    ),
    ALREADY_USED_BY_YOU: "You have already used this code.",
    USED_UP: "This code has been used as many times as it allows.",
}

_SPACE = re.compile(r"\s+")


def normalise_code(text: str | None) -> str:
    """How codes are stored and compared: no spaces, upper case. ' first 15 ' → 'FIRST15'."""
    return _SPACE.sub("", text or "").upper()[: MAX_CODE_LENGTH * 2]


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Code:
    """A promo code's rules, as plain values."""

    code: str
    active: bool = True
    percent_off: Decimal | None = None
    amount_off: Decimal | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    max_uses: int | None = None
    max_uses_per_patient: int | None = None
    first_visit_only: bool = False
    service_ids: frozenset[int] = frozenset()  # empty: every service


@dataclass(frozen=True)
class Usage:
    """How the code and the patient stand, counted without the booking being evaluated."""

    total_uses: int = 0
    patient_uses: int = 0
    patient_is_returning: bool = False
    # No visit yet, but a first appointment is already booked (confirmed, still to come).
    patient_has_first_appointment: bool = False


@dataclass(frozen=True)
class Result:
    ok: bool
    price: Decimal
    discount: Decimal = Decimal("0.00")
    reason: str = ""

    @property
    def total(self) -> Decimal:
        return money(self.price - self.discount)

    @property
    def message(self) -> str:
        return MESSAGES.get(self.reason, "")


def discount_for(code: Code, price: Decimal) -> Decimal:
    """The amount off a price: percent rounded half-up to cents, never more than the price."""
    price = money(price)
    if code.percent_off is not None:
        off = money(price * Decimal(code.percent_off) / Decimal(100))
    else:
        off = money(code.amount_off or 0)
    return max(Decimal("0.00"), min(off, price))


def evaluate(
    *, code: Code | None, service_id: int, price: Decimal, now: datetime, usage: Usage
) -> Result:
    """Whether the code applies, with the discount, or the first reason it does not."""
    price = money(price)

    def refuse(reason: str) -> Result:
        return Result(ok=False, price=price, reason=reason)

    if code is None:
        return refuse(UNKNOWN)
    if not code.active:
        return refuse(INACTIVE)
    if code.valid_from is not None and now < code.valid_from:
        return refuse(NOT_YET_VALID)
    if code.valid_until is not None and now >= code.valid_until:
        return refuse(EXPIRED)
    if code.service_ids and service_id not in code.service_ids:
        return refuse(WRONG_SERVICE)
    if code.first_visit_only and usage.patient_is_returning:
        return refuse(FIRST_VISIT_ONLY)
    if code.first_visit_only and usage.patient_has_first_appointment:
        return refuse(FIRST_VISIT_BOOKED)
    if code.max_uses_per_patient is not None and usage.patient_uses >= code.max_uses_per_patient:
        return refuse(ALREADY_USED_BY_YOU)
    if code.max_uses is not None and usage.total_uses >= code.max_uses:
        return refuse(USED_UP)
    return Result(ok=True, price=price, discount=discount_for(code, price))
