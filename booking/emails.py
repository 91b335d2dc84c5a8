"""The booking e-mails: each is written to the site's outbox (text, HTML and, for the patient, a
calendar file) inside the booking's transaction; the worker sends it after commit."""

from urllib.parse import urlencode

from django.conf import settings as django_settings
from django.template.loader import render_to_string

from booking import calendar, formatting, selectors, tokens
from booking.models import BookingSettings
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


def practice_details(site=None) -> dict:
    from wagtail.models import Site

    from core.models import SiteSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    practice = SiteSettings.for_site(site) if site else None
    name = getattr(practice, "practice_name", "") or "the practice"
    address = ", ".join(getattr(practice, "address_lines", []) or [])
    return {
        "name": name,
        "phone": getattr(practice, "phone", ""),
        "email": getattr(practice, "email", ""),
        "address": address,
    }


def manage_url(booking) -> str:
    page = selectors.booking_page()
    if page is None:
        return ""
    base = page.get_full_url() or ""
    query = urlencode({"t": tokens.manage_token(booking.reference)})
    return f"{base.rstrip('/')}/{page.reverse_subpage('manage')}?{query}"


def booking_context(booking, rules: BookingSettings, practice: dict) -> dict:
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
    }


def queue(*, booking, kind: str, rules: BookingSettings) -> OutboxMessage | None:
    """Write one e-mail about a booking to the outbox; None when it has no recipient."""
    practice = practice_details(rules.site if rules.site_id else None)
    to = booking.patient.email if kind in PATIENT_KINDS else rules.staff_email or practice["email"]
    if not to:
        return None
    context = booking_context(booking, rules, practice)
    subject = SUBJECTS[kind].format(
        when=context["when"],
        reference=booking.reference,
        service=booking.service_name,
        practitioner=booking.practitioner.name,
    )
    ics = ""
    if kind in ICS_KINDS:
        domain = (getattr(django_settings, "ALLOWED_HOSTS", None) or ["booking.local"])[0]
        ics = calendar.build_ics(
            booking=booking,
            tz=rules.zone,
            practice_name=practice["name"],
            location=practice["address"],
            manage_url=context["manage_url"] if kind != "cancelled" else "",
            uid_domain=domain if domain not in ("*", "") else "booking.local",
            cancelled=kind == "cancelled",
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
