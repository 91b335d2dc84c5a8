from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "core.page_cache"
    label = "page_cache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from core.page_cache.memo import memoise_private_sections
        from core.page_cache.signals import connect

        connect()
        memoise_private_sections()
