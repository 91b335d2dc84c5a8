"""Writes of the booking app, one function per action (`<thing>_<action>`, keyword-only). Each
runs in one transaction; e-mail is written to the site's outbox (core.outbox) inside it and sent
by the worker after commit.

- journey: the patient's actions (hold, code, confirm, release, cancel, move);
- staff: bookings made by Reception, outcomes, expired holds, reminders and new calendar feed
  addresses;
- intake: the health form's answers; privacy: erase, retention and the access log;
- outbox: the e-mails those actions write;
- guards: the double-booking guard; pricing: a promo code on a booking;
- errors: the refusals, which views show at a field or as a page.
"""

from booking.services.errors import (
    BookingError,
    HoldReleased,
    NewPatientsOnly,
    PriceChanged,
    SlotUnavailable,
    TooLate,
)
from booking.services.guards import cancellable_online
from booking.services.intake import intake_email_link, intake_submit, intake_url
from booking.services.journey import (
    booking_apply_promo,
    booking_cancel,
    booking_confirm,
    booking_hold,
    booking_release,
    booking_reschedule,
)
from booking.services.privacy import (
    Purged,
    patient_access_log,
    patient_erase,
    patients_purge,
)
from booking.services.staff import (
    booking_set_outcome,
    booking_staff_create,
    holds_expire,
    practitioner_feed_renew,
    reminders_send,
)

__all__ = [
    "BookingError",
    "HoldReleased",
    "NewPatientsOnly",
    "Purged",
    "PriceChanged",
    "SlotUnavailable",
    "TooLate",
    "booking_apply_promo",
    "booking_cancel",
    "booking_confirm",
    "booking_hold",
    "booking_release",
    "booking_reschedule",
    "booking_set_outcome",
    "booking_staff_create",
    "cancellable_online",
    "holds_expire",
    "intake_email_link",
    "intake_submit",
    "intake_url",
    "patient_access_log",
    "patient_erase",
    "patients_purge",
    "practitioner_feed_renew",
    "reminders_send",
]
