"""Staff views of the bookings list: filters, the status actions (cancel, attended, no-show)
and the local-time column. Apps above booking add buttons to a booking (in the listing's "More"
menu and on its inspect page) through the `register_booking_buttons` hook: a function of
(booking, user) returning Wagtail buttons, so booking never imports them."""

from typing import Any

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets import ListingButton

from booking import formatting, selectors, services
from booking.models import Booking, Practitioner, PromoCode, Service, Status
from core.exports import SafeSpreadsheetExportMixin

STATUS_ACTIONS = {
    "cancel": ("Cancel", "Cancel this appointment? The patient is e-mailed and the time is freed."),
    "completed": ("Mark attended", "Mark this appointment as attended? It then counts as a visit."),
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


BUTTONS_HOOK = "register_booking_buttons"


def hooked_buttons(booking: Booking, user) -> list[Any]:
    """The buttons other apps add to one booking (see BUTTONS_HOOK)."""
    return [button for fn in hooks.get_hooks(BUTTONS_HOOK) for button in fn(booking, user)]


class BookingInspectView(generic.InspectView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *hooked_buttons(self.object, self.request.user)]


class BookingIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("practitioner", "patient")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change") and instance.status == Status.CONFIRMED:
            buttons.append(
                ListingButton(
                    "Move",
                    url=reverse("booking_booking_move", args=[instance.pk]),
                    icon_name="calendar-alt",
                    priority=35,
                )
            )
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
        return buttons + hooked_buttons(instance, self.request.user)


def back_url(request, default: str) -> str:
    """Where to go after an action: the page the staff member came from (?next=, same site
    only), else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def booking_action(request, pk, action):
    """Confirm (GET) and perform (POST) a staff action on a booking, through the services."""
    if not request.user.has_perm("booking.change_booking"):
        raise PermissionDenied
    if action not in STATUS_ACTIONS:
        raise PermissionDenied
    booking = get_object_or_404(Booking.objects.select_related("practitioner"), pk=pk)
    label, question = STATUS_ACTIONS[action]
    index_url = back_url(request, reverse("booking_booking:index"))
    if request.method == "POST":
        try:
            if action == "cancel":
                # The form ticks "E-mail the patient" by default; a bare POST e-mails too.
                email_patient = (
                    "email_patient" in request.POST or "email_choice" not in request.POST
                )
                services.booking_cancel(booking=booking, by="staff", email_patient=email_patient)
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
            "next": index_url,
            "asks_email": action == "cancel",
            "page_title": label,
            "header_title": label,
        },
    )
