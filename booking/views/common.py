"""What every step of the booking flow shares: rendering with the page in the context, problem
pages, query parameters, and the signed links (review, confirmation, manage)."""

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from booking import presenters, selectors, tokens
from booking.models import Booking, BookingPage, Practitioner, Service
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


# The page a journey started from. Content links carry it as `from=<page id>` (core.links); the
# steps carry it on as `src`, because `from` also names the first day on the times step.
ENTRY_PARAM, SOURCE_PARAM = "from", "src"
PAGE_ID = re.compile(r"[1-9][0-9]{0,9}")
REFERER_PATH = re.compile(r"/[\w\-./]{0,300}")


@dataclass(frozen=True)
class Source:
    page_id: int | None = None
    starts: bool = False  # this request opened the flow from that page: count one start

    @property
    def param(self) -> str:
        return str(self.page_id) if self.page_id else ""

    @property
    def count(self) -> dict[str, Any]:
        """What the page-count script sends (core_tags.page_count): a start, or nothing."""
        return {"kind": "start", "page": self.page_id} if self.starts and self.page_id else {}


def _page_id(request: HttpRequest, name: str) -> int | None:
    value = param(request, name, 10)
    return int(value) if PAGE_ID.fullmatch(value) else None


def _referer_path(request: HttpRequest, page: BookingPage) -> str:
    """The path of the same-site page the browser came from, unless it is a booking step."""
    referer = request.META.get("HTTP_REFERER", "")[:400]
    try:
        parts = urlsplit(referer)
        same_site = parts.netloc == request.get_host()
    except ValueError:
        return ""
    if not same_site or not REFERER_PATH.fullmatch(parts.path):
        return ""
    return "" if parts.path.startswith(page.url or "/") else parts.path


def _find_source(request: HttpRequest, page: BookingPage) -> Source:
    carried = _page_id(request, SOURCE_PARAM)
    if carried is not None:
        return Source(selectors.source_page_id(page_id=carried, booking_page_id=page.pk))
    entry = _page_id(request, ENTRY_PARAM)
    if entry is not None:
        found = selectors.source_page_id(page_id=entry, booking_page_id=page.pk)
        return Source(found, starts=found is not None)
    path = _referer_path(request, page)
    if not path:
        return Source()
    site = Site.find_for_request(request)
    found = selectors.source_page_at(path=path, site=site, booking_page_id=page.pk)
    return Source(found, starts=found is not None)


def journey_source(request: HttpRequest, page: BookingPage) -> Source:
    """Where this booking journey started: the page id carried along (`src`), the content
    link's `from`, or the same-site Referer's page; only a live page other than the booking
    page. Nothing about the visitor is read but that address. Worked out once per request."""
    found: Source | None = getattr(request, "_booking_source", None)
    if found is None:
        found = _find_source(request, page)
        request._booking_source = found  # type: ignore[attr-defined]
    return found


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


def link_notice(
    wanted_service: str, service: Service | None, wanted_person: str, person: Practitioner | None
) -> str:
    """What to say when a link names a service or a practitioner we cannot offer."""
    if wanted_service and service is None:
        return "We could not find the service in your link; please choose one below."
    if wanted_person and person is None:
        return "We could not find the practitioner in your link; please choose below."
    return ""
