from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app may contribute demo content in its own demo.py (see core.demo).
        autodiscover_modules("demo")
