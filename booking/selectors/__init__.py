"""Reads of the booking app, keyword-only and named for what they return: the rules
(rules), the catalogue (catalog), free slots (availability), patients and promo codes (promos)
and the staff's reports (reports). None builds a template context or answers HTTP."""

from booking.selectors.availability import (
    Slot,
    availability,
    available_slots,
    booking_by_reference,
    busy_intervals,
    closed_days,
    decode_slot,
    encode_slot,
    own_live_hold,
    slot_if_available,
    timetable_slots,
)
from booking.selectors.catalog import (
    active_practitioners,
    bookable_services,
    practitioner_by_slug,
    practitioners_for,
    practitioners_of_people,
    service_by_slug,
)
from booking.selectors.content import ContentRow, content_that_books
from booking.selectors.feeds import feed_appointments, feed_practitioner
from booking.selectors.next_free import next_free_slot
from booking.selectors.promos import (
    evaluate_code,
    first_appointment,
    patient_by_email,
    patient_is_returning,
    patients_matching,
    promo_by_code,
    promo_codes_with_uses,
    promo_usage,
)
from booking.selectors.reports import (
    WeekCount,
    bookings_between,
    upcoming_appointments,
    weekly_counts,
)
from booking.selectors.rules import (
    booking_page,
    booking_settings,
    practice_details,
    slot_rules,
)
from booking.selectors.sources import source_page_at, source_page_id

__all__ = [
    "ContentRow",
    "Slot",
    "booking_by_reference",
    "WeekCount",
    "availability",
    "available_slots",
    "active_practitioners",
    "bookable_services",
    "booking_page",
    "booking_settings",
    "bookings_between",
    "busy_intervals",
    "closed_days",
    "content_that_books",
    "decode_slot",
    "encode_slot",
    "evaluate_code",
    "feed_appointments",
    "feed_practitioner",
    "first_appointment",
    "next_free_slot",
    "own_live_hold",
    "patient_by_email",
    "patient_is_returning",
    "patients_matching",
    "practice_details",
    "practitioner_by_slug",
    "practitioners_of_people",
    "practitioners_for",
    "promo_by_code",
    "promo_codes_with_uses",
    "promo_usage",
    "service_by_slug",
    "slot_if_available",
    "slot_rules",
    "source_page_at",
    "source_page_id",
    "timetable_slots",
    "upcoming_appointments",
    "weekly_counts",
]
