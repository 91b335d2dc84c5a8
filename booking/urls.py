"""Booking URLs outside the booking page: the small JSON answers content pages fetch."""

from django.urls import path

from booking.views.next_free import next_free

urlpatterns = [
    path("api/booking/next-free/", next_free, name="booking_next_free"),
]
