from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from wagtail.signals import page_published

        from core.forms import SiteSettingsForm
        from core.search_index import reindex_after_publish
        from core.selectors import offer_code_is_active

        page_published.connect(reindex_after_publish, dispatch_uid="core-reindex-after-publish")
        SiteSettingsForm.offer_code_is_active = offer_code_is_active


def discover_demo_modules() -> None:
    """Import each app's demo.py, which registers its steps of the demo practice (see
    core.demo_kit). Only the load_demo command calls this: web workers never import demo
    content."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("demo")
