from django.apps import AppConfig


class HomecareConfig(AppConfig):
    name = "homecare"
    verbose_name = "Home programmes"
