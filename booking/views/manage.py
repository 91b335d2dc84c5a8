"""The e-mailed signed link: see the appointment, cancel it, or move it to another time."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from booking import presenters, selectors, services, tokens
from booking.models import Booking, BookingPage, BookingSettings, Practitioner
from booking.selectors import Slot
from booking.timetable import DaySpan
from booking.views.common import (
    day_param,
    param,
    problem,
    render,
    signed_booking,
    slot_unavailable,
    sub_url,
)
from core.forms import clean_param
from core.models import SiteSettings


def _manage_page(
    request: HttpRequest,
    page: BookingPage,
    *,
    booking: Booking,
    token: str,
    rules: BookingSettings,
    now: datetime,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    context = presenters.manage_context(
        booking=booking,
        rules=rules,
        now=now,
        can_change=services.cancellable_online(booking=booking, now=now, settings=rules),
        phone=SiteSettings.for_request(request).phone,
    )
    context.update(
        {
            "notice": notice,
            "moved": request.GET.get("moved") == "1",
            "promo_note": param(request, "note", 200) if request.GET.get("moved") else "",
            "move_url": sub_url(page, "reschedule", {"t": token}),
            "cancel_url": sub_url(page, "cancel", {"t": token}),
        }
    )
    return render(
        request, page, "booking/manage.html", context, status=status, title="Your appointment"
    )


@signed_booking(tokens.read_manage_token)
def manage(
    request: HttpRequest, page: BookingPage, *, booking: Booking, token: str, **kwargs: Any
) -> HttpResponse:
    rules = selectors.booking_settings(request=request)
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            # A cancel sent here (an old page) goes to the confirming step; it cancels nothing.
            return HttpResponseRedirect(sub_url(page, "cancel", {"t": token}), status=303)
        return _manage_page(
            request,
            page,
            booking=booking,
            token=token,
            rules=rules,
            now=timezone.now(),
            notice="Please use one of the buttons below.",
            status=400,
        )
    return _manage_page(
        request, page, booking=booking, token=token, rules=rules, now=timezone.now()
    )


@signed_booking(tokens.read_manage_token)
def cancel(
    request: HttpRequest, page: BookingPage, *, booking: Booking, token: str, **kwargs: Any
) -> HttpResponse:
    """The second step of cancelling: GET shows what will be cancelled and a confirm button,
    which POSTs here. An appointment that cannot be cancelled online goes back to the manage
    page, which says why (and gives the phone number)."""
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    manage_url = sub_url(page, "manage", {"t": token})
    if request.method == "POST":
        if request.POST.get("action") != "cancel":
            notice = "Please use one of the buttons below."
            return _manage_page(
                request,
                page,
                booking=booking,
                token=token,
                rules=rules,
                now=now,
                notice=notice,
                status=400,
            )
        try:
            services.booking_cancel(booking=booking, by="patient", now=now, settings=rules)
        except services.BookingError as error:
            booking.refresh_from_db()
            return _manage_page(
                request,
                page,
                booking=booking,
                token=token,
                rules=rules,
                now=now,
                notice=error.message,
                status=409,
            )
        return HttpResponseRedirect(manage_url)
    if not services.cancellable_online(booking=booking, now=now, settings=rules):
        return HttpResponseRedirect(manage_url)
    context = presenters.cancel_confirm_context(booking=booking, rules=rules, back_url=manage_url)
    return render(
        request, page, "booking/cancel_confirm.html", context, title="Cancel your appointment"
    )


def _move(
    request: HttpRequest,
    page: BookingPage,
    *,
    booking: Booking,
    token: str,
    slot: Slot,
    rules: BookingSettings,
    now: datetime,
) -> HttpResponse:
    try:
        _booking, note = services.booking_reschedule(
            booking=booking,
            practitioner=slot.practitioner,
            start=slot.start,
            now=now,
            settings=rules,
        )
    except services.SlotUnavailable as error:
        here = sub_url(page, "reschedule", {"t": token})
        return slot_unavailable(request, page, message=error.message, times_url=here)
    except services.BookingError as error:
        return problem(
            request,
            page,
            title="This appointment cannot be moved",
            message=error.message,
            status=409,
            link=sub_url(page, "manage", {"t": token}),
            link_label="Back to your appointment",
        )
    return HttpResponseRedirect(sub_url(page, "manage", {"t": token, "moved": "1", "note": note}))


def _move_to(
    request: HttpRequest,
    page: BookingPage,
    *,
    booking: Booking,
    token: str,
    raw_slot: str,
    practitioners: list[Practitioner],
    rules: BookingSettings,
    now: datetime,
) -> HttpResponse:
    """The time picked: ask to confirm the move (GET), or move the appointment (POST)."""
    here = sub_url(page, "reschedule", {"t": token})
    decoded = selectors.decode_slot(raw_slot)
    target = next((p for p in practitioners if decoded and p.pk == decoded[0]), None)
    slot = (
        selectors.slot_if_available(
            service=booking.service,
            practitioner=target,
            start=decoded[1],
            settings=rules,
            now=now,
            exclude_booking_id=booking.pk,
        )
        if target is not None and decoded is not None
        else None
    )
    if slot is None:
        return slot_unavailable(
            request,
            page,
            message="Sorry, that time is not available. Please choose another.",
            times_url=here,
        )
    if request.method != "POST":
        context = presenters.move_confirm_context(
            booking=booking, slot=slot, tz=rules.zone, slot_id=raw_slot, back_url=here
        )
        return render(
            request, page, "booking/reschedule_confirm.html", context, title="Move your appointment"
        )
    return _move(request, page, booking=booking, token=token, slot=slot, rules=rules, now=now)


def _move_timetable(
    request: HttpRequest,
    page: BookingPage,
    *,
    booking: Booking,
    token: str,
    practitioners: list[Practitioner],
    rules: BookingSettings,
    now: datetime,
) -> dict[str, Any]:
    """The free times to move to, with the practitioner filter and paging."""
    choice = param(request, "practitioner") or booking.practitioner.slug
    chosen = next((p for p in practitioners if p.slug == choice), None)
    if chosen is None:
        choice = "any"
    span = DaySpan.starting(
        start_day=day_param(request), now=now, tz=rules.zone, horizon_days=rules.horizon_days
    )
    found, next_available = selectors.timetable_slots(
        service=booking.service,
        practitioners=[chosen] if chosen else practitioners,
        span=span,
        settings=rules,
        now=now,
        exclude_booking_id=booking.pk,
        one_per_time=chosen is None,
    )

    def here_with(**query: str) -> str:
        return sub_url(page, "reschedule", {"t": token, "practitioner": choice, **query})

    table = presenters.timetable(
        found=found,
        next_available=next_available,
        span=span,
        tz=rules.zone,
        link_for=lambda slot: here_with(slot=slot.slot_id),
        anyone=chosen is None,
    )

    def page_link(day: date | None) -> str:
        return here_with(**{"from": day.isoformat()}) if day else ""

    return {
        "booking": booking,
        "summary": presenters.summary(booking, rules.zone),
        "service": booking.service,
        "practitioners": practitioners,
        "choice": choice,
        "table": table,
        **presenters.paging(table, page_link),
        "here": sub_url(page, "reschedule", {"t": token}),
    }


@signed_booking(tokens.read_manage_token)
def reschedule(
    request: HttpRequest, page: BookingPage, *, booking: Booking, token: str, **kwargs: Any
) -> HttpResponse:
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    manage_url = sub_url(page, "manage", {"t": token})
    if not services.cancellable_online(booking=booking, now=now, settings=rules):
        return HttpResponseRedirect(manage_url)
    practitioners = list(selectors.practitioners_for(booking.service))
    raw_slot = param(request, "slot", 40) or clean_param(request.POST.get("slot", ""), 40)
    if raw_slot:
        return _move_to(
            request,
            page,
            booking=booking,
            token=token,
            raw_slot=raw_slot,
            practitioners=practitioners,
            rules=rules,
            now=now,
        )
    context = _move_timetable(
        request,
        page,
        booking=booking,
        token=token,
        practitioners=practitioners,
        rules=rules,
        now=now,
    )
    context["manage_url"] = manage_url
    return render(request, page, "booking/reschedule.html", context, title="Move your appointment")
