from django.apps import AppConfig

from core.cards import register_home_child


class BookingConfig(AppConfig):
    name = "booking"

    def ready(self) -> None:
        from booking import signals
        from booking.team import person_offers
        from core.page_cache import register_shown_models
        from core.team import register_offers

        register_home_child("booking.BookingPage")
        signals.connect()
        # The team page and the profiles show who can be booked for what.
        register_offers(person_offers)
        register_shown_models("booking.Practitioner", "booking.Service")
