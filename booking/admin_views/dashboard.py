"""Dashboard panels of the booking app: today's and coming appointments, and a weekly chart."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from laces.components import Component

from booking import charts, formatting, selectors, slots
from booking.models import Status


class AppointmentsPanel(Component):
    name = "booking_appointments"
    order = 50
    template_name = "booking/admin/panel_appointments.html"

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        rules = selectors.booking_settings()
        tz = rules.zone
        now = timezone.now()
        today = now.astimezone(tz).date()
        start, end = slots.local_day_bounds(today, tz)
        todays = selectors.bookings_between(start=start, end=end).filter(
            status__in=[Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW]
        )
        return {
            "today": [
                {"b": b, "time": formatting.time_label(b.start.astimezone(tz))} for b in todays
            ],
            "upcoming": [
                {"b": b, "when": formatting.when(b.start, tz)}
                for b in selectors.upcoming_appointments(now=end)
            ],
            "schedule_url": reverse("booking_schedule:index"),
        }


class BookingsChartPanel(Component):
    name = "booking_chart"
    order = 60
    template_name = "booking/admin/panel_chart.html"

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        rules = selectors.booking_settings()
        weeks = selectors.weekly_counts(now=timezone.now(), tz=rules.zone)
        return {"chart": charts.weekly_bars(weeks)}
