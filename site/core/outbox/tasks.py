"""The delivery task. It runs in the worker (`manage.py db_worker --backend email`), never in a
request; the e-mail backend alias is configured in settings.TASKS."""

from django.utils import timezone
from django_tasks import task

EMAIL_BACKEND_ALIAS = "email"


@task(backend=EMAIL_BACKEND_ALIAS)
def deliver_outbox_message(*, message_id: int) -> str:
    """Send one outbox e-mail. While it is not sent and not given up, queue this task again for
    when its back-off ends (or another sender's claim runs out)."""
    from core.outbox.models import OutboxMessage
    from core.outbox.services import outbox_send, schedule_delivery

    outbox_send(message_ids=[message_id])
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None:
        return "gone"
    if message.status in (OutboxMessage.State.SENT, OutboxMessage.State.GAVE_UP):
        return message.status
    waits = [t for t in (message.next_attempt_at, message.claimed_until) if t is not None]
    schedule_delivery(message_id=message_id, run_after=max(waits, default=timezone.now()))
    return message.status
