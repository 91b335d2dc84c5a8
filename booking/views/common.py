"""What every step of the booking flow shares: rendering with the page in the context, problem
pages, query parameters, and the signed links (review, confirmation, manage)."""

import functools
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from booking import presenters, selectors, tokens
from booking.models import Booking, BookingPage
from booking.promo import normalise_code
from core.forms import clean_param

View = Callable[..., HttpResponse]


def render(
    request: HttpRequest,
    page: BookingPage,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    step: int | None = None,
    title: str | None = None,
) -> HttpResponse:
    context = presenters.page_context(
        request, page, context, template=template, step=step, title=title
    )
    return TemplateResponse(request, template, context, status=status)


def problem(
    request: HttpRequest,
    page: BookingPage,
    *,
    title: str,
    message: str,
    status: int,
    link: str | None = None,
    link_label: str = "Start again",
) -> HttpResponse:
    context = presenters.problem_context(
        title=title, message=message, link=link or page.url, link_label=link_label
    )
    return render(request, page, "booking/problem.html", context, status=status, title=title)


def no_service(request: HttpRequest, page: BookingPage) -> HttpResponse:
    return problem(
        request,
        page,
        title="Please choose a service",
        message="We could not find that service. Please choose one from the list.",
        status=404,
    )


def slot_unavailable(
    request: HttpRequest, page: BookingPage, *, message: str, times_url: str
) -> HttpResponse:
    """The time asked for cannot be booked (taken, stale or never offered): say so, 409."""
    return problem(
        request,
        page,
        title="This time is not available",
        message=message,
        status=409,
        link=times_url,
        link_label="See the available times",
    )


def sub_url(page: BookingPage, name: str, query: Mapping[str, str] | None = None) -> str:
    url: str = page.url + page.reverse_subpage(name)
    if query:
        url += "?" + urlencode({k: v for k, v in query.items() if v})
    return url


def param(request: HttpRequest, name: str, limit: int = 80) -> str:
    return clean_param(request.GET.get(name, ""), limit)


def promo_param(request: HttpRequest) -> str:
    return normalise_code(param(request, "promo", 80))[:40]


def day_param(request: HttpRequest) -> date | None:
    value = param(request, "from", 10)
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _token(request: HttpRequest) -> str:
    value = request.GET.get("t", "")
    return value[:400] if isinstance(value, str) else ""


def _invalid_link(
    request: HttpRequest, page: BookingPage, error: tokens.InvalidLink
) -> HttpResponse:
    if error.expired:
        message = "This link has expired. Please start a new booking, or call us."
    else:
        message = (
            "This link is not valid. It may have been copied incompletely. Please use the link "
            "from your e-mail exactly as it is, or call us."
        )
    return problem(request, page, title="This link does not work", message=message, status=400)


def signed_booking(reader: Callable[[str], str]) -> Callable[[View], View]:
    """For views reached through a signed link: pass the booking the link names (and the token)
    to the view, or refuse a tampered or expired link with a clear page."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, page: BookingPage, **kwargs: Any) -> HttpResponse:
            token = _token(request)
            try:
                booking = _booking_from(token, reader)
            except tokens.InvalidLink as error:
                return _invalid_link(request, page, error)
            return view(request, page, booking=booking, token=token, **kwargs)

        return wrapper

    return decorate


def _booking_from(token: str, reader: Callable[[str], str]) -> Booking:
    """The booking a signed token names, or an InvalidLink."""
    booking = selectors.booking_by_reference(reader(token))
    if booking is None:
        raise tokens.InvalidLink
    return booking
