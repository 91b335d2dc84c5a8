"""Calendar files (.ics) and add-to-calendar links for a booking, and the practitioners' own
calendars: the feed their phone subscribes to and the file in the staff e-mails. What staff
calendars hold is the service and the patient's first name only (never notes or intake), since
phones show them on lock screens and sync them to other companies' servers."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

import icalendar
from django.conf import settings as django_settings

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


def uid_domain() -> str:
    """The domain in event UIDs: the site's first allowed host."""
    domain = (getattr(django_settings, "ALLOWED_HOSTS", None) or ["booking.local"])[0]
    return domain if domain not in ("*", "") else "booking.local"


# --- the practitioners' calendars ---------------------------------------------------------------

FEED_REFRESH = timedelta(minutes=15)


def first_name(full_name: str) -> str:
    names = (full_name or "").split()
    return names[0] if names else "Patient"


def staff_event(
    booking, *, tz, uid_domain: str, stamp: datetime, cancelled: bool = False
) -> icalendar.Event:
    """One appointment as staff calendars show it: "Treatment: Ana" and the reference."""
    event = icalendar.Event()
    event.add("uid", f"{booking.reference}@{uid_domain}")
    event.add("sequence", booking.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", booking.start.astimezone(tz))
    event.add("dtend", booking.end.astimezone(tz))
    event.add("summary", f"{booking.service_name}: {first_name(booking.patient_name)}")
    event.add("description", f"Reference {booking.reference}.")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _staff_calendar(events: list[icalendar.Event], *, days: Iterable[date]) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for event in events:
        cal.add_component(event)
    days = sorted(days)
    if days:
        cal.add_missing_timezones(first_date=days[0], last_date=days[-1])
    return cal


def build_staff_ics(
    *, booking, tz, uid_domain: str = "booking.local", cancelled: bool = False
) -> str:
    """The file attached to the practice's e-mail about a booking, new, moved or cancelled."""
    event = staff_event(
        booking, tz=tz, uid_domain=uid_domain, stamp=datetime.now(UTC), cancelled=cancelled
    )
    day = booking.start.astimezone(tz).date()
    cal = _staff_calendar([event], days=[day - timedelta(days=1), day + timedelta(days=1)])
    cal.add("method", "CANCEL" if cancelled else "PUBLISH")
    return cal.to_ical().decode()


def build_feed(
    *, bookings: Iterable, tz, calendar_name: str, uid_domain: str, now: datetime
) -> str:
    """A practitioner's subscribed calendar: their confirmed appointments."""
    bookings = list(bookings)
    events = [staff_event(b, tz=tz, uid_domain=uid_domain, stamp=now) for b in bookings]
    today = now.astimezone(tz).date()
    days = [today, *(b.start.astimezone(tz).date() for b in bookings)]
    cal = _staff_calendar(events, days=days)
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name)
    cal.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", FEED_REFRESH)
    return cal.to_ical().decode()
