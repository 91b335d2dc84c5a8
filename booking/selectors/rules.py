"""Reads of the booking app: the practice's booking rules, the booking page and the practice's
contact details."""

from datetime import timedelta

from django.http import HttpRequest
from wagtail.models import Site

from booking import slots
from booking.models import (
    BookingPage,
    BookingSettings,
)
from core.models import SiteSettings


def booking_settings(
    *, request: HttpRequest | None = None, site: Site | None = None
) -> BookingSettings:
    # Wagtail's settings lookups are untyped: name the type they return.
    settings: BookingSettings
    if request is not None:
        settings = BookingSettings.for_request(request)
        return settings
    site = site or Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return BookingSettings(site=None)
    settings = BookingSettings.for_site(site)
    return settings


def slot_rules(settings: BookingSettings) -> slots.Rules:
    return slots.Rules(
        tz=settings.zone,
        step=timedelta(minutes=settings.slot_step_minutes),
        buffer=timedelta(minutes=settings.buffer_minutes),
        min_notice=timedelta(hours=settings.min_notice_hours),
        horizon=timedelta(days=settings.horizon_days),
    )


def booking_page() -> BookingPage | None:
    return BookingPage.objects.live().first()  # type: ignore[no-any-return]  # Wagtail's PageQuerySet is untyped


def practice_details(site: Site | None = None) -> dict[str, str]:
    """The practice's name, phone, e-mail and one-line address, from the site's settings."""
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
