"""Remove a user's authenticator and recovery codes (lost phone and lost codes): at the next
sign-in they set two-factor authentication up again."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.two_factor.services import two_factor_reset


class Command(BaseCommand):
    help = "Remove a user's two-factor devices so they set it up again at the next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = two_factor_reset(user=user)
        self.stdout.write(f"Removed {removed} two-factor device(s) of {username}.")
