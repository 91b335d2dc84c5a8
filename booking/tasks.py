"""Background work of the booking app, run through django-tasks after commit."""

from django_tasks import task


@task()
def send_outbox_messages(*, message_ids: list[int]) -> int:
    """Send the given outbox e-mails; failures stay in the outbox for `send_outbox`."""
    from booking.services import outbox_send

    sent, _failed = outbox_send(message_ids=message_ids)
    return sent
