"""The patient sends the intake form; the e-mails link to it while it is not filled in."""

from datetime import datetime
from urllib.parse import urlencode

from django.db import transaction

from booking import selectors, tokens
from booking.models import Booking, BookingSettings, IntakeResponse, Status
from booking.selectors.patients import intake_offered
from booking.services.errors import BookingError
from booking.services.guards import now_or


def intake_submit(
    *, booking: Booking, answers: list[dict[str, str]], now: datetime | None = None
) -> IntakeResponse:
    """Store the answers with the booking; sending again replaces them. Only for a confirmed
    appointment that has not started."""
    now = now_or(now)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != Status.CONFIRMED or booking.start <= now:
            raise BookingError(
                "This appointment is no longer open for the form. Please bring your answers "
                "with you instead."
            )
        response, _ = IntakeResponse.objects.update_or_create(
            booking=booking, defaults={"answers": answers, "submitted_at": now}
        )
    return response


def intake_url(booking: Booking) -> str:
    """The signed link to the intake form, absolute, for the e-mails."""
    page = selectors.booking_page()
    if page is None:
        return ""
    base = page.get_full_url() or ""
    query = urlencode({"t": tokens.intake_token(booking.reference)})
    return f"{base.rstrip('/')}/{page.reverse_subpage('intake')}?{query}"


def intake_email_link(booking: Booking, rules: BookingSettings) -> str:
    """The link for a patient's e-mail while the form is offered and not filled in, else ''."""
    if booking.status != Status.CONFIRMED:
        return ""
    if not intake_offered(booking=booking, site=rules.site if rules.site_id else None):
        return ""
    return intake_url(booking)
