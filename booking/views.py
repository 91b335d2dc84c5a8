"""The booking flow's steps, served as routes of BookingPage. Views stay thin: they read query
parameters, call selectors and services, and render. Every response keeps `page` in the context
(so the SEO tags render) and never returns 500 for bad input."""

import functools
from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings as django_settings
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from booking import calendar, formatting, selectors, services, slots, tokens
from booking.forms import DetailsForm, PromoForm
from booking.models import Booking, Status
from core.forms import clean_param, honeypot_tripped

DAYS_PER_PAGE = 7
STEPS = ["Service", "Time", "Your details", "Review", "Confirmed"]


# --- helpers --------------------------------------------------------------------------------


def _render(request, page, template, context, status=200, step=None, title=None):
    context = {
        **page.get_context(request),
        **context,
        "page": page,
        "meta_title": title or page.title,
        "meta_description": page.search_description or "Book an in-person appointment.",
        "step_title": title or page.title,
        "steps": [{"number": i + 1, "label": s, "current": i == step} for i, s in enumerate(STEPS)]
        if step is not None
        else [],
        "noindex": template != "booking/booking_page.html",
    }
    return TemplateResponse(request, template, context, status=status)


def _problem(request, page, *, title, message, status, link=None, link_label="Start again"):
    return _render(
        request,
        page,
        "booking/problem.html",
        {
            "problem_title": title,
            "message": message,
            "link": link or page.url,
            "link_label": link_label,
        },
        status=status,
        title=title,
    )


def _token(request) -> str:
    value = request.GET.get("t", "")
    return value[:400] if isinstance(value, str) else ""


def _sub_url(page, name, query=None):
    url = page.url + page.reverse_subpage(name)
    if query:
        url += "?" + urlencode({k: v for k, v in query.items() if v})
    return url


def _clean_param(request, name, limit=80) -> str:
    return clean_param(request.GET.get(name, ""), limit)


def _promo_param(request) -> str:
    from booking.promo import normalise_code

    return normalise_code(_clean_param(request, "promo", 80))[:40]


def _practice(request):
    from core.models import SiteSettings

    return SiteSettings.for_request(request)


def _day_param(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _booking_from(token: str, reader):
    """The booking a signed token names, or an InvalidLink."""
    reference = reader(token)
    booking = (
        Booking.objects.select_related("practitioner", "service", "patient", "promo")
        .filter(reference=reference)
        .first()
    )
    if booking is None:
        raise tokens.InvalidLink
    return booking


def _slot_unavailable(request, page, *, message: str, times_url: str):
    """The time asked for cannot be booked (taken, stale or never offered): say so, 409."""
    return _problem(
        request,
        page,
        title="This time is not available",
        message=message,
        status=409,
        link=times_url,
        link_label="See the available times",
    )


def _signed_booking(reader):
    """For views reached through a signed link: pass the booking the link names (and the token)
    to the view, or refuse a tampered or expired link with a clear page."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, page):
            token = _token(request)
            try:
                booking = _booking_from(token, reader)
            except tokens.InvalidLink as error:
                return _invalid_link(request, page, error)
            return view(request, page, booking, token)

        return wrapper

    return decorate


def _invalid_link(request, page, error: tokens.InvalidLink):
    if error.expired:
        message = "This link has expired. Please start a new booking, or call us."
    else:
        message = (
            "This link is not valid. It may have been copied incompletely. Please use the link "
            "from your e-mail exactly as it is, or call us."
        )
    return _problem(request, page, title="This link does not work", message=message, status=400)


def _summary(booking, tz) -> dict:
    return {
        "service": booking.service_name,
        "practitioner": booking.practitioner.name,
        "when": formatting.when(booking.start, tz),
        "duration": booking.duration_minutes,
        "price": formatting.money(booking.price, booking.currency),
        "discount": formatting.discount(booking.discount, booking.currency)
        if booking.discount
        else "",
        "code": booking.promo_code_text,
        "total": formatting.money(booking.total, booking.currency),
    }


def _time_table(
    *,
    page,
    request,
    service,
    practitioners,
    chosen,
    start_day,
    rules,
    now,
    link_for,
    exclude_booking_id=None,
):
    """Slots for DAYS_PER_PAGE days, grouped by day, with paging and the next free day."""
    tz = rules.zone
    today = now.astimezone(tz).date()
    last = (now + timedelta(days=rules.horizon_days)).astimezone(tz).date()
    start_day = min(max(start_day or today, today), last)
    end_day = min(start_day + timedelta(days=DAYS_PER_PAGE - 1), last)
    pool = [chosen] if chosen else practitioners
    found = selectors.available_slots(
        service=service,
        practitioners=pool,
        first_day=start_day,
        last_day=end_day,
        settings=rules,
        now=now,
        exclude_booking_id=exclude_booking_id,
        one_per_time=chosen is None,
    )
    by_day = {}
    for slot in found:
        by_day.setdefault(slot.start.astimezone(tz).date(), []).append(slot)
    days = []
    day = start_day
    while day <= end_day:
        day_start, day_end = slots.local_day_bounds(day, tz)
        offsets_differ = (
            day_start.astimezone(tz).utcoffset()
            != (day_end - timedelta(seconds=1)).astimezone(tz).utcoffset()
        )
        entries = []
        for slot in by_day.get(day, []):
            local = slot.start.astimezone(tz)
            label = formatting.time_label(local)
            entries.append(
                {
                    "label": label,
                    "aria": f"{formatting.day_label(local)}, {label}"
                    + ("" if chosen else f", with {slot.practitioner.name}"),
                    "url": link_for(slot),
                    "practitioner": slot.practitioner.name,
                }
            )
        days.append(
            {
                "date": day,
                "label": formatting.day_label(day),
                "slots": entries,
                "dst_note": "Clocks change on this day; the times shown are already adjusted."
                if offsets_differ
                else "",
            }
        )
        day += timedelta(days=1)
    next_available = None
    if not found and end_day < last:
        later = selectors.available_slots(
            service=service,
            practitioners=pool,
            first_day=end_day + timedelta(days=1),
            last_day=last,
            settings=rules,
            now=now,
            exclude_booking_id=exclude_booking_id,
            one_per_time=chosen is None,
        )
        if later:
            next_available = later[0].start.astimezone(tz).date()
    return {
        "days": days,
        "has_slots": bool(found),
        "zone": formatting.zone_label(tz),
        "previous_day": start_day - timedelta(days=DAYS_PER_PAGE) if start_day > today else None,
        "next_day": end_day + timedelta(days=1) if end_day < last else None,
        "next_available": next_available,
        "next_available_label": formatting.day_label(next_available) if next_available else "",
        "range_label": f"{formatting.day_label(start_day)} to {formatting.day_label(end_day)}",
    }


# --- step 1: service -----------------------------------------------------------------------


def choose_service(request, page):
    services_list = list(selectors.bookable_services())
    wanted = _clean_param(request, "service")
    promo = _promo_param(request)
    selected = next((s for s in services_list if s.slug == wanted), None)
    from booking.models import Practitioner

    practitioners = list(
        Practitioner.objects.filter(active=True)
        .prefetch_related("services")
        .order_by("sort_order", "name")
    )
    notice = ""
    if wanted and selected is None:
        notice = "We could not find the service in your link; please choose one below."
    return _render(
        request,
        page,
        "booking/booking_page.html",
        {
            "services": [
                {
                    "service": s,
                    "price": formatting.money(s.price),
                    "selected": selected is not None and s.pk == selected.pk,
                }
                for s in services_list
            ],
            "practitioners": [
                {
                    "practitioner": p,
                    "offers": ", ".join(s.name for s in p.services.all() if s.active),
                }
                for p in practitioners
            ],
            "selected": selected,
            "promo": promo,
            "notice": notice,
            "times_url": _sub_url(page, "choose_time"),
        },
        step=0,
    )


# --- step 2: time --------------------------------------------------------------------------


def choose_time(request, page):
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    service = selectors.service_by_slug(_clean_param(request, "service"))
    if service is None:
        return _problem(
            request,
            page,
            title="Please choose a service",
            message="We could not find that service. Please choose one from the list.",
            status=404,
        )
    practitioners = list(selectors.practitioners_for(service))
    choice = _clean_param(request, "practitioner") or "any"
    chosen = next((p for p in practitioners if p.slug == choice), None)
    notice = ""
    if choice != "any" and chosen is None:
        notice = "That practitioner does not offer this service; here are the times of everyone who does."
        choice = "any"
    promo = _promo_param(request)

    def link_for(slot):
        return _sub_url(
            page,
            "details",
            {
                "service": service.slug,
                "practitioner": choice,
                "slot": slot.slot_id,
                "promo": promo,
            },
        )

    table = _time_table(
        page=page,
        request=request,
        service=service,
        practitioners=practitioners,
        chosen=chosen,
        start_day=_day_param(_clean_param(request, "from", 10)),
        rules=rules,
        now=now,
        link_for=link_for,
    )

    def page_link(day):
        if day is None:
            return ""
        return _sub_url(
            page,
            "choose_time",
            {
                "service": service.slug,
                "practitioner": choice,
                "promo": promo,
                "from": day.isoformat(),
            },
        )

    return _render(
        request,
        page,
        "booking/times.html",
        {
            "service": service,
            "service_price": formatting.money(service.price),
            "practitioners": practitioners,
            "choice": choice,
            "chosen": chosen,
            "promo": promo,
            "notice": notice,
            "table": table,
            "previous_url": page_link(table["previous_day"]),
            "next_url": page_link(table["next_day"]),
            "next_available_url": page_link(table["next_available"]),
            "times_url": _sub_url(page, "choose_time"),
            "back_url": _sub_url(page, "choose_service", {"service": service.slug, "promo": promo}),
        },
        step=1,
        title=f"Choose a time: {service.name}",
    )


# --- step 3: details (places the hold) -------------------------------------------------------


def _rate_limited(request, increment):
    return is_ratelimited(
        request,
        group="booking-details",
        key="ip",
        rate=django_settings.BOOKING_RATE_LIMIT,
        method="POST",
        increment=increment,
    )


SESSION_HOLDS = "booking_holds"


def _remember_hold(request, booking):
    """Note the hold in the browser's session, so a second click on "Continue" finds it."""
    held = [r for r in request.session.get(SESSION_HOLDS, []) if isinstance(r, str)]
    request.session[SESSION_HOLDS] = [*held, booking.reference][-10:]


def _own_live_hold(request, *, service, practitioner, start, now):
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


def _to_review(page, booking):
    return HttpResponseRedirect(
        _sub_url(page, "review", {"t": tokens.access_token(booking.reference)})
    )


def details(request, page):
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    service = selectors.service_by_slug(_clean_param(request, "service"))
    choice = _clean_param(request, "practitioner") or "any"
    promo = _promo_param(request)
    if service is None:
        return _problem(
            request,
            page,
            title="Please choose a service",
            message="We could not find that service. Please choose one from the list.",
            status=404,
        )
    times_url = _sub_url(
        page, "choose_time", {"service": service.slug, "practitioner": choice, "promo": promo}
    )
    decoded = selectors.decode_slot(_clean_param(request, "slot", 40))
    practitioner = None
    if decoded:
        practitioner = next(
            (p for p in selectors.practitioners_for(service) if p.pk == decoded[0]), None
        )
    if decoded is None or practitioner is None:
        return _problem(
            request,
            page,
            title="Please choose a time",
            message="That is not one of the times we offer. Please choose a time from the list.",
            status=400,
            link=times_url,
            link_label="See the available times",
        )
    slot = selectors.slot_if_available(
        service=service, practitioner=practitioner, start=decoded[1], settings=rules, now=now
    )
    if slot is None:
        own = _own_live_hold(
            request, service=service, practitioner=practitioner, start=decoded[1], now=now
        )
        if own is not None:
            return _to_review(page, own)
        return _slot_unavailable(
            request,
            page,
            message="Sorry, this time is no longer available (it may have just been booked, or "
            "it is too soon or too far ahead). Please choose another time.",
            times_url=times_url,
        )
    status = 200
    if request.method == "POST":
        form = DetailsForm(request.POST)
        if honeypot_tripped(form):
            return _problem(
                request,
                page,
                title="We could not take this booking",
                message="Please try again, or call us to book.",
                status=400,
            )
        if form.is_valid() and _rate_limited(request, increment=True):
            form.add_error(
                None,
                "Several bookings have been started from your connection in a short time. "
                "Please wait a little, or call us.",
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.booking_hold(
                    service=service,
                    practitioner=practitioner,
                    start=slot.start,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    notes=data["notes"],
                    promo_code=data["promo_code"],
                    consent=data["consent"],
                    now=now,
                    settings=rules,
                )
            except services.SlotUnavailable as error:
                own = _own_live_hold(
                    request, service=service, practitioner=practitioner, start=slot.start, now=now
                )
                if own is not None:
                    return _to_review(page, own)
                return _slot_unavailable(request, page, message=error.message, times_url=times_url)
            except services.BookingError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
                status = 400
            else:
                _remember_hold(request, booking)
                return _to_review(page, booking)
        else:
            status = 400
    else:
        form = DetailsForm(initial={"promo_code": promo})
    tz = rules.zone
    return _render(
        request,
        page,
        "booking/details.html",
        {
            "form": form,
            "fields": [form[name] for name in ("name", "email", "phone", "notes", "promo_code")],
            "service": service,
            "practitioner": practitioner,
            "choice": choice,
            "when": formatting.when(slot.start, tz),
            "end_time": formatting.time_label(slot.end.astimezone(tz)),
            "price": formatting.money(service.price),
            "times_url": times_url,
            "hold_minutes": rules.hold_minutes,
        },
        status=status,
        step=2,
        title="Your details",
    )


# --- step 4: review and confirm --------------------------------------------------------------


def _hold_released(request, page, error, times_url):
    return _problem(
        request,
        page,
        title="This time was let go",
        message=error.message,
        status=409,
        link=times_url,
        link_label="See the available times",
    )


@_signed_booking(tokens.read_access_token)
def review(request, page, booking, token):
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    done_url = _sub_url(page, "done", {"t": token})
    times_url = _sub_url(page, "choose_time", {"service": booking.service.slug})
    if booking.status == Status.CONFIRMED:
        return HttpResponseRedirect(done_url)
    if booking.status not in (Status.HELD, Status.EXPIRED):
        return _problem(
            request,
            page,
            title="This booking is closed",
            message="This booking was cancelled. Please start again.",
            status=410,
        )
    if booking.released and request.method != "POST":
        return _hold_released(request, page, services.HoldReleased(), times_url)
    notice, status = "", 200
    promo_form = PromoForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "confirm":
                services.booking_confirm(booking=booking, now=now, settings=rules)
                return HttpResponseRedirect(done_url)
            if action == "apply_code":
                promo_form = PromoForm(request.POST)
                if promo_form.is_valid():
                    services.booking_apply_promo(
                        booking=booking, code=promo_form.cleaned_data["promo_code"], now=now
                    )
                    return HttpResponseRedirect(_sub_url(page, "review", {"t": token}))
                status = 400
            elif action == "remove_code":
                services.booking_apply_promo(booking=booking, code="", now=now)
                return HttpResponseRedirect(_sub_url(page, "review", {"t": token}))
            elif action == "release":
                services.booking_release(booking=booking)
                return HttpResponseRedirect(times_url)
            else:
                notice, status = "Please use one of the buttons below.", 400
        except services.HoldReleased as error:
            return _hold_released(request, page, error, times_url)
        except services.PriceChanged as error:
            notice, status = error.message, 409
        except services.SlotUnavailable as error:
            return _slot_unavailable(request, page, message=error.message, times_url=times_url)
        except services.BookingError as error:
            notice, status = error.message, 400
        booking.refresh_from_db()
    tz = rules.zone
    from booking.promo import MESSAGES

    held = booking.status == Status.HELD and booking.hold_expires_at > now
    return _render(
        request,
        page,
        "booking/review.html",
        {
            "booking": booking,
            "summary": _summary(booking, tz),
            "held": held,
            "hold_until": (
                f"{formatting.time_label(booking.hold_expires_at.astimezone(tz))} "
                f"{booking.hold_expires_at.astimezone(tz).tzname()}"
            )
            if held
            else "",
            "promo_problem": MESSAGES.get(booking.promo_attempt_reason, ""),
            "promo_form": promo_form,
            "notice": notice,
        },
        status=status,
        step=3,
        title="Review and confirm",
    )


@_signed_booking(tokens.read_access_token)
def done(request, page, booking, token):
    if booking.status != Status.CONFIRMED:
        if booking.status in (Status.HELD, Status.EXPIRED):
            return HttpResponseRedirect(_sub_url(page, "review", {"t": token}))
        return _problem(
            request,
            page,
            title="This booking is closed",
            message="This appointment has been cancelled or has already taken place.",
            status=410,
        )
    rules = selectors.booking_settings(request=request)
    practice = selectors.practice_details(rules.site if rules.site_id else None)
    return _render(
        request,
        page,
        "booking/done.html",
        {
            "booking": booking,
            "summary": _summary(booking, rules.zone),
            "ics_url": _sub_url(page, "calendar_file", {"t": token}),
            "links": calendar.calendar_links(
                booking=booking, practice_name=practice["name"], location=practice["address"]
            ),
            "manage_url": _sub_url(page, "manage", {"t": tokens.manage_token(booking.reference)}),
        },
        step=4,
        title="Your appointment is booked",
    )


@_signed_booking(tokens.read_access_token)
def calendar_file(request, page, booking, token):
    if booking.status != Status.CONFIRMED:
        return _problem(
            request,
            page,
            title="No calendar file",
            message="Only confirmed appointments have a calendar file.",
            status=404,
        )
    rules = selectors.booking_settings(request=request)
    practice = selectors.practice_details(rules.site if rules.site_id else None)
    body = calendar.build_ics(
        booking=booking,
        tz=rules.zone,
        practice_name=practice["name"],
        location=practice["address"],
        manage_url=request.build_absolute_uri(
            _sub_url(page, "manage", {"t": tokens.manage_token(booking.reference)})
        ),
        uid_domain=request.get_host().split(":")[0] or "booking.local",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{booking.reference}.ics"'
    return response


# --- the e-mailed link: cancel or move ---------------------------------------------------------


def _manage_context(booking, rules, now, request):
    practice = _practice(request)
    return {
        "booking": booking,
        "summary": _summary(booking, rules.zone),
        "can_change": services.cancellable_online(booking=booking, now=now, settings=rules),
        "cutoff_hours": rules.cancel_cutoff_hours,
        "phone": practice.phone,
        "is_past": booking.start <= now,
    }


@_signed_booking(tokens.read_manage_token)
def manage(request, page, booking, token):
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    notice, status = "", 200
    if request.method == "POST":
        if request.POST.get("action") != "cancel":
            notice, status = "Please use one of the buttons below.", 400
        else:
            try:
                services.booking_cancel(booking=booking, by="patient", now=now, settings=rules)
                return HttpResponseRedirect(_sub_url(page, "manage", {"t": token}))
            except services.BookingError as error:
                notice, status = error.message, 409
        booking.refresh_from_db()
    context = _manage_context(booking, rules, now, request)
    context.update(
        {
            "notice": notice,
            "moved": request.GET.get("moved") == "1",
            "promo_note": _clean_param(request, "note", 200) if request.GET.get("moved") else "",
            "move_url": _sub_url(page, "reschedule", {"t": token}),
        }
    )
    return _render(
        request, page, "booking/manage.html", context, status=status, title="Your appointment"
    )


@_signed_booking(tokens.read_manage_token)
def reschedule(request, page, booking, token):
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    manage_url = _sub_url(page, "manage", {"t": token})
    if not services.cancellable_online(booking=booking, now=now, settings=rules):
        return HttpResponseRedirect(manage_url)
    service = booking.service
    practitioners = list(selectors.practitioners_for(service))
    choice = _clean_param(request, "practitioner") or booking.practitioner.slug
    chosen = next((p for p in practitioners if p.slug == choice), None)
    if chosen is None:
        choice = "any"
    here = _sub_url(page, "reschedule", {"t": token})

    def here_with(**query):
        return _sub_url(page, "reschedule", {"t": token, **query})

    raw_slot = _clean_param(request, "slot", 40) or clean_param(request.POST.get("slot", ""), 40)
    tz = rules.zone
    if raw_slot:
        decoded = selectors.decode_slot(raw_slot)
        target = next((p for p in practitioners if decoded and p.pk == decoded[0]), None)
        slot = (
            selectors.slot_if_available(
                service=service,
                practitioner=target,
                start=decoded[1],
                settings=rules,
                now=now,
                exclude_booking_id=booking.pk,
            )
            if target
            else None
        )
        if slot is None:
            return _slot_unavailable(
                request,
                page,
                message="Sorry, that time is not available. Please choose another.",
                times_url=here,
            )
        if request.method == "POST":
            try:
                _booking, note = services.booking_reschedule(
                    booking=booking, practitioner=target, start=slot.start, now=now, settings=rules
                )
            except services.SlotUnavailable as error:
                return _slot_unavailable(request, page, message=error.message, times_url=here)
            except services.BookingError as error:
                return _problem(
                    request,
                    page,
                    title="This appointment cannot be moved",
                    message=error.message,
                    status=409,
                    link=manage_url,
                    link_label="Back to your appointment",
                )
            return HttpResponseRedirect(
                _sub_url(page, "manage", {"t": token, "moved": "1", "note": note})
            )
        return _render(
            request,
            page,
            "booking/reschedule_confirm.html",
            {
                "booking": booking,
                "summary": _summary(booking, tz),
                "new_when": formatting.when(slot.start, tz),
                "new_practitioner": target.name,
                "slot_id": raw_slot,
                "back_url": here,
            },
            title="Move your appointment",
        )

    def link_for(slot):
        return here_with(practitioner=choice, slot=slot.slot_id)

    table = _time_table(
        page=page,
        request=request,
        service=service,
        practitioners=practitioners,
        chosen=chosen,
        start_day=_day_param(_clean_param(request, "from", 10)),
        rules=rules,
        now=now,
        link_for=link_for,
        exclude_booking_id=booking.pk,
    )

    def page_link(day):
        return here_with(practitioner=choice, **{"from": day.isoformat()}) if day else ""

    return _render(
        request,
        page,
        "booking/reschedule.html",
        {
            "booking": booking,
            "summary": _summary(booking, tz),
            "service": service,
            "practitioners": practitioners,
            "choice": choice,
            "table": table,
            "previous_url": page_link(table["previous_day"]),
            "next_url": page_link(table["next_day"]),
            "next_available_url": page_link(table["next_available"]),
            "here": here,
            "manage_url": manage_url,
        },
        title="Move your appointment",
    )
