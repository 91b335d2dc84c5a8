"""Models of the booking app, split by topic; import them from here."""

from booking.models.bookings import (
    ACTIVE_STATUSES,
    REDEEMED_STATUSES,
    VISIT_STATUSES,
    Booking,
    Status,
)
from booking.models.catalog import (
    WEEKDAYS,
    Closure,
    ExtraHours,
    Practitioner,
    Service,
    WorkingHours,
)
from booking.models.intake import IntakeResponse, IntakeSettings
from booking.models.pages import BookingPage
from booking.models.people import Patient, normalise_email
from booking.models.privacy import PatientAccess
from booking.models.promos import PromoCode
from booking.models.settings import BookingSettings

__all__ = [
    "ACTIVE_STATUSES",
    "REDEEMED_STATUSES",
    "VISIT_STATUSES",
    "WEEKDAYS",
    "Booking",
    "BookingPage",
    "BookingSettings",
    "Closure",
    "ExtraHours",
    "IntakeResponse",
    "IntakeSettings",
    "Patient",
    "PatientAccess",
    "Practitioner",
    "PromoCode",
    "Service",
    "Status",
    "WorkingHours",
    "normalise_email",
]
