"""Staff views of the practitioners' calendar feeds: the address, and a new one issued."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views import generic
from wagtail.admin.widgets import ListingButton

from booking import presenters, services
from booking.models import Practitioner


class PractitionerIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            buttons.append(
                ListingButton(
                    "Calendar feed",
                    url=reverse("booking_practitioner_calendar_feed", args=[instance.pk]),
                    icon_name="calendar-alt",
                    priority=40,
                )
            )
        return buttons


def practitioner_calendar_feed(request, pk):
    """The address of a practitioner's calendar feed (GET), and a new one issued (POST)."""
    if not request.user.has_perm("booking.change_practitioner"):
        raise PermissionDenied
    practitioner = get_object_or_404(Practitioner, pk=pk)
    here = reverse("booking_practitioner_calendar_feed", args=[practitioner.pk])
    if request.method == "POST":
        services.practitioner_feed_renew(practitioner=practitioner)
        messages.success(
            request,
            f"{practitioner.name}'s calendar has a new address; the old one no longer works.",
        )
        return redirect(here)
    title = f"Calendar feed: {practitioner.name}"
    return TemplateResponse(
        request,
        "booking/admin/calendar_feed.html",
        {
            "practitioner": practitioner,
            "feed_url": request.build_absolute_uri(presenters.calendar_feed_path(practitioner)),
            "index_url": reverse("booking_practitioner:index"),
            "page_title": title,
            "header_title": title,
        },
    )
