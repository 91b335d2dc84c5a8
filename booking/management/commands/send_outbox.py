from django.core.management.base import BaseCommand

from booking.services import holds_expire, outbox_send


class Command(BaseCommand):
    help = (
        "Send booking e-mails waiting in the outbox and retry failed ones whose wait is over. "
        "Run it every few minutes from a scheduler; it also frees holds that ran out."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Retry failed e-mails at once, ignoring the wait."
        )

    def handle(self, *args, **options):
        expired = holds_expire()
        sent, failed = outbox_send(force=options["now"])
        self.stdout.write(f"sent {sent}, failed {failed}, expired holds {expired}")
