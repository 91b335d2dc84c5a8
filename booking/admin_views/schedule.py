"""The schedule: each practitioner's appointments from a day (today unless chosen) over the
next 7 days, or one day, which prints cleanly. Reception marks attended and no-show here."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from booking import formatting, selectors, slots
from booking.models import Booking, BookingSettings, Practitioner, Service, Status

DAYS_SHOWN = 7
MAX_DAYS_AWAY = 3660


@dataclass(frozen=True)
class ScheduleQuery:
    """What the schedule shows: from `day`, a week (7 days) or one day, one practitioner or all."""

    day: date
    mode: str
    practitioner_id: str
    service_id: str = ""

    @classmethod
    def parse(cls, params: QueryDict, today: date) -> "ScheduleQuery":
        try:
            day = date.fromisoformat(params.get("date", "")[:10])
        except ValueError:
            day = today
        if abs((day - today).days) > MAX_DAYS_AWAY:
            day = today  # a typo such as year 1 or 9999: nothing to show there
        mode = "day" if params.get("view") == "day" else "week"
        return cls(
            day=day,
            mode=mode,
            practitioner_id=params.get("practitioner", "")[:12],
            service_id=params.get("service", "")[:12],
        )

    @property
    def days(self) -> list[date]:
        count = DAYS_SHOWN if self.mode == "week" else 1
        return [self.day + timedelta(days=i) for i in range(count)]

    def link(self, **changes: str) -> str:
        params = {"date": self.day.isoformat(), "view": self.mode}
        if self.practitioner_id:
            params["practitioner"] = self.practitioner_id
        if self.service_id:
            params["service"] = self.service_id
        params.update(changes)
        return "?" + urlencode(params)


def free_times(
    service: Service,
    practitioners: list[Practitioner],
    days: list[date],
    *,
    rules: BookingSettings,
    now: datetime,
) -> dict[tuple[int, date], list[dict[str, str]]]:
    """The free times of `service` by (practitioner, local day), each a link to New booking with
    the service, practitioner and time chosen. Staff may book inside the minimum notice. Four
    queries whatever the number of days, practitioners or bookings."""
    offering = [p for p in practitioners if service in p.services.all()]
    found = selectors.available_slots(
        service=service,
        practitioners=offering,
        first_day=days[0],
        last_day=days[-1],
        settings=rules,
        now=now,
        staff=True,
    )
    new = reverse("booking_new:index")
    free: dict[tuple[int, date], list[dict[str, str]]] = {}
    for slot in found:
        local = slot.start.astimezone(rules.zone)
        params = {
            "service": service.pk,
            "practitioner": slot.practitioner.pk,
            "date": local.date().isoformat(),
            "slot": slot.slot_id,
        }
        free.setdefault((slot.practitioner.pk, local.date()), []).append(
            {"label": formatting.time_label(local), "url": f"{new}?{urlencode(params)}#patient"}
        )
    return free


def booking_item(booking: Booking, *, tz: ZoneInfo, now: datetime, back: str) -> dict[str, Any]:
    """One appointment in a cell: its time, link, and the marking actions once it has begun."""
    actions = []
    if booking.status in (Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW) and (
        booking.start <= now
    ):
        for action, label in (("completed", "Attended"), ("no_show", "No-show")):
            if booking.status != action:
                url = reverse("booking_booking_action", args=[booking.pk, action])
                actions.append({"label": label, "url": f"{url}?{urlencode({'next': back})}"})
    start, end = booking.start.astimezone(tz), booking.end.astimezone(tz)
    return {
        "booking": booking,
        "time": f"{formatting.time_label(start)}–{formatting.time_label(end)}",
        "url": reverse("booking_booking:edit", args=[booking.pk]),
        "actions": actions,
    }


class ScheduleView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "booking/admin/schedule.html"
    page_title = "Schedule"
    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("booking.view_booking"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rules = selectors.booking_settings(request=self.request)
        tz = rules.zone
        now = timezone.now()
        today = now.astimezone(tz).date()
        query = ScheduleQuery.parse(self.request.GET, today)
        days = query.days
        practitioners = list(selectors.active_practitioners())
        chosen = next((p for p in practitioners if str(p.pk) == query.practitioner_id), None)
        shown = [chosen] if chosen else practitioners
        start, _ = slots.local_day_bounds(days[0], tz)
        _, end = slots.local_day_bounds(days[-1], tz)
        grid = self.grid(shown, days, start=start, end=end, tz=tz, now=now)
        services = list(selectors.bookable_services())
        service = next((s for s in services if str(s.pk) == query.service_id), None)
        free = (
            free_times(service or services[0], shown, days, rules=rules, now=now)
            if services and query.mode == "day"
            else {}
        )
        step = timedelta(days=len(days))
        context.update(
            {
                "query": query,
                "mode": query.mode,
                "day": query.day,
                "days": [
                    {"date": d, "label": f"{d:%a} {d.day} {d:%b}", "is_today": d == today}
                    for d in days
                ],
                "heading": formatting.day_label(days[0])
                if query.mode == "day"
                else f"{formatting.day_label(days[0])} – {formatting.day_label(days[-1])}",
                "rows": [
                    {
                        "practitioner": p,
                        "cells": [
                            {"bookings": grid[(p.pk, d)], "free": free.get((p.pk, d), [])}
                            for d in days
                        ],
                    }
                    for p in shown
                ],
                "services": services,
                "service": service or (services[0] if services else None),
                "practitioners": practitioners,
                "chosen": chosen,
                "previous_url": query.link(date=(query.day - step).isoformat()),
                "next_url": query.link(date=(query.day + step).isoformat()),
                "today_url": query.link(date=today.isoformat()),
                "zone": formatting.zone_label(tz),
            }
        )
        return context

    def grid(
        self,
        practitioners: list[Practitioner],
        days: list[date],
        *,
        start: datetime,
        end: datetime,
        tz: ZoneInfo,
        now: datetime,
    ) -> dict[tuple[int, date], list[dict[str, Any]]]:
        """Appointments by (practitioner, local day), from one query."""
        grid: dict[tuple[int, date], list[dict[str, Any]]] = {
            (p.pk, d): [] for p in practitioners for d in days
        }
        practitioner_id = practitioners[0].pk if len(practitioners) == 1 else None
        back = self.request.get_full_path()
        for b in selectors.bookings_between(start=start, end=end, practitioner_id=practitioner_id):
            key = (b.practitioner_id, b.start.astimezone(tz).date())
            if key in grid:
                grid[key].append(booking_item(b, tz=tz, now=now, back=back))
        return grid
