"""A practitioner's calendar feed: the signed address their phone's calendar subscribes to.

A tampered or malformed address is 404; one staff have replaced (a new address was issued) or
of a practitioner no longer active is 410 Gone, which tells calendar apps to stop asking.
"""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from booking import calendar, selectors, tokens

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _refused(status: int) -> HttpResponse:
    message = (
        "This calendar address is not valid."
        if status == 404
        else ("This calendar address has been replaced. Ask the practice for the new one.")
    )
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def practitioner_calendar(request: HttpRequest, token: str) -> HttpResponse:
    try:
        practitioner_id, version = tokens.read_feed_token(token)
    except tokens.InvalidLink:
        return _refused(404)
    practitioner = selectors.feed_practitioner(practitioner_id=practitioner_id)
    if practitioner is None:
        return _refused(404)
    if practitioner.calendar_feed_version != version or not practitioner.active:
        return _refused(410)
    rules = selectors.booking_settings(request=request)
    now = timezone.now()
    body = calendar.build_feed(
        bookings=selectors.feed_appointments(practitioner=practitioner, now=now),
        tz=rules.zone,
        calendar_name=f"Appointments: {practitioner.name}",
        uid_domain=calendar.uid_domain(),
        now=now,
    )
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="appointments.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
