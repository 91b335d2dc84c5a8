from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules
        from wagtail.signals import page_published

        from core.search_index import reindex_after_publish

        page_published.connect(reindex_after_publish, dispatch_uid="core-reindex-after-publish")

        # Each app may contribute demo content in its own demo.py (see core.demo).
        autodiscover_modules("demo")
