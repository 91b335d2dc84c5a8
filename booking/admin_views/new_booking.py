"""Reception's "New booking": service → practitioner → a free time → the patient (found by name,
e-mail or phone, or new) → an optional code → review → confirm, through
services.booking_staff_create. The schedule's free times link here with the first three chosen."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from booking import formatting, selectors, services
from booking.models import BookingSettings, Patient, Practitioner, Service
from booking.selectors import Slot

PERMISSION = "booking.add_booking"
TEMPLATE = "booking/admin/new_booking.html"
REVIEW_TEMPLATE = "booking/admin/new_booking_review.html"
MAX_DAYS_AWAY = 3660  # a day further from today than this is a typo: show today


class PatientForm(forms.Form):
    """Who the appointment is for, the code and the e-mail choice; the time comes as `slot`."""

    service = forms.CharField(widget=forms.HiddenInput)
    practitioner = forms.CharField(widget=forms.HiddenInput)
    slot = forms.CharField(widget=forms.HiddenInput)
    patient = forms.CharField(required=False, max_length=12)
    name = forms.CharField(required=False, max_length=120, label="Name")
    email = forms.EmailField(required=False, label="E-mail")
    phone = forms.CharField(required=False, max_length=40, label="Phone")
    promo_code = forms.CharField(required=False, max_length=40, label="Promo code (optional)")
    notes = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), label="Notes"
    )
    email_patient = forms.BooleanField(required=False, initial=True, label="E-mail the patient")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("patient") or ""
        if chosen:
            known = Patient.objects.filter(pk=chosen).first() if chosen.isdigit() else None
            if known is None:
                self.add_error("patient", "Choose a patient from the list, or a new patient.")
                return data
            data["name"] = data.get("name") or known.name
            data["email"] = known.email
            data["phone"] = data.get("phone") or known.phone
            data["known"] = known
            return data
        if not data.get("name"):
            self.add_error("name", "Enter the patient's name.")
        if not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter the patient's e-mail address.")
        return data


@dataclass
class Choice:
    """What is chosen so far, read from the query string or the posted form."""

    today: date
    service: Service | None = None
    practitioner: Practitioner | None = None
    day: date | None = None
    slot_id: str = ""
    q: str = ""
    services: list[Service] = field(default_factory=list)
    practitioners: list[Practitioner] = field(default_factory=list)
    problem: str = ""

    @classmethod
    def read(cls, params: QueryDict, today: date) -> "Choice":
        choice = cls(today=today, slot_id=params.get("slot", "")[:40], q=params.get("q", "")[:120])
        choice.services = list(selectors.bookable_services())
        choice.service = next(
            (s for s in choice.services if str(s.pk) == params.get("service")), None
        )
        if choice.service is not None:
            choice.practitioners = list(selectors.practitioners_for(choice.service))
        pid = params.get("practitioner", "")
        choice.practitioner = next((p for p in choice.practitioners if str(p.pk) == pid), None)
        if pid and choice.service is not None and choice.practitioner is None:
            choice.problem = "This practitioner does not offer this service. Choose another."
        decoded = selectors.decode_slot(choice.slot_id)
        try:
            choice.day = date.fromisoformat(params.get("date", "")[:10])
        except ValueError:
            choice.day = None
        if choice.day is None and decoded is not None:
            choice.day = decoded[1].date()
        if choice.day is None or abs((choice.day - today).days) > MAX_DAYS_AWAY:
            choice.day = today
        return choice

    def link(self, **changes: str) -> str:
        params = {
            "service": str(self.service.pk) if self.service else "",
            "practitioner": str(self.practitioner.pk) if self.practitioner else "",
            "date": (self.day or self.today).isoformat(),
            "slot": self.slot_id,
            "q": self.q,
        }
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v})


def free_times(choice: Choice, rules: BookingSettings, now: datetime) -> list[Slot]:
    if choice.service is None or choice.practitioner is None or choice.day is None:
        return []
    if abs((choice.day - choice.today).days) > rules.horizon_days + 2:
        return []
    return selectors.available_slots(
        service=choice.service,
        practitioners=[choice.practitioner],
        first_day=choice.day,
        last_day=choice.day,
        settings=rules,
        now=now,
        staff=True,
    )


def page_context(choice: Choice, form: PatientForm, rules: BookingSettings) -> dict[str, Any]:
    now = timezone.now()
    tz = rules.zone
    times = free_times(choice, rules, now)
    chosen = next((s for s in times if s.slot_id == choice.slot_id), None)
    day = choice.day or choice.today
    return {
        "choice": choice,
        "form": form,
        "times": [
            {
                "id": s.slot_id,
                "label": formatting.time_label(s.start.astimezone(tz)),
                "url": choice.link(slot=s.slot_id) + "#patient",
                "chosen": s.slot_id == choice.slot_id,
            }
            for s in times
        ],
        "chosen": chosen,
        "chosen_label": formatting.when(chosen.start, tz) if chosen else "",
        "slot_gone": bool(choice.slot_id) and chosen is None and bool(times or choice.service),
        "day_label": formatting.day_label(day),
        "previous_day": choice.link(
            date=date.fromordinal(day.toordinal() - 1).isoformat(), slot=""
        ),
        "next_day": choice.link(date=date.fromordinal(day.toordinal() + 1).isoformat(), slot=""),
        "patients": selectors.patients_matching(text=choice.q) if choice.slot_id else [],
        # The patient's details stay on the page when their time was taken meanwhile.
        "show_patient": chosen is not None or (form.is_bound and bool(times)),
        "zone": formatting.zone_label(tz),
        "page_title": "New booking",
        "header_title": "New booking",
        "header_icon": "date",
    }


def render(
    request: HttpRequest, choice: Choice, form: PatientForm, status: int = 200
) -> HttpResponse:
    rules = selectors.booking_settings(request=request)
    return TemplateResponse(request, TEMPLATE, page_context(choice, form, rules), status=status)


def new_booking(request: HttpRequest) -> HttpResponse:
    """GET: choose step by step (each choice is a link or a small form); POST: review, change or
    confirm the booking."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    rules = selectors.booking_settings(request=request)
    today = timezone.now().astimezone(rules.zone).date()
    if request.method != "POST":
        choice = Choice.read(request.GET, today)
        initial = {"service": choice.service.pk if choice.service else "", "slot": choice.slot_id}
        initial["practitioner"] = choice.practitioner.pk if choice.practitioner else ""
        return render(request, choice, PatientForm(initial=initial))
    choice = Choice.read(request.POST, today)
    if request.POST.get("action") == "edit":
        values: dict[str, Any] = request.POST.dict()
        values["email_patient"] = "email_patient" in request.POST
        return render(request, choice, PatientForm(initial=values))
    form = PatientForm(request.POST)
    if not form.is_valid():
        return render(request, choice, form, status=400)
    if request.POST.get("action") == "confirm":
        return confirm(request, choice, form, rules)
    return review(request, choice, form, rules)


def review(
    request: HttpRequest, choice: Choice, form: PatientForm, rules: BookingSettings
) -> HttpResponse:
    """The booking as it will be made, with the price after the code; or the code's refusal."""
    data = form.cleaned_data
    context = page_context(choice, form, rules)
    if context["chosen"] is None or choice.service is None:
        form.add_error(None, "This time is not free any more. Please choose one of the free times.")
        return TemplateResponse(request, TEMPLATE, context, status=400)
    price = choice.service.price
    discount = None
    if data.get("promo_code"):
        _promo, result = selectors.evaluate_code(
            text=data["promo_code"],
            service_id=choice.service.pk,
            price=price,
            patient=data.get("known") or selectors.patient_by_email(data["email"]),
            now=timezone.now(),
        )
        if not result.ok:
            form.add_error("promo_code", result.message)
            return TemplateResponse(request, TEMPLATE, context, status=400)
        discount, price = result.discount, result.total
    context.update(
        {
            "data": data,
            "price": formatting.money(choice.service.price),
            "discount": formatting.discount(discount) if discount else "",
            "total": formatting.money(price),
        }
    )
    return TemplateResponse(request, REVIEW_TEMPLATE, context)


def confirm(
    request: HttpRequest, choice: Choice, form: PatientForm, rules: BookingSettings
) -> HttpResponse:
    data = form.cleaned_data
    decoded = selectors.decode_slot(choice.slot_id)
    if choice.service is None or choice.practitioner is None or decoded is None:
        form.add_error(None, "Choose a service, a practitioner and a free time.")
        return render(request, choice, form, status=400)
    try:
        booking = services.booking_staff_create(
            service=choice.service,
            practitioner=choice.practitioner,
            start=decoded[1],
            name=data["name"],
            email=data["email"],
            phone=data.get("phone") or "",
            notes=data.get("notes") or "",
            promo_code=data.get("promo_code") or "",
            email_patient=bool(data.get("email_patient")),
            settings=rules,
        )
    except services.BookingError as error:
        field_name = error.field if error.field in form.fields else None
        form.add_error(field_name, error.message)
        return render(request, choice, form, status=400)
    emailed = " The patient is e-mailed." if data.get("email_patient") else ""
    messages.success(
        request,
        f"Booked {booking.reference}: {booking.patient_name}, {booking.service_name} with "
        f"{choice.practitioner.name}, {formatting.when(booking.start, rules.zone)}.{emailed}",
    )
    day = booking.start.astimezone(rules.zone).date().isoformat()
    query = urlencode({"date": day, "view": "day", "practitioner": choice.practitioner.pk})
    return redirect(f"{reverse('booking_schedule:index')}?{query}")
