"""Booking URLs outside the booking page: the small JSON answers content pages fetch, and the
practitioners' calendar feeds."""

from django.urls import path

from booking.views.calendar_feed import practitioner_calendar
from booking.views.next_free import next_free

urlpatterns = [
    path("api/booking/next-free/", next_free, name="booking_next_free"),
    path(
        "api/booking/calendar/<str:token>.ics",
        practitioner_calendar,
        name="booking_practitioner_calendar",
    ),
]
