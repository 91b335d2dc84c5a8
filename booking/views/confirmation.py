"""Step 4 and 5 of the booking flow, reached through the short-lived signed link: review and
confirm the hold, the confirmation page, and its calendar file."""

from datetime import datetime
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from booking import presenters, selectors, services, tokens
from booking.forms import AcceptPolicyForm, PromoForm
from booking.models import Booking, BookingPage, BookingSettings, Status
from booking.promo import FIRST_VISIT_BOOKED
from booking.selectors.patients import intake_offered
from booking.views.common import problem, render, signed_booking, slot_unavailable, sub_url


def _hold_released(
    request: HttpRequest, page: BookingPage, error: services.BookingError, times_url: str
) -> HttpResponse:
    return problem(
        request,
        page,
        title="This time was let go",
        message=error.message,
        status=409,
        link=times_url,
        link_label="See the available times",
    )


def _closed(request: HttpRequest, page: BookingPage, message: str) -> HttpResponse:
    return problem(request, page, title="This booking is closed", message=message, status=410)


def _review_action(
    request: HttpRequest,
    page: BookingPage,
    *,
    booking: Booking,
    token: str,
    rules: BookingSettings,
    now: datetime,
) -> HttpResponse | tuple[Form, Form, str, int]:
    """Do what the review form asked: a redirect, or what to show again (the code form, the
    policy form, a notice and the status). Refusals of the services become the notice or a
    problem page. Confirming needs the cancellation policy accepted."""
    times_url = sub_url(page, "choose_time", {"service": booking.service.slug})
    review_url = sub_url(page, "review", {"t": token})
    action = request.POST.get("action", "")
    promo_form: Form = PromoForm()
    accept_form: Form = AcceptPolicyForm()
    try:
        if action == "confirm":
            accept_form = AcceptPolicyForm(request.POST)
            if not accept_form.is_valid():
                return promo_form, accept_form, "", 400
            services.booking_confirm(booking=booking, now=now, settings=rules)
            return HttpResponseRedirect(sub_url(page, "done", {"t": token}))
        if action == "apply_code":
            promo_form = PromoForm(request.POST)
            if not promo_form.is_valid():
                return promo_form, accept_form, "", 400
            code = promo_form.cleaned_data["promo_code"]
            services.booking_apply_promo(booking=booking, code=code, now=now)
            return HttpResponseRedirect(review_url)
        if action == "remove_code":
            services.booking_apply_promo(booking=booking, code="", now=now)
            return HttpResponseRedirect(review_url)
        if action == "release":
            services.booking_release(booking=booking)
            return HttpResponseRedirect(times_url)
        return promo_form, accept_form, "Please use one of the buttons below.", 400
    except services.HoldReleased as error:
        return _hold_released(request, page, error, times_url)
    except services.PriceChanged as error:
        return promo_form, accept_form, error.message, 409
    except services.SlotUnavailable as error:
        return slot_unavailable(request, page, message=error.message, times_url=times_url)
    except services.BookingError as error:
        return promo_form, accept_form, error.message, 400


@signed_booking(tokens.read_access_token)
def review(
    request: HttpRequest, page: BookingPage, *, booking: Booking, token: str, **kwargs: Any
) -> HttpResponse:
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    if booking.status == Status.CONFIRMED:
        return HttpResponseRedirect(sub_url(page, "done", {"t": token}))
    if booking.status not in (Status.HELD, Status.EXPIRED):
        return _closed(request, page, "This booking was cancelled. Please start again.")
    if booking.released and request.method != "POST":
        times_url = sub_url(page, "choose_time", {"service": booking.service.slug})
        return _hold_released(request, page, services.HoldReleased(), times_url)
    promo_form: Form = PromoForm()
    accept_form: Form = AcceptPolicyForm()
    notice, status = "", 200
    if request.method == "POST":
        outcome = _review_action(request, page, booking=booking, token=token, rules=rules, now=now)
        if isinstance(outcome, HttpResponse):
            return outcome
        promo_form, accept_form, notice, status = outcome
        booking.refresh_from_db()
    first = (
        selectors.first_appointment(patient=booking.patient, now=now, exclude_booking_id=booking.pk)
        if booking.promo_attempt_reason == FIRST_VISIT_BOOKED
        else None
    )
    context = presenters.review_context(
        booking=booking,
        rules=rules,
        now=now,
        promo_form=promo_form,
        accept_form=accept_form,
        notice=notice,
        first_appointment=first.start if first else None,
    )
    return render(
        request,
        page,
        "booking/review.html",
        context,
        status=status,
        step=3,
        title="Review and confirm",
    )


@signed_booking(tokens.read_access_token)
def done(
    request: HttpRequest, page: BookingPage, *, booking: Booking, token: str, **kwargs: Any
) -> HttpResponse:
    if booking.status != Status.CONFIRMED:
        if booking.status in (Status.HELD, Status.EXPIRED):
            return HttpResponseRedirect(sub_url(page, "review", {"t": token}))
        return _closed(
            request, page, "This appointment has been cancelled or has already taken place."
        )
    rules = selectors.booking_settings(request=request)
    context = presenters.done_context(
        booking=booking,
        rules=rules,
        practice=selectors.practice_details(rules.site if rules.site_id else None),
        ics_url=sub_url(page, "calendar_file", {"t": token}),
        manage_url=sub_url(page, "manage", {"t": tokens.manage_token(booking.reference)}),
        can_change=services.cancellable_online(booking=booking, now=timezone.now(), settings=rules),
    )
    if intake_offered(booking=booking, site=page.get_site()):
        context["intake_url"] = sub_url(
            page, "intake", {"t": tokens.intake_token(booking.reference)}
        )
    return render(
        request, page, "booking/done.html", context, step=4, title="Your appointment is booked"
    )


@signed_booking(tokens.read_access_token)
def calendar_file(
    request: HttpRequest, page: BookingPage, *, booking: Booking, token: str, **kwargs: Any
) -> HttpResponse:
    if booking.status != Status.CONFIRMED:
        return problem(
            request,
            page,
            title="No calendar file",
            message="Only confirmed appointments have a calendar file.",
            status=404,
        )
    rules = selectors.booking_settings(request=request)
    manage_url = sub_url(page, "manage", {"t": tokens.manage_token(booking.reference)})
    body = presenters.calendar_file(
        booking=booking,
        rules=rules,
        practice=selectors.practice_details(rules.site if rules.site_id else None),
        manage_url=request.build_absolute_uri(manage_url),
        host=request.get_host(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{booking.reference}.ics"'
    return response
