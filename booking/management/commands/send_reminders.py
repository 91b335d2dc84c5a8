from django.core.management.base import BaseCommand

from booking.services import outbox_send, reminders_send


class Command(BaseCommand):
    help = (
        "Send one reminder e-mail per confirmed appointment starting within the reminder lead "
        "time (booking rules). Safe to run as often as you like: nobody is reminded twice."
    )

    def handle(self, *args, **options):
        queued = reminders_send()
        sent, failed = outbox_send()
        self.stdout.write(f"reminders queued {queued}; e-mails sent {sent}, failed {failed}")
