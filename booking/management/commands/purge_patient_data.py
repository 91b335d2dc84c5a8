from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from booking.services import patients_purge


class Command(BaseCommand):
    help = (
        "Anonymise patients with no appointment for PATIENT_RETENTION_YEARS years (default 7): "
        "name, e-mail, phone, notes, intake answers and e-mails go; times and money stay. Safe "
        "to run as often as you like: anonymised patients are never picked again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--years", type=int, default=None, help="Override PATIENT_RETENTION_YEARS."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list who would be anonymised."
        )

    def handle(self, *args, **options) -> None:
        years = options["years"] or getattr(settings, "PATIENT_RETENTION_YEARS", 7)
        if years < 1:
            raise CommandError("--years must be at least 1.")
        dry_run = options["dry_run"]
        done = patients_purge(years=years, dry_run=dry_run)
        verb = "would anonymise" if dry_run else "anonymised"
        for item in done:
            last = item.last_appointment.date().isoformat() if item.last_appointment else "never"
            self.stdout.write(f"{verb} patient #{item.patient_number} (last appointment: {last})")
        self.stdout.write(
            f"{len(done)} patient(s) {verb}; no appointment for {years} years"
            + (" (dry run: nothing changed)" if dry_run else "")
        )
