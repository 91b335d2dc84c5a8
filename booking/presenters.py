"""What the booking templates print, as plain values: the step bar, the appointment summary,
the timetable of free times, and the context of each step. Pure functions of the page, the
request and what selectors returned; no queries of their own and no HTTP answers."""

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.forms import Form
from django.http import HttpRequest
from django.urls import reverse

from booking import calendar, formatting, tokens
from booking.models import Booking, BookingPage, BookingSettings, Practitioner, Service, Status
from booking.promo import FIRST_VISIT_BOOKED, MESSAGES
from booking.selectors import ContentRow, Slot
from booking.timetable import DaySpan, Opening, Timetable

STEPS = ["Service", "Time", "Your details", "Review", "Confirmed"]
DETAIL_FIELDS = ("name", "email", "phone", "notes", "promo_code")


def page_context(
    request: HttpRequest,
    page: BookingPage,
    context: dict[str, Any],
    *,
    template: str,
    step: int | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """Every booking response keeps `page` in the context, so the SEO tags render. The steps
    count no page view; the first one may count a booking start (`page_count`)."""
    return {
        **page.get_context(request),
        "page_count": {},
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


def problem_context(*, title: str, message: str, link: str, link_label: str) -> dict[str, Any]:
    return {"problem_title": title, "message": message, "link": link, "link_label": link_label}


def summary(booking: Booking, tz: ZoneInfo) -> dict[str, Any]:
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


def timetable(
    *,
    found: Sequence[Slot],
    next_available: Any,
    span: DaySpan,
    tz: ZoneInfo,
    link_for: Callable[[Slot], str],
    anyone: bool,
    closed: Mapping[date, str] | None = None,
) -> Timetable:
    """The timetable of the slots found; with "anyone", each time says whose it is. Closed days
    say so, with the reason patients may see."""
    return Timetable.build(
        span=span,
        tz=tz,
        openings=[
            Opening(start=slot.start, practitioner=slot.practitioner.name, url=link_for(slot))
            for slot in found
        ],
        name_practitioner=anyone,
        next_available=next_available,
        closed=closed,
    )


def paging(table: Timetable, page_link: Callable[[Any], str]) -> dict[str, str]:
    return {
        "previous_url": page_link(table.previous_day),
        "next_url": page_link(table.next_day),
        "next_available_url": page_link(table.next_available),
    }


def services_context(
    *,
    services: Sequence[Service],
    practitioners: Sequence[Practitioner],
    selected: Service | None,
    practitioner: Practitioner | None = None,
) -> dict[str, Any]:
    return {
        "services": [
            {
                "service": s,
                "price": formatting.money(s.price),
                "selected": selected is not None and s.pk == selected.pk,
            }
            for s in services
        ],
        "practitioners": [
            {
                "practitioner": p,
                "offers": ", ".join(s.name for s in p.services.all() if s.active),
                "selected": practitioner is not None and p.pk == practitioner.pk,
            }
            for p in practitioners
        ],
        "selected": selected,
        "selected_practitioner": practitioner,
    }


def service_links(
    *, services: Sequence[Service], link_for: Callable[[Service], str]
) -> list[dict[str, str]]:
    """Services the patient may book instead, each with its price and the link to its times."""
    return [
        {
            "name": s.name,
            "detail": f"{s.duration_minutes} minutes, {formatting.money(s.price)}",
            "url": link_for(s),
        }
        for s in services
    ]


def details_context(
    *,
    form: Form,
    service: Service,
    practitioner: Practitioner,
    choice: str,
    slot: Slot,
    rules: BookingSettings,
    times_url: str,
) -> dict[str, Any]:
    tz = rules.zone
    return {
        "form": form,
        "fields": [form[name] for name in DETAIL_FIELDS],
        "service": service,
        "practitioner": practitioner,
        "choice": choice,
        "when": formatting.when(slot.start, tz),
        "end_time": formatting.time_label(slot.end.astimezone(tz)),
        "price": formatting.money(service.price),
        "times_url": times_url,
        "hold_minutes": rules.hold_minutes,
    }


def calendar_feed_path(practitioner: Practitioner) -> str:
    """The path of the practitioner's calendar feed, signed with its current version."""
    token = tokens.feed_token(practitioner.pk, practitioner.calendar_feed_version)
    return reverse("booking_practitioner_calendar", args=[token])


def next_free_entry(slot: Slot | None, tz: ZoneInfo) -> dict[str, str]:
    """What the "Next free" line needs of a slot, as plain values that can be cached ({} when
    there is no free time): the slot's id, its start, the time as read and a first name."""
    if slot is None:
        return {}
    names = slot.practitioner.name.split()
    return {
        "slot": slot.slot_id,
        "start": slot.start.isoformat(),
        "when": formatting.short_when(slot.start, tz),
        "practitioner": names[0] if names else "",
    }


def next_free_payload(
    entry: Mapping[str, str], *, link_for: Callable[[str], str]
) -> dict[str, Any]:
    """The JSON of the "Next free" endpoint: the line to show and the link to that time's
    details step (made by `link_for(slot id)`), or available false when there is none."""
    if not entry:
        return {"available": False, "text": "", "url": ""}
    with_whom = f" with {entry['practitioner']}" if entry.get("practitioner") else ""
    return {
        "available": True,
        "text": f"Next free: {entry['when']}{with_whom}",
        "url": link_for(entry["slot"]),
        "start": entry["start"],
    }


def cancellation_policy(rules: BookingSettings) -> dict[str, Any]:
    """The practice's cancellation policy, as shown before booking (time list, review)."""
    return {
        "cutoff_hours": rules.cancel_cutoff_hours,
        "fee_text": rules.cancellation_fee_text.strip(),
        "no_show_text": rules.no_show_text.strip(),
    }


def promo_problem(booking: Booking, tz: ZoneInfo, first_appointment: datetime | None) -> str:
    """Why the code the patient tried does not apply, in words that are true for them."""
    if booking.promo_attempt_reason == FIRST_VISIT_BOOKED and first_appointment is not None:
        return (
            "This code is for first appointments only. You already have a first appointment "
            f"on {formatting.when(first_appointment, tz)}."
        )
    return MESSAGES.get(booking.promo_attempt_reason, "")


def review_context(
    *,
    booking: Booking,
    rules: BookingSettings,
    now: datetime,
    promo_form: Form,
    accept_form: Form,
    notice: str,
    first_appointment: datetime | None = None,
) -> dict[str, Any]:
    tz = rules.zone
    expires = booking.hold_expires_at
    held = booking.status == Status.HELD and expires is not None and expires > now
    return {
        "booking": booking,
        "summary": summary(booking, tz),
        "held": held,
        "hold_until": (
            f"{formatting.time_label(expires.astimezone(tz))} {expires.astimezone(tz).tzname()}"
        )
        if held and expires is not None
        else "",
        "promo_problem": promo_problem(booking, tz, first_appointment),
        "promo_form": promo_form,
        "accept_form": accept_form,
        "policy": cancellation_policy(rules),
        "notice": notice,
    }


def done_context(
    *,
    booking: Booking,
    rules: BookingSettings,
    practice: dict[str, str],
    ics_url: str,
    manage_url: str,
    can_change: bool,
) -> dict[str, Any]:
    """The confirmation page. Inside the cut-off (`can_change` false) it gives the practice's
    phone number instead of the link to cancel or move online."""
    return {
        "booking": booking,
        "summary": summary(booking, rules.zone),
        "ics_url": ics_url,
        "links": calendar.calendar_links(
            booking=booking, practice_name=practice["name"], location=practice["address"]
        ),
        "manage_url": manage_url,
        "can_change": can_change,
        "cutoff_hours": rules.cancel_cutoff_hours,
        "phone": practice["phone"],
    }


def calendar_file(
    *,
    booking: Booking,
    rules: BookingSettings,
    practice: dict[str, str],
    manage_url: str,
    host: str,
) -> str:
    """The .ics of a confirmed appointment, as downloaded from the confirmation page."""
    return calendar.build_ics(
        booking=booking,
        tz=rules.zone,
        practice_name=practice["name"],
        location=practice["address"],
        manage_url=manage_url,
        uid_domain=host.split(":")[0] or "booking.local",
    )


def manage_context(
    *, booking: Booking, rules: BookingSettings, now: datetime, can_change: bool, phone: str
) -> dict[str, Any]:
    return {
        "booking": booking,
        "summary": summary(booking, rules.zone),
        "can_change": can_change,
        "cutoff_hours": rules.cancel_cutoff_hours,
        "phone": phone,
        "is_past": booking.start <= now,
    }


def cancel_confirm_context(
    *, booking: Booking, rules: BookingSettings, back_url: str
) -> dict[str, Any]:
    return {
        "booking": booking,
        "summary": summary(booking, rules.zone),
        "back_url": back_url,
    }


def move_confirm_context(
    *, booking: Booking, slot: Slot, tz: ZoneInfo, slot_id: str, back_url: str
) -> dict[str, Any]:
    return {
        "booking": booking,
        "summary": summary(booking, tz),
        "new_when": formatting.when(slot.start, tz),
        "new_practitioner": slot.practitioner.name,
        "slot_id": slot_id,
        "back_url": back_url,
    }


# --- "Content that books" ----------------------------------------------------------------------

REPORT_COLUMNS = [
    ("title", "Page"),
    ("kind", "Type"),
    ("views", "Views"),
    ("starts", "Booking starts"),
    ("bookings", "Bookings"),
    ("codes_used", "Promo codes used"),
]
REPORT_SORTS = {key for key, _ in REPORT_COLUMNS}
DEFAULT_SORT = "-bookings"


def report_sort(value: str) -> str:
    """A sort the report knows ("views", "-bookings", ...), or the default."""
    return value if value.lstrip("-") in REPORT_SORTS else DEFAULT_SORT


def report_rows(rows: list[ContentRow], *, sort: str) -> list[ContentRow]:
    """Sorted by the column asked for; ties by bookings, starts, views, then title."""
    key = sort.lstrip("-")
    ordered = sorted(
        rows, key=lambda r: (-r.bookings, -r.starts, -r.views, r.title.lower(), r.page_id)
    )
    if key in ("title", "kind"):
        return sorted(ordered, key=lambda r: str(getattr(r, key)).lower(), reverse=sort[0] == "-")
    return sorted(ordered, key=lambda r: int(getattr(r, key)), reverse=sort[0] == "-")


def report_table(
    rows: list[ContentRow], *, sort: str, sort_url: Callable[[str], str]
) -> dict[str, Any]:
    """Headings with their sort links, the rows and the totals."""
    headings = []
    for key, label in REPORT_COLUMNS:
        current = sort.lstrip("-") == key
        descending = sort.startswith("-")
        headings.append(
            {
                "label": label,
                "url": sort_url(key if current and descending else f"-{key}"),
                "aria_sort": ("descending" if descending else "ascending") if current else "",
            }
        )
    totals = {
        "views": sum(r.views for r in rows),
        "starts": sum(r.starts for r in rows),
        "bookings": sum(r.bookings for r in rows),
        "codes_used": sum(r.codes_used for r in rows),
    }
    return {"headings": headings, "rows": rows, "totals": totals}


def report_csv_rows(rows: list[ContentRow]) -> list[list[str | int]]:
    header: list[str | int] = [*(label for _, label in REPORT_COLUMNS), "Codes"]
    body: list[list[str | int]] = [
        [r.title, r.kind, r.views, r.starts, r.bookings, r.codes_used, r.codes_label] for r in rows
    ]
    return [header, *body]
