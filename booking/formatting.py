"""How dates, times and money read to patients: 'Monday 9 March 2026', '9:30 am', '$120.00'."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.numbers import format_currency
from django.conf import settings
from django.utils.translation import to_locale

MINUS = "\u2212"


def money(amount: Decimal, currency: str | None = None) -> str:
    """The amount in `currency` (default: settings.PRACTICE_CURRENCY) as the site's language
    writes it: CAD in en-ca is '$120.00', USD 'US$120.00', EUR '€120.00'."""
    code = (currency or getattr(settings, "PRACTICE_CURRENCY", "") or "CAD").upper()
    return format_currency(Decimal(amount), code, locale=to_locale(settings.LANGUAGE_CODE))


def discount(amount: Decimal, currency: str | None = None) -> str:
    return f"{MINUS}{money(amount, currency)}"


def day_label(value) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def time_label(value: datetime) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}:{value:%M} {suffix}"


def short_when(value: datetime, tz: ZoneInfo) -> str:
    """'Tue 1 Dec, 8:00 am' in the practice's zone: a time in a line of text."""
    local = value.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b}, {time_label(local)}"


def zone_label(tz: ZoneInfo) -> str:
    """'Vancouver time (America/Vancouver)'."""
    city = tz.key.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time ({tz.key})"


def when(value: datetime, tz: ZoneInfo) -> str:
    """'Monday 9 March 2026 at 9:30 am PDT' in the practice's zone."""
    local = value.astimezone(tz)
    return f"{day_label(local)} at {time_label(local)} {local.tzname()}"
