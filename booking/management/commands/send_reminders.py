from django.core.management.base import BaseCommand

from booking.services import holds_expire, reminders_send
from core.outbox.services import outbox_send


class Command(BaseCommand):
    help = (
        "Send one reminder e-mail per confirmed appointment starting within the reminder lead "
        "time (booking rules), and free holds that ran out. Safe to run as often as you like: "
        "nobody is reminded twice."
    )

    def handle(self, *args, **options) -> None:
        expired = holds_expire()
        queued = reminders_send()
        # The worker sends them too; sending here as well keeps reminders going without it.
        sent, failed = outbox_send()
        self.stdout.write(
            f"reminders queued {queued}; e-mails sent {sent}, failed {failed}; "
            f"expired holds {expired}"
        )
