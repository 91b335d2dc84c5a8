from django.apps import AppConfig

from core.cards import register_home_child


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self) -> None:
        from booking import signals

        register_home_child("booking.BookingPage")
        signals.connect()
