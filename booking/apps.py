from django.apps import AppConfig

from core.cards import register_home_child


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self) -> None:
        register_home_child("booking.BookingPage")
