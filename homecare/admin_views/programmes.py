"""The staff views of home programmes: the listing (only the programmes the user may see), the
create form (built by the user, prefilled from a booking), the edit form and the inspect page
with the programme's actions (the inspect page also with the link's state), and the guard that answers 404 for someone else's programme on every view with a pk."""

from datetime import date, datetime
from functools import wraps
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.admin.widgets import Button, ListingButton

from booking import formatting
from booking import selectors as booking_selectors
from homecare import selectors_admin
from homecare.models import HomeProgramme

SEND = "homecare.send_homeprogramme"
ADD = "homecare.add_homeprogramme"


def visible_only(view):
    """Wrap a view that takes a programme's pk: someone who may not see it gets a 404."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        pk = str(kwargs.get("pk", ""))
        if not pk.isdigit() or not (
            selectors_admin.programmes_visible_to(user=request.user).filter(pk=pk).exists()
        ):
            raise Http404("No such home programme.")
        return view(request, *args, **kwargs)

    return guarded


def today() -> date:
    return timezone.now().astimezone(booking_selectors.booking_settings().zone).date()


def link_state(programme: HomeProgramme, now: datetime | None = None) -> str:
    """'Not sent', 'Revoked', 'Expired' or 'Working': what the patient's last link does now."""
    now = now or timezone.now()
    if programme.sent_at is None:
        return "Not sent"
    if programme.revoked_at is not None:
        return "Revoked"
    if programme.expires_at is None or programme.expires_at <= now:
        return "Expired"
    return "Working"


def action_buttons(programme: HomeProgramme, user, button=Button) -> list[Button]:
    """Adherence, and send / re-send / revoke for those allowed to send."""
    buttons = [
        button(
            "Adherence",
            url=reverse("homecare_programme_adherence", args=[programme.pk]),
            icon_name="table",
            priority=30,
        )
    ]
    if user.has_perm(SEND):
        buttons.append(
            button(
                "Re-send link" if programme.sent_at else "Send link",
                url=reverse("homecare_programme_send", args=[programme.pk]),
                icon_name="mail",
                priority=31,
            )
        )
        if programme.sent_at and programme.revoked_at is None:
            buttons.append(
                button(
                    "Revoke link",
                    url=reverse("homecare_programme_revoke", args=[programme.pk]),
                    icon_name="cross",
                    priority=32,
                )
            )
    return buttons


class ProgrammeIndexView(generic.IndexView):
    def get_base_queryset(self):
        visible = selectors_admin.programmes_visible_to(user=self.request.user)
        return visible.select_related("patient", "practitioner")

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(ADD):
            buttons.append(
                Button(
                    "Copy from the library",
                    url=reverse("homecare_programme_copy"),
                    icon_name="copy",
                    priority=20,
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + action_buttons(instance, self.request.user, button=ListingButton)


class ProgrammeCreateView(generic.CreateView):
    """The create form; ?booking=<id> prefills it from that appointment."""

    @cached_property
    def booking(self):
        return selectors_admin.booking_to_start_from(pk=self.request.GET.get("booking"))

    def get_add_url(self):
        url = super().get_add_url()
        return f"{url}?booking={self.booking.pk}" if self.booking else url

    def get_initial_form_instance(self):
        programme = HomeProgramme(start_date=today())
        booking = self.booking
        if booking is not None:
            zone = booking_selectors.booking_settings().zone
            programme.patient = booking.patient
            programme.practitioner = booking.practitioner
            programme.service = booking.service
            programme.booking = booking
            programme.start_date = booking.start.astimezone(zone).date()
        return programme

    def save_instance(self):
        programme = self.form.instance
        programme.built_by = self.request.user
        if programme.booking_id and programme.booking.patient_id != programme.patient_id:
            programme.booking = None  # the form now names another patient
        return super().save_instance()


class ProgrammeEditView(generic.EditView):
    """The edit form, with the programme's actions (adherence, send, revoke) in its header."""

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *action_buttons(self.object, self.request.user)]


class ProgrammeInspectView(generic.InspectView):
    template_name = "homecare/admin/inspect.html"

    def get_fields(self):
        return ["title", "patient", "practitioner", "service", "start_date", "review_in_days"]

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *action_buttons(self.object, self.request.user)]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tz = booking_selectors.booking_settings().zone
        programme = self.object
        context["link_state"] = link_state(programme)
        context["sent_when"] = formatting.when(programme.sent_at, tz) if programme.sent_at else ""
        context["expires_when"] = (
            formatting.when(programme.expires_at, tz) if programme.expires_at else ""
        )
        context["revoked_when"] = (
            formatting.when(programme.revoked_at, tz) if programme.revoked_at else ""
        )
        context["booking_when"] = (
            formatting.when(programme.booking.start, tz) if programme.booking_id else ""
        )
        context["items"] = [
            {
                "label": selectors_admin.item_label(item),
                "dosage": item.dosage.as_text if (item.exercise or item.routine) else "",
                "note": item.note,
            }
            for item in selectors_admin.programme_items(programme=programme)
        ]
        context["action_buttons"] = action_buttons(programme, self.request.user)
        return context
