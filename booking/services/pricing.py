"""A promo code on a booking: its discount, or the reason it does not apply.

Promo-code uses are counted inside the same transaction as the booking, with the code's row
locked (PostgreSQL) or the database locked (SQLite), so concurrent redemptions are serialised.
The code is looked up and judged by booking.selectors.evaluate_code, the one place that does it.
"""

from datetime import datetime

from booking import promo as promo_rules
from booking import selectors
from booking.models import Booking, Patient


def promo_attach(*, booking: Booking, text: str, patient: Patient, now: datetime) -> None:
    """Attach a code to an unsaved or held booking, or record why it does not apply."""
    booking.promo = None
    booking.promo_code_text = ""
    booking.discount = promo_rules.money(0)
    booking.total = promo_rules.money(booking.price)
    booking.promo_attempt = ""
    booking.promo_attempt_reason = ""
    code = promo_rules.normalise_code(text)
    if not code:
        return
    # The code's row is locked so that concurrent redemptions are counted one after another.
    promo, result = selectors.evaluate_code(
        text=code,
        service_id=booking.service_id,
        price=booking.price,
        patient=patient,
        now=now,
        exclude_booking_id=booking.pk,
        for_update=True,
    )
    if result.ok and promo is not None:
        booking.promo = promo
        booking.promo_code_text = promo.code
        booking.discount = result.discount
        booking.total = result.total
    else:
        booking.promo_attempt = code[: promo_rules.MAX_CODE_LENGTH]
        booking.promo_attempt_reason = result.reason
