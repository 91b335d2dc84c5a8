from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "core.visits"
    label = "visits"
    verbose_name = "Page counts"

    def ready(self) -> None:
        from core.visits.services import connect

        connect()
