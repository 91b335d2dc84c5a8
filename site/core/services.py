"""Writes of the core app. Each runs in a transaction; e-mail leaves after commit via a task."""

from django.db import transaction
from django_ratelimit.core import is_ratelimited

from core.forms import HONEYPOT_FIELD
from core.tasks import send_contact_notification


class RateLimited(Exception):
    """Too many submissions from one address."""


def contact_rate_limited(*, request, increment: bool) -> bool:
    from django.conf import settings

    return is_ratelimited(
        request,
        group="contact-form",
        key="ip",
        rate=settings.CONTACT_RATE_LIMIT,
        method="POST",
        increment=increment,
    )


def contact_submit(*, page, form, request):
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
            transaction.on_commit(
                lambda: send_contact_notification.enqueue(submission_id=submission.pk)
            )
    return submission
