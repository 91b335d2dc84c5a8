"""Calendar files (.ics) and add-to-calendar links for a booking."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import icalendar

PRODID = "-//Practice website//Booking//EN"


def event_text(booking, practice_name: str) -> tuple[str, str]:
    title = f"{booking.service_name} at {practice_name}"
    details = (
        f"With {booking.practitioner.name}. Reference {booking.reference}. "
        f"Total {booking.total} {booking.currency}, paid at the clinic."
    )
    return title, details


def build_ics(
    *,
    booking,
    tz,
    practice_name: str,
    location: str = "",
    manage_url: str = "",
    uid_domain: str = "booking.local",
    cancelled: bool = False,
) -> str:
    """An iCalendar file with the appointment in the practice's zone (TZID + VTIMEZONE)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")
    title, details = event_text(booking, practice_name)
    if manage_url:
        details += f"\n\nTo cancel or move it: {manage_url}"
    event = icalendar.Event()
    event.add("uid", f"{booking.reference}@{uid_domain}")
    event.add("sequence", booking.sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", booking.start.astimezone(tz))
    event.add("dtend", booking.end.astimezone(tz))
    event.add("summary", title)
    event.add("description", details)
    if location:
        event.add("location", location)
    if manage_url:
        event.add("url", manage_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    cal.add_component(event)
    start = booking.start.astimezone(tz).date()
    cal.add_missing_timezones(
        first_date=start - timedelta(days=366), last_date=start + timedelta(days=366)
    )
    return cal.to_ical().decode()


def _utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(*, booking, practice_name: str, location: str = "") -> dict[str, str]:
    """Links that open the patient's calendar with the event filled in (nothing loads until
    the patient clicks them)."""
    title, details = event_text(booking, practice_name)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": f"{_utc_stamp(booking.start)}/{_utc_stamp(booking.end)}",
            "details": details,
            "location": location,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": title,
            "startdt": booking.start.astimezone(UTC).isoformat(),
            "enddt": booking.end.astimezone(UTC).isoformat(),
            "body": details,
            "location": location,
        }
    )
    return {"google": google, "outlook": outlook}
