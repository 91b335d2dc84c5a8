"""Staff views of the booking app: booking actions, the schedule, promo inspect and the dashboard
panels. Only users with booking permissions reach them."""

import csv
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from laces.components import Component
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton

from booking import charts, formatting, presenters, selectors, services, slots
from booking.forms import ContentReportForm
from booking.models import Booking, Practitioner, PromoCode, Service, Status
from core.exports import SafeSpreadsheetExportMixin, neutralise_formula

STATUS_ACTIONS = {
    "cancel": ("Cancel", "Cancel this appointment? The patient is e-mailed and the time is freed."),
    "completed": ("Mark completed", "Mark this appointment as completed?"),
    "no_show": ("Mark no-show", "Mark this appointment as a no-show?"),
}


class LocalTimeColumn(Column):
    """A date and time in the practice's zone; the rules are read once per request."""

    def get_cell_context_data(self, instance, parent_context) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        tz = selectors.booking_settings(request=request).zone
        value = getattr(instance, self.accessor)
        context["value"] = formatting.when(value, tz) if value else ""
        return context


# --- bookings --------------------------------------------------------------------------------


class BookingFilterSet(WagtailFilterSet):
    start = django_filters.DateFromToRangeFilter(
        label="Appointment date", widget=DateRangePickerWidget
    )
    practitioner = django_filters.ModelChoiceFilter(
        queryset=Practitioner.objects.all(), label="Practitioner"
    )
    service = django_filters.ModelChoiceFilter(queryset=Service.objects.all(), label="Service")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label="Status")
    promo = django_filters.ModelChoiceFilter(queryset=PromoCode.objects.all(), label="Code")

    class Meta:
        model = Booking
        fields = ["start", "practitioner", "service", "status", "promo"]


class BookingIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("practitioner", "patient")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change") and instance.status in (
            Status.CONFIRMED,
            Status.COMPLETED,
            Status.NO_SHOW,
        ):
            for action, (label, _question) in STATUS_ACTIONS.items():
                if action == "cancel" and instance.status != Status.CONFIRMED:
                    continue
                if action == instance.status:
                    continue
                buttons.append(
                    ListingButton(
                        label,
                        url=reverse("booking_booking_action", args=[instance.pk, action]),
                        icon_name="cross" if action == "cancel" else "check",
                        priority=40,
                    )
                )
        return buttons


def booking_action(request, pk, action):
    """Confirm (GET) and perform (POST) a staff action on a booking, through the services."""
    if not request.user.has_perm("booking.change_booking"):
        raise PermissionDenied
    if action not in STATUS_ACTIONS:
        raise PermissionDenied
    booking = get_object_or_404(Booking.objects.select_related("practitioner"), pk=pk)
    label, question = STATUS_ACTIONS[action]
    index_url = reverse("booking_booking:index")
    if request.method == "POST":
        try:
            if action == "cancel":
                services.booking_cancel(booking=booking, by="staff")
            else:
                services.booking_set_outcome(booking=booking, status=action)
        except services.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{booking.reference}: {label.lower()} done.")
        return redirect(index_url)
    tz = selectors.booking_settings().zone
    return TemplateResponse(
        request,
        "booking/admin/confirm_action.html",
        {
            "booking": booking,
            "when": formatting.when(booking.start, tz),
            "label": label,
            "question": question,
            "index_url": index_url,
            "page_title": label,
            "header_title": label,
        },
    )


# --- promo codes -----------------------------------------------------------------------------


class PromoIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.promo_codes_with_uses()


class PromoInspectView(generic.InspectView):
    template_name = "booking/admin/promo_inspect.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tz = selectors.booking_settings().zone
        context["code_bookings"] = [
            {"booking": b, "when": formatting.when(b.start, tz)}
            for b in self.object.bookings.select_related("practitioner").order_by("-start")[:200]
        ]
        context["uses"] = selectors.promo_usage(
            promo=self.object, patient=None, now=timezone.now()
        ).total_uses
        return context


# --- schedule --------------------------------------------------------------------------------


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
        rules = selectors.booking_settings()
        tz = rules.zone
        now = timezone.now()
        try:
            day = date.fromisoformat(self.request.GET.get("date", "")[:10])
        except ValueError:
            day = now.astimezone(tz).date()
        mode = "day" if self.request.GET.get("view") == "day" else "week"
        first = day - timedelta(days=day.weekday()) if mode == "week" else day
        count = 7 if mode == "week" else 1
        days = [first + timedelta(days=i) for i in range(count)]
        start, _ = slots.local_day_bounds(days[0], tz)
        _, end = slots.local_day_bounds(days[-1], tz)
        practitioners = list(
            Practitioner.objects.filter(active=True).order_by("sort_order", "name")
        )
        pid = self.request.GET.get("practitioner", "")
        chosen = next((p for p in practitioners if str(p.pk) == pid), None)
        rows = selectors.bookings_between(
            start=start, end=end, practitioner_id=chosen.pk if chosen else None
        )
        grid: dict[tuple[int, date], list[dict[str, Any]]] = {
            (p.pk, d): [] for p in practitioners for d in days
        }
        for b in rows:
            key = (b.practitioner_id, b.start.astimezone(tz).date())
            if key in grid:
                grid[key].append(
                    {
                        "booking": b,
                        "time": f"{formatting.time_label(b.start.astimezone(tz))}–"
                        f"{formatting.time_label(b.end.astimezone(tz))}",
                        "url": reverse("booking_booking:edit", args=[b.pk]),
                    }
                )
        shown = [chosen] if chosen else practitioners
        step = timedelta(days=7 if mode == "week" else 1)
        context.update(
            {
                "mode": mode,
                "day": day,
                "days": [{"date": d, "label": f"{d:%a} {d.day} {d:%b}"} for d in days],
                "rows": [
                    {"practitioner": p, "cells": [grid[(p.pk, d)] for d in days]} for p in shown
                ],
                "practitioners": practitioners,
                "chosen": chosen,
                "previous": (first - step).isoformat(),
                "next": (first + step).isoformat(),
                "today": now.astimezone(tz).date().isoformat(),
                "zone": formatting.zone_label(tz),
            }
        )
        return context


# --- content that books ---------------------------------------------------------------------


class ContentReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per page: views, booking starts, bookings and codes used over a date range; sortable,
    as a chart and as CSV (`?export=csv`). Reception and superusers (booking permissions)."""

    template_name = "booking/admin/content_report.html"
    page_title = "Content that books"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("booking.view_booking"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _form(self) -> ContentReportForm:
        today = timezone.localdate()
        if "start" in self.request.GET or "end" in self.request.GET:
            return ContentReportForm(self.request.GET)
        return ContentReportForm({"start": today - timedelta(days=29), "end": today})

    def get(self, request, *args, **kwargs):
        form = self._form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        sort = presenters.report_sort(request.GET.get("sort", ""))
        rows = presenters.report_rows(
            selectors.content_that_books(
                first=form.cleaned_data["start"],
                last=form.cleaned_data["end"],
                tz=selectors.booking_settings().zone,
            ),
            sort=sort,
        )
        if request.GET.get("export") == "csv":
            return self._csv(rows, form)
        return self.render_to_response(self.get_context_data(form=form, rows=rows, sort=sort))

    def _query(self, form: ContentReportForm, **extra: str) -> str:
        dates = {k: form.cleaned_data[k].isoformat() for k in ("start", "end")}
        return "?" + urlencode({**dates, **extra})

    def _csv(self, rows, form: ContentReportForm) -> HttpResponse:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="content-that-books-{start}-{end}.csv"'
        )
        writer = csv.writer(response)
        for line in presenters.report_csv_rows(rows):
            writer.writerow([neutralise_formula(cell) for cell in line])
        return response

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, rows = kwargs["form"], kwargs.get("rows")
        if rows is not None:
            sort = kwargs["sort"]
            context["table"] = presenters.report_table(
                rows, sort=sort, sort_url=lambda key: self._query(form, sort=key)
            )
            context["chart"] = charts.content_bars(
                [{"title": r.title, "starts": r.starts, "bookings": r.bookings} for r in rows]
            )
            context["csv_url"] = self._query(form, sort=sort, export="csv")
        return context


# --- dashboard -------------------------------------------------------------------------------


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
