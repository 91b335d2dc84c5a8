"""Staff move a confirmed appointment to another free time (services.booking_reschedule with
by="staff": inside the minimum notice too, never over another booking)."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from booking import formatting, selectors, services
from booking.models import Booking, BookingSettings, Status

TEMPLATE = "booking/admin/move.html"


def move_context(
    request: HttpRequest, booking: Booking, rules: BookingSettings, error: str = ""
) -> dict[str, Any]:
    """The practitioners who offer the service, and the free times of the chosen one that day."""
    params = request.POST if request.method == "POST" else request.GET
    tz = rules.zone
    practitioners = list(selectors.practitioners_for(booking.service))
    pid = params.get("practitioner", "")
    practitioner = next(
        (p for p in practitioners if str(p.pk) == pid),
        next((p for p in practitioners if p.pk == booking.practitioner_id), None),
    )
    try:
        day = date.fromisoformat(params.get("date", "")[:10])
    except ValueError:
        day = booking.start.astimezone(tz).date()
    now = timezone.now()
    in_range = abs((day - now.astimezone(tz).date()).days) <= rules.horizon_days + 2
    times = (
        selectors.available_slots(
            service=booking.service,
            practitioners=[practitioner],
            first_day=day,
            last_day=day,
            settings=rules,
            now=now,
            exclude_booking_id=booking.pk,
            staff=True,
        )
        if practitioner is not None and in_range
        else []
    )
    return {
        "booking": booking,
        "when": formatting.when(booking.start, tz),
        "practitioners": practitioners,
        "practitioner": practitioner,
        "day": day,
        "day_label": formatting.day_label(day),
        "times": [
            {"id": s.slot_id, "label": formatting.time_label(s.start.astimezone(tz))} for s in times
        ],
        "chosen_slot": params.get("slot", ""),
        "email_patient": request.method != "POST" or "email_patient" in request.POST,
        "error": error,
        "zone": formatting.zone_label(tz),
        "page_title": f"Move {booking.reference}",
        "header_title": f"Move {booking.reference}",
        "header_icon": "date",
    }


def booking_move(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("booking.change_booking"):
        raise PermissionDenied
    booking = get_object_or_404(
        Booking.objects.select_related("practitioner", "service", "patient"), pk=pk
    )
    if booking.status != Status.CONFIRMED:
        messages.error(request, "Only confirmed appointments can be moved.")
        return redirect("booking_booking:index")
    rules = selectors.booking_settings(request=request)
    if request.method != "POST":
        return TemplateResponse(request, TEMPLATE, move_context(request, booking, rules))
    decoded = selectors.decode_slot(request.POST.get("slot"))
    practitioner = next(
        (p for p in selectors.practitioners_for(booking.service) if decoded and p.pk == decoded[0]),
        None,
    )
    if decoded is None or practitioner is None:
        error = "Choose one of the free times."
    else:
        try:
            moved, note = services.booking_reschedule(
                booking=booking,
                practitioner=practitioner,
                start=decoded[1],
                by="staff",
                email_patient="email_patient" in request.POST,
                settings=rules,
            )
        except services.BookingError as refusal:
            error = refusal.message
        else:
            when = formatting.when(moved.start, rules.zone)
            messages.success(request, f"{moved.reference} moved to {when}. {note}".strip())
            day = moved.start.astimezone(rules.zone).date().isoformat()
            query = urlencode({"date": day, "view": "day", "practitioner": practitioner.pk})
            return redirect(f"{reverse('booking_schedule:index')}?{query}")
    return TemplateResponse(
        request, TEMPLATE, move_context(request, booking, rules, error), status=400
    )
