from typing import Any

from django.conf import settings
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page


@hooks.register("before_serve_page")
def refuse_excluded_page_types(
    page: Page, request: HttpRequest, serve_args: Any, serve_kwargs: Any
) -> None:
    """Booking steps (and any type in PAGE_CACHE_EXCLUDED_PAGE_TYPES) are never stored."""
    if page._meta.label_lower in settings.PAGE_CACHE_EXCLUDED_PAGE_TYPES:
        request.page_cache_refused = True  # type: ignore[attr-defined]
