from django.core.management.base import BaseCommand

from core.outbox.services import outbox_send


class Command(BaseCommand):
    help = (
        "Catch-up for the e-mail outbox: send every e-mail that is due (new ones the worker has "
        "not taken, failed ones whose back-off is over). The worker does this on its own; run "
        "this from a scheduler every few minutes as a safety net. Safe beside running workers: "
        "each e-mail is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Retry failed e-mails at once, ignoring the wait."
        )

    def handle(self, *args, **options):
        sent, failed = outbox_send(force=options["now"])
        self.stdout.write(f"sent {sent}, failed {failed}")
