"""The booking e-mails, the side effect of the journey: each is written to the site's outbox
(text, HTML and, for the patient, a calendar file) inside the booking's transaction; the worker
sends it after commit."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.template.loader import render_to_string

from booking import calendar, formatting, selectors, tokens
from booking.models import Booking, BookingSettings
from booking.services.guards import cancellable_online, now_or
from booking.services.intake import intake_email_link
from core.outbox.models import OutboxMessage
from core.outbox.services import outbox_enqueue

SUBJECTS = {
    "confirmation": "Your appointment is booked: {when}",
    "staff_new": "New booking {reference}: {service} with {practitioner}",
    "reminder": "Reminder: your appointment {when}",
    "cancelled": "Your appointment on {when} is cancelled",
    "staff_cancelled": "Cancelled {reference}: {service} on {when}",
    "rescheduled": "Your appointment has moved to {when}",
    "staff_rescheduled": "Moved {reference}: {service} now {when}",
}
PATIENT_KINDS = {"confirmation", "reminder", "cancelled", "rescheduled"}
ICS_KINDS = {"confirmation", "reminder", "rescheduled", "cancelled"}
# The practice's e-mails carry the staff calendar's version: the service and a first name only.
STAFF_ICS_KINDS = {"staff_new", "staff_rescheduled", "staff_cancelled"}


def manage_url(booking: Booking) -> str:
    """The signed link in the e-mails to cancel or move the appointment."""
    page = selectors.booking_page()
    if page is None:
        return ""
    base = page.get_full_url() or ""
    query = urlencode({"t": tokens.manage_token(booking.reference)})
    return f"{base.rstrip('/')}/{page.reverse_subpage('manage')}?{query}"


def email_context(
    booking: Booking, rules: BookingSettings, practice: dict[str, str], now: datetime
) -> dict[str, Any]:
    """What the e-mail templates print. Inside the cut-off (`can_change` false) they give the
    practice's phone number instead of the link to cancel or move online."""
    tz = rules.zone
    return {
        "booking": booking,
        "practice": practice,
        "when": formatting.when(booking.start, tz),
        "end_time": formatting.time_label(booking.end.astimezone(tz)),
        "price": formatting.money(booking.price, booking.currency),
        "discount": formatting.discount(booking.discount, booking.currency),
        "total": formatting.money(booking.total, booking.currency),
        "manage_url": manage_url(booking),
        "cutoff_hours": rules.cancel_cutoff_hours,
        "can_change": cancellable_online(booking=booking, now=now, settings=rules),
        # The intake form while it is not filled in; its answers never go in an e-mail.
        "intake_url": intake_email_link(booking, rules),
    }


def _calendar_file(
    *, booking: Booking, kind: str, rules: BookingSettings, practice: dict[str, str], link: str
) -> str:
    if kind in STAFF_ICS_KINDS:
        return calendar.build_staff_ics(
            booking=booking,
            tz=rules.zone,
            uid_domain=calendar.uid_domain(),
            cancelled=kind == "staff_cancelled",
        )
    if kind not in ICS_KINDS:
        return ""
    return calendar.build_ics(
        booking=booking,
        tz=rules.zone,
        practice_name=practice["name"],
        location=practice["address"],
        manage_url=link if kind != "cancelled" else "",
        uid_domain=calendar.uid_domain(),
        cancelled=kind == "cancelled",
    )


def email_enqueue(
    *, booking: Booking, kind: str, rules: BookingSettings, now: datetime | None = None
) -> OutboxMessage | None:
    """Write one e-mail about a booking to the outbox; None when it has no recipient."""
    practice = selectors.practice_details(rules.site if rules.site_id else None)
    to = booking.patient.email if kind in PATIENT_KINDS else rules.staff_email or practice["email"]
    if not to:
        return None
    context = email_context(booking, rules, practice, now_or(now))
    subject = SUBJECTS[kind].format(
        when=context["when"],
        reference=booking.reference,
        service=booking.service_name,
        practitioner=booking.practitioner.name,
    )
    ics = _calendar_file(
        booking=booking, kind=kind, rules=rules, practice=practice, link=context["manage_url"]
    )
    return outbox_enqueue(
        kind=kind,
        reference=booking.reference,
        to=to,
        subject=subject,
        text=render_to_string(f"booking/email/{kind}.txt", context),
        html=render_to_string(f"booking/email/{kind}.html", context),
        attachment=(
            (f"appointment-{booking.reference}.ics", ics, "text/calendar; charset=utf-8")
            if ics
            else None
        ),
    )


def emails_enqueue(
    *,
    booking: Booking,
    kinds: Iterable[str],
    rules: BookingSettings,
    now: datetime | None = None,
) -> None:
    """Write the e-mails of one booking action (the patient's and the practice's) to the outbox."""
    for kind in kinds:
        email_enqueue(booking=booking, kind=kind, rules=rules, now=now)
