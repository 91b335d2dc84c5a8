"""Writes of the core app. Each runs in a transaction; e-mail is written to the outbox inside it
and sent by the worker after commit."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from core.forms import HONEYPOT_FIELD
from core.outbox.services import outbox_enqueue


class RateLimited(Exception):
    """Too many submissions from one address."""


def contact_rate_limited(*, request: HttpRequest, increment: bool) -> bool:
    return bool(
        is_ratelimited(
            request,
            group="contact-form",
            key="ip",
            rate=settings.CONTACT_RATE_LIMIT,
            method="POST",
            increment=increment,
        )
    )


def contact_submit(*, page: Any, form: Any, request: HttpRequest) -> Any:
    """Store a contact-form submission and notify the practice after commit.

    Raises RateLimited when this address has sent too many messages recently.
    """
    if contact_rate_limited(request=request, increment=True):
        raise RateLimited
    form.cleaned_data.pop(HONEYPOT_FIELD, None)
    with transaction.atomic():
        submission = page.get_submission_class().objects.create(
            form_data=form.cleaned_data, page=page
        )
        if page.to_address:
            _queue_contact_notification(page=page, submission=submission)
    return submission


def _queue_contact_notification(*, page: Any, submission: Any) -> None:
    """The practice's copy of a contact message; replies go to the sender's address."""
    data = submission.get_data()
    lines: list[str] = []
    reply_to: list[str] = []
    for field in page.get_form_fields():
        value = data.get(field.clean_name, "")
        if isinstance(value, list):
            value = ", ".join(value)
        lines.append(f"{field.label}: {value}")
        if field.field_type == "email" and value and not reply_to:
            reply_to = [value]
    outbox_enqueue(
        kind="contact",
        to=page.to_address,
        subject=page.subject or f"New message from {page.title}",
        text="\n".join(lines),
        from_email=page.from_address or "",
        reply_to=reply_to,
    )
