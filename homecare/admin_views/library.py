"""Copy from the library: a new programme for a patient with the exercises of a public
programme or routine, then the edit form to adjust it. ?booking=<id> prefills the patient,
practitioner, service and start date from that appointment."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from booking import selectors as booking_selectors
from booking.models import Patient, Practitioner, Service
from homecare import selectors_admin, services
from homecare.admin_views.programmes import ADD, today


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Page.objects.none(),  # set per form: .type() reads content types
        label="Programme or routine of the library",
        help_text="Its exercises become the items; you adjust dosage and notes next.",
    )
    patient = forms.ModelChoiceField(queryset=Patient.objects.order_by("name"))
    practitioner = forms.ModelChoiceField(
        queryset=Practitioner.objects.filter(active=True).order_by("name"),
        help_text="Who the patient sees: 'Book your review' books with them.",
    )
    service = forms.ModelChoiceField(
        queryset=Service.objects.filter(active=True).order_by("sort_order", "name"),
        required=False,
        help_text="Optional: the appointment 'Book your review' offers.",
    )
    start_date = forms.DateField(widget=AdminDateInput, help_text="The programme's first day.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = selectors_admin.library_sources()  # type: ignore[attr-defined]


def _initial(booking) -> dict:
    if booking is None:
        return {"start_date": today()}
    zone = booking_selectors.booking_settings().zone
    return {
        "patient": booking.patient_id,
        "practitioner": booking.practitioner_id,
        "service": booking.service_id,
        "start_date": booking.start.astimezone(zone).date(),
    }


def copy_view(request):
    """Choose the library page and the patient (GET); create and open the edit form (POST)."""
    if not request.user.has_perm(ADD):
        raise PermissionDenied
    booking = selectors_admin.booking_to_start_from(pk=request.GET.get("booking"))
    form = CopyForm(request.POST or None, initial=_initial(booking))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.home_programme_copy(
                source=data["source"],
                patient=data["patient"],
                practitioner=data["practitioner"],
                service=data["service"],
                start_date=data["start_date"],
                booking=booking if booking and booking.patient_id == data["patient"].pk else None,
                user=request.user,
            )
        except services.HomecareError as error:
            form.add_error("source", error.message)
        else:
            messages.success(
                request, f"Copied '{data['source'].title}': adjust the dosage and notes."
            )
            return redirect(reverse("homecare_programme:edit", args=[programme.pk]))
    context = {
        "form": form,
        "media": form.media,
        "index_url": reverse("homecare_programme:index"),
        "page_title": "Copy from the library",
        "header_title": "Copy from the library",
        "header_icon": "copy",
    }
    return TemplateResponse(request, "homecare/admin/copy.html", context)
