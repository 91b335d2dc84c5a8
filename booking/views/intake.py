"""The health intake form, reached through the signed link on the confirmation page and in the
e-mails. Health data: the pages are never cached, never indexed, and send no Referer onward."""

from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from booking import intake as intake_form
from booking import services, tokens
from booking.models import Booking, BookingPage, IntakeSettings, Status
from booking.selectors.patients import intake_response, intake_settings
from booking.views.common import problem, render, signed_booking, sub_url
from core.private_links import private_link


def _closed(request: HttpRequest, page: BookingPage, booking: Booking) -> HttpResponse | None:
    if booking.status == Status.CONFIRMED and booking.start > timezone.now():
        return None
    return problem(
        request,
        page,
        title="This form is closed",
        message="This appointment has been cancelled or has already started, so the form is "
        "closed. If you still want to tell us something, please call us.",
        status=410,
        link=page.url,
        link_label="Book an appointment",
    )


def _page(
    request: HttpRequest,
    page: BookingPage,
    *,
    booking: Booking,
    settings: IntakeSettings,
    form: Form | None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "booking": booking,
        "intro": settings.intro,
        "form": form,
        "sent": form is None,
    }
    title = "Thank you" if form is None else "Before your visit"
    return render(request, page, "booking/intake.html", context, status=status, title=title)


@private_link
@signed_booking(tokens.read_intake_token)
def intake(
    request: HttpRequest, page: BookingPage, *, booking: Booking, token: str, **kwargs: Any
) -> HttpResponse:
    settings = intake_settings(site=page.get_site())
    if settings is None or not len(settings.questions):
        return problem(
            request,
            page,
            title="No form to fill in",
            message="We have no questions for you before your visit.",
            status=404,
        )
    closed = _closed(request, page, booking)
    if closed is not None:
        return closed
    form_class = intake_form.intake_form_class(
        (block.block_type, block.value) for block in settings.questions
    )
    if request.method != "POST":
        sent = intake_response(booking) is not None
        form = None if sent else form_class()
        return _page(request, page, booking=booking, settings=settings, form=form)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            services.intake_submit(booking=booking, answers=intake_form.answers_from(form))
        except services.BookingError as error:
            form.add_error(None, error.message)
        else:
            return HttpResponseRedirect(sub_url(page, "intake", {"t": token}))
    return _page(request, page, booking=booking, settings=settings, form=form, status=400)
