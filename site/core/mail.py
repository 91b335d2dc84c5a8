"""The sender of every e-mail the site sends: the practice's name from its settings.

`settings.DEFAULT_FROM_EMAIL` is a lazy string built by `lazy_from_email()`: Django reads it when a
message is built, so the display name follows the practice settings at send time, and every
sender (booking, blog, contact form, an outbox) gets it without passing `from_email`.
"""

from __future__ import annotations

import logging
from email.utils import formataddr, parseaddr

from django.utils.functional import lazy

logger = logging.getLogger(__name__)


def practice_name(site=None) -> str:
    """The practice name of `site` (default: the default site), or '' when none is set."""
    from django.db import DatabaseError
    from wagtail.models import Site

    from core.models import SiteSettings

    try:
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return ""
        return SiteSettings.for_site(site).practice_name.strip()
    except DatabaseError:  # e-mail about a broken database must still leave
        logger.warning("Practice settings unreadable; e-mail keeps the configured sender name.")
        return ""


def practice_from_email(configured: str, site=None) -> str:
    """'Cedar & Tide <noreply@cedarandtide.example>': the practice name with the address of
    `configured` (DEFAULT_FROM_EMAIL from the environment). Falls back to `configured`."""
    fallback_name, address = parseaddr(configured)
    if not address:
        return configured
    name = practice_name(site) or fallback_name
    return formataddr((name, address)) if name else address


def lazy_from_email(configured: str):
    """A string that becomes `practice_from_email(configured)` each time it is read."""
    return lazy(practice_from_email, str)(configured)
