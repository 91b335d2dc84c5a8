"""Staff views of one patient's record: the record page, its export (JSON, CSV) and erasure, the
intake answers, and the access log. Each view or export of a record is logged (services.
patient_access_log); the log itself is for superusers only."""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from booking import formatting, patient_export, selectors, services
from booking.models import IntakeResponse, Patient, PatientAccess
from booking.selectors.patients import PatientRecord, patient_record

Action = PatientAccess.Action
VIEW_INTAKE = "booking.view_intakeresponse"
EXPORT = "booking.export_patient"
ERASE = "booking.erase_patient"
# Apps above booking add to the record page through this hook (homecare: the patient's home
# programmes): `fn(patient, user)` returns Wagtail components, only what this user may see.
RECORD_PANELS_HOOK = "register_patient_record_panels"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _record(pk: int) -> PatientRecord:
    record = patient_record(patient_id=pk)
    if record is None:
        raise Http404("No such patient.")
    return record


def _booking_rows(record: PatientRecord, tz, with_intake: bool) -> list[dict[str, Any]]:
    return [
        {
            "booking": b,
            "when": formatting.when(b.start, tz),
            "intake": getattr(b, "intake", None) if with_intake else None,
        }
        for b in record.bookings
    ]


def _record_panels(patient: Patient, user) -> list[Any]:
    return [panel for fn in hooks.get_hooks(RECORD_PANELS_HOOK) for panel in fn(patient, user)]


def record_view(request, pk: int):
    """The patient's record: details, appointments, what other apps add (home programmes),
    intake answers (for those allowed), consents and e-mails, with export and erase. Logged."""
    _require(request, "booking.view_patient")
    record = _record(pk)
    with_intake = request.user.has_perm(VIEW_INTAKE)
    services.patient_access_log(
        patient=record.patient,
        action=Action.VIEWED,
        user=request.user,
        detail="with intake answers" if with_intake else "",
    )
    tz = selectors.booking_settings().zone
    context = {
        "record": record,
        "patient": record.patient,
        "rows": _booking_rows(record, tz, with_intake),
        "with_intake": with_intake,
        "panels": _record_panels(record.patient, request.user),
        "can_export": request.user.has_perm(EXPORT),
        "can_erase": request.user.has_perm(ERASE) and not record.erased,
        "page_title": f"Patient record: {record.patient.name}",
        "header_title": f"Patient record: {record.patient.name}",
        "header_icon": "group",
    }
    response = TemplateResponse(request, "booking/admin/patient_record.html", context)
    add_never_cache_headers(response)
    return response


def export_view(request, pk: int, fmt: str):
    """The patient's data as a JSON or CSV download. Logged."""
    _require(request, EXPORT)
    if fmt not in ("json", "csv"):
        raise Http404("Export as json or csv.")
    record = _record(pk)
    data = patient_export.export_data(record, exported_at=timezone.now())
    action = Action.EXPORTED_JSON if fmt == "json" else Action.EXPORTED_CSV
    services.patient_access_log(patient=record.patient, action=action, user=request.user)
    if fmt == "json":
        body = json.dumps(data, indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(
            patient_export.export_csv(data), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="patient-{record.patient.pk}.{fmt}"'
    add_never_cache_headers(response)
    return response


def erase_view(request, pk: int):
    """Confirm (GET) and erase (POST) a patient's personal data, through the service."""
    _require(request, ERASE)
    patient = get_object_or_404(Patient, pk=pk)
    record_url = reverse("booking_patient_record", args=[patient.pk])
    if request.method == "POST":
        try:
            erased = services.patient_erase(patient=patient, user=request.user)
        except services.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, "Personal data erased." if erased else "This patient was already erased."
            )
        return redirect(record_url)
    return TemplateResponse(
        request,
        "booking/admin/patient_erase.html",
        {
            "patient": patient,
            "record_url": record_url,
            "page_title": "Erase patient",
            "header_title": "Erase patient",
        },
    )


def urlpatterns() -> list[Any]:
    return [
        path("booking/patients/<int:pk>/record/", record_view, name="booking_patient_record"),
        path(
            "booking/patients/<int:pk>/export/<str:fmt>/",
            export_view,
            name="booking_patient_export",
        ),
        path("booking/patients/<int:pk>/erase/", erase_view, name="booking_patient_erase"),
    ]


# --- the patients listing: a link to each record ----------------------------------------------


class PatientIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(
            0,
            ListingButton(
                "Patient record",
                url=reverse("booking_patient_record", args=[instance.pk]),
                icon_name="doc-full",
                priority=1,
            ),
        )
        return buttons


class PatientInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        patient = super().get_object(queryset)
        services.patient_access_log(patient=patient, action=Action.VIEWED, user=self.request.user)
        return patient


class PatientEditView(generic.EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.patient_access_log(patient=self.object, action=Action.EDITED, user=request.user)
        return response


# --- intake answers: read-only, for Reception and practitioners ------------------------------


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Records staff may only read: no add, change or delete in the admin."""

    def user_has_permission(self, user, action) -> bool:
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return "view" in actions and super().user_has_permission(user, "view")


class IntakeInspectView(generic.InspectView):
    template_name = "booking/admin/intake_inspect.html"

    def get_object(self, queryset=None):
        response = super().get_object(queryset)
        services.patient_access_log(
            patient=response.booking.patient,
            action=Action.VIEWED_INTAKE,
            user=self.request.user,
            detail=response.booking.reference,
        )
        return response

    def get_fields(self):
        return ["submitted_at"]

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        booking = self.object.booking
        context["booking"] = booking
        context["when"] = formatting.when(booking.start, selectors.booking_settings().zone)
        context["answers"] = self.object.answers
        return context


class IntakeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("booking")


class IntakeResponseViewSet(ModelViewSet):
    model = IntakeResponse
    icon = "clipboard-list"
    menu_label = "Intake answers"
    menu_order = 345
    index_view_class = IntakeIndexView
    inspect_view_class = IntakeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        Column("reference", label="Booking", accessor="booking.reference"),
        Column("patient", label="Patient", accessor="booking.patient_name"),
        Column("start", label="Appointment", accessor="booking.start"),
        "submitted_at",
    ]
    search_fields = ["booking__reference", "booking__patient_name"]
    ordering = ["-submitted_at"]
    permission_policy = ViewOnlyPolicy(IntakeResponse)


# --- the access log: superusers only ----------------------------------------------------------


class SuperusersOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action) -> bool:
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions) -> bool:
        return "view" in actions and user.is_active and user.is_superuser


class PatientAccessViewSet(ModelViewSet):
    model = PatientAccess
    icon = "history"
    menu_label = "Patient access log"
    menu_order = 380
    copy_view_enabled = False
    list_display = [
        "at",
        "username",
        Column("action", accessor="get_action_display"),
        "patient_number",
        "detail",
    ]
    list_filter = ["action"]
    search_fields = ["username", "detail"]
    ordering = ["-at"]
    permission_policy = SuperusersOnlyPolicy(PatientAccess)
