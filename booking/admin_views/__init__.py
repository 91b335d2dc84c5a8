"""Staff views of the booking app: the bookings list and its actions, staff bookings, the
schedule, promo inspect and the dashboard panels. Only users with booking permissions reach
them."""

from booking.admin_views.bookings import (
    BookingFilterSet,
    BookingIndexView,
    BookingInspectView,
    LocalTimeColumn,
    booking_action,
)
from booking.admin_views.content_report import ContentReportView
from booking.admin_views.dashboard import AppointmentsPanel, BookingsChartPanel
from booking.admin_views.feeds import PractitionerIndexView, practitioner_calendar_feed
from booking.admin_views.move import booking_move
from booking.admin_views.new_booking import PERMISSION as NEW_BOOKING_PERMISSION
from booking.admin_views.new_booking import new_booking
from booking.admin_views.promos import PromoIndexView, PromoInspectView
from booking.admin_views.schedule import ScheduleView

__all__ = [
    "AppointmentsPanel",
    "BookingFilterSet",
    "BookingIndexView",
    "BookingInspectView",
    "BookingsChartPanel",
    "ContentReportView",
    "NEW_BOOKING_PERMISSION",
    "PractitionerIndexView",
    "LocalTimeColumn",
    "PromoIndexView",
    "PromoInspectView",
    "ScheduleView",
    "booking_action",
    "booking_move",
    "new_booking",
    "practitioner_calendar_feed",
]
