from django.core.management.base import BaseCommand
from django.db import transaction

from core.apps import discover_demo_modules
from core.demo_kit import STEPS, DemoContext


class Command(BaseCommand):
    help = "Build the demo practice (idempotent: running it again creates no duplicates)."

    def handle(self, *args, **options):
        discover_demo_modules()
        ctx = DemoContext(out=lambda msg: self.stdout.write(f"  {msg}"))
        for order, name, step in sorted(STEPS, key=lambda s: (s[0], s[1])):
            self.stdout.write(f"[{order:>3}] {name}")
            with transaction.atomic():
                step(ctx)
        self.stdout.write(self.style.SUCCESS("Demo practice ready."))
