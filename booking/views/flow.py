"""Steps 1 to 3 of the booking flow: choose a service, choose a time, give your details (which
places the hold). Each takes (request, page, **kwargs) and returns a response."""

from datetime import date, datetime
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from booking import formatting, presenters, selectors, services, tokens
from booking.forms import DetailsForm
from booking.models import Booking, BookingPage, BookingSettings, Practitioner, Service
from booking.selectors import Slot
from booking.timetable import DaySpan
from booking.views.common import (
    SOURCE_PARAM,
    day_param,
    journey_source,
    link_notice,
    no_service,
    param,
    problem,
    promo_param,
    render,
    slot_unavailable,
    sub_url,
)
from core.forms import honeypot_tripped

SESSION_HOLDS = "booking_holds"
NEW_PATIENTS_ONLY = "new_patients_only"
RATE_LIMITED = (
    "Several bookings have been started from your connection in a short time. "
    "Please wait a little, or call us."
)


# --- step 1: service -----------------------------------------------------------------------


def choose_service(request: HttpRequest, page: BookingPage, **kwargs: Any) -> HttpResponse:
    services_list = list(selectors.bookable_services())
    practitioners = list(selectors.active_practitioners())
    wanted = param(request, "service")
    selected = next((s for s in services_list if s.slug == wanted), None)
    # "Book with <name>" on a profile: ?practitioner=<slug> pre-selects them (a slug we do
    # not know, or "any", selects nobody: everyone's times are shown).
    wanted_person = param(request, "practitioner")
    person = next((p for p in practitioners if p.slug == wanted_person), None)
    context = presenters.services_context(
        services=services_list,
        practitioners=practitioners,
        selected=selected,
        practitioner=person,
    )
    source = journey_source(request, page)
    context.update(
        {
            "promo": promo_param(request),
            "src": source.param,
            "page_count": source.count,
            "notice": link_notice(
                wanted, selected, "" if wanted_person == "any" else wanted_person, person
            ),
            "times_url": sub_url(page, "choose_time"),
        }
    )
    return render(request, page, "booking/booking_page.html", context, step=0)


def _times_query(
    request: HttpRequest, page: BookingPage, *, service: Service, choice: str, promo: str
) -> dict[str, str]:
    """What the links of the times step carry: the service, the practitioner asked for, the
    code, and the page the journey started from."""
    source = journey_source(request, page).param
    return {"service": service.slug, "practitioner": choice, "promo": promo, SOURCE_PARAM: source}


# --- step 2: time --------------------------------------------------------------------------


def _practitioner_choice(
    request: HttpRequest, practitioners: list[Practitioner]
) -> tuple[str, Practitioner | None, str]:
    """The practitioner asked for ("any" or a slug), the one found, and a notice if none was."""
    choice = param(request, "practitioner") or "any"
    chosen = next((p for p in practitioners if p.slug == choice), None)
    if choice != "any" and chosen is None:
        notice = "That practitioner does not offer this service; here are the times of everyone who does."
        return "any", None, notice
    return choice, chosen, ""


def choose_time(request: HttpRequest, page: BookingPage, **kwargs: Any) -> HttpResponse:
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    service = selectors.service_by_slug(param(request, "service"))
    if service is None:
        return no_service(request, page)
    practitioners = list(selectors.practitioners_for(service))
    choice, chosen, notice = _practitioner_choice(request, practitioners)
    promo = promo_param(request)
    source = journey_source(request, page)
    query = _times_query(request, page, service=service, choice=choice, promo=promo)
    span = DaySpan.starting(
        start_day=day_param(request), now=now, tz=rules.zone, horizon_days=rules.horizon_days
    )
    shown = [chosen] if chosen else practitioners
    found, next_available = selectors.timetable_slots(
        service=service,
        practitioners=shown,
        span=span,
        settings=rules,
        now=now,
        one_per_time=chosen is None,
    )
    table = presenters.timetable(
        found=found,
        next_available=next_available,
        span=span,
        tz=rules.zone,
        link_for=lambda slot: sub_url(page, "details", {**query, "slot": slot.slot_id}),
        anyone=chosen is None,
        closed=selectors.closed_days(practitioners=shown, span=span),
    )

    def page_link(day: date | None) -> str:
        return sub_url(page, "choose_time", {**query, "from": day.isoformat()}) if day else ""

    context = {
        "service": service,
        "service_price": formatting.money(service.price),
        "practitioners": practitioners,
        "choice": choice,
        "chosen": chosen,
        "promo": promo,
        "src": source.param,
        "page_count": source.count,
        "notice": notice,
        "table": table,
        **presenters.paging(table, page_link),
        "policy": presenters.cancellation_policy(rules),
        "times_url": sub_url(page, "choose_time"),
        "back_url": sub_url(page, "choose_service", {**query, "practitioner": ""}),
    }
    return render(
        request, page, "booking/times.html", context, step=1, title=f"Choose a time: {service.name}"
    )


# --- step 3: details (places the hold) -------------------------------------------------------


def _rate_limited(request: HttpRequest, increment: bool) -> bool:
    limited: bool = is_ratelimited(
        request,
        group="booking-details",
        key="ip",
        rate=django_settings.BOOKING_RATE_LIMIT,
        method="POST",
        increment=increment,
    )
    return limited


def _remember_hold(request: HttpRequest, booking: Booking) -> None:
    """Note the hold in the browser's session, so a second click on "Continue" finds it."""
    held = [r for r in request.session.get(SESSION_HOLDS, []) if isinstance(r, str)]
    request.session[SESSION_HOLDS] = [*held, booking.reference][-10:]


def _own_live_hold(
    request: HttpRequest,
    *,
    service: Service,
    practitioner: Practitioner,
    start: datetime,
    now: datetime,
) -> Booking | None:
    """The patient's own live hold on this time (a double click, or the form sent twice): one
    this session placed, or one with the same name, e-mail and phone. Only for a POST of the
    details form: opening the page again still says the time is taken."""
    if request.method != "POST":
        return None
    form = DetailsForm(request.POST)
    details = (
        {k: form.cleaned_data[k] for k in ("name", "email", "phone")} if form.is_valid() else {}
    )
    return selectors.own_live_hold(
        service=service,
        practitioner=practitioner,
        start=start,
        now=now,
        references=request.session.get(SESSION_HOLDS, []),
        **details,
    )


def _to_review(page: BookingPage, booking: Booking) -> HttpResponse:
    return HttpResponseRedirect(
        sub_url(page, "review", {"t": tokens.access_token(booking.reference)})
    )


def _taken(
    request: HttpRequest,
    page: BookingPage,
    *,
    service: Service,
    practitioner: Practitioner,
    start: datetime,
    now: datetime,
    message: str,
    times_url: str,
) -> HttpResponse:
    """The time is not free: the patient's own hold (sent twice) goes on to review, anyone
    else is told the time is not available."""
    own = _own_live_hold(request, service=service, practitioner=practitioner, start=start, now=now)
    if own is not None:
        return _to_review(page, own)
    return slot_unavailable(request, page, message=message, times_url=times_url)


def _hold_from_form(
    request: HttpRequest,
    page: BookingPage,
    form: DetailsForm,
    *,
    service: Service,
    slot: Slot,
    rules: BookingSettings,
    now: datetime,
    times_url: str,
) -> HttpResponse | int:
    """Place the hold from a valid form: a redirect (to review, or a problem page), or the
    status to render the form again with its error."""
    if _rate_limited(request, increment=True):
        form.add_error(None, RATE_LIMITED)
        return 429
    data = form.cleaned_data
    try:
        booking = services.booking_hold(
            service=service,
            practitioner=slot.practitioner,
            start=slot.start,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            notes=data["notes"],
            promo_code=data["promo_code"],
            consent=data["consent"],
            now=now,
            settings=rules,
            source_page_id=journey_source(request, page).page_id,
        )
    except services.SlotUnavailable as error:
        return _taken(
            request,
            page,
            service=service,
            practitioner=slot.practitioner,
            start=slot.start,
            now=now,
            message=error.message,
            times_url=times_url,
        )
    except services.NewPatientsOnly as error:
        form.add_error(None, ValidationError(error.message, code=NEW_PATIENTS_ONLY))
        return 400
    except services.BookingError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return 400
    _remember_hold(request, booking)
    return _to_review(page, booking)


def _details_post(
    request: HttpRequest,
    page: BookingPage,
    *,
    service: Service,
    slot: Slot,
    rules: BookingSettings,
    now: datetime,
    times_url: str,
) -> HttpResponse | tuple[DetailsForm, int]:
    """The details form sent: a redirect or problem page, or the form to show again with its
    status."""
    form = DetailsForm(request.POST)
    if honeypot_tripped(form):
        return problem(
            request,
            page,
            title="We could not take this booking",
            message="Please try again, or call us to book.",
            status=400,
        )
    if not form.is_valid():
        return form, 400
    outcome = _hold_from_form(
        request, page, form, service=service, slot=slot, rules=rules, now=now, times_url=times_url
    )
    return outcome if isinstance(outcome, HttpResponse) else (form, outcome)


def _chosen_slot(request: HttpRequest, service: Service) -> tuple[Practitioner, datetime] | None:
    decoded = selectors.decode_slot(param(request, "slot", 40))
    if decoded is None:
        return None
    practitioner = next(
        (p for p in selectors.practitioners_for(service) if p.pk == decoded[0]), None
    )
    return (practitioner, decoded[1]) if practitioner is not None else None


def _other_services(page: BookingPage, form: DetailsForm, promo: str) -> list[dict[str, str]]:
    """When a new-patients-only service was refused, the services the patient may book."""
    if not form.has_error(NON_FIELD_ERRORS, code=NEW_PATIENTS_ONLY):
        return []
    return presenters.service_links(
        services=list(selectors.bookable_services().filter(new_patients_only=False)),
        link_for=lambda s: sub_url(
            page, "choose_time", {"service": s.slug, "practitioner": "any", "promo": promo}
        ),
    )


def details(request: HttpRequest, page: BookingPage, **kwargs: Any) -> HttpResponse:
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    service = selectors.service_by_slug(param(request, "service"))
    choice = param(request, "practitioner") or "any"
    promo = promo_param(request)
    if service is None:
        return no_service(request, page)
    query = _times_query(request, page, service=service, choice=choice, promo=promo)
    times_url = sub_url(page, "choose_time", query)
    chosen = _chosen_slot(request, service)
    if chosen is None:
        return problem(
            request,
            page,
            title="Please choose a time",
            message="That is not one of the times we offer. Please choose a time from the list.",
            status=400,
            link=times_url,
            link_label="See the available times",
        )
    practitioner, start = chosen
    slot = selectors.slot_if_available(
        service=service, practitioner=practitioner, start=start, settings=rules, now=now
    )
    if slot is None:
        return _taken(
            request,
            page,
            service=service,
            practitioner=practitioner,
            start=start,
            now=now,
            message="Sorry, this time is no longer available (it may have just been booked, or "
            "it is too soon or too far ahead). Please choose another time.",
            times_url=times_url,
        )
    if request.method == "POST":
        outcome = _details_post(
            request, page, service=service, slot=slot, rules=rules, now=now, times_url=times_url
        )
        if isinstance(outcome, HttpResponse):
            return outcome
        form, status = outcome
    else:
        form, status = DetailsForm(initial={"promo_code": promo}), 200
    context = presenters.details_context(
        form=form,
        service=service,
        practitioner=practitioner,
        choice=choice,
        slot=slot,
        rules=rules,
        times_url=times_url,
    )
    context["other_services"] = _other_services(page, form, promo)
    context["page_count"] = journey_source(request, page).count
    return render(
        request, page, "booking/details.html", context, status=status, step=2, title="Your details"
    )
