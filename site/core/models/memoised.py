"""What every page type reads on each request, kept per page-cache generation.

The site a page belongs to, its SEO settings, the child a URL segment names and the page's view
restrictions depend only on the page tree, the sites and the settings, all of which purge the
page cache when they change, so they are built once per generation (core.page_cache.memo).
Outside a memoised request (the admin, a POST, a test with PAGE_MEMO_ENABLED off) each is
Wagtail's own behaviour.
"""

import copy
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.utils.functional import cached_property
from wagtail.models import Page, Site
from wagtailseo.models import SeoSettings

from core.page_cache import memo

if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase
else:
    _PageBase = object


class MemoisedPageMixin(_PageBase):
    """Mixed into BasePage, before SeoMixin and Page."""

    # wagtail-seo looks the site and its settings up again for every tag it prints; these
    # per-instance caches keep a page render to one lookup each.
    def get_site(self) -> Any:
        if not hasattr(self, "_site_cache"):
            url_parts = self.get_url_parts()
            self._site_cache = (
                memo.memoised(("site-id", url_parts[0]), lambda: Site.objects.get(id=url_parts[0]))
                if url_parts
                else None
            )
        return self._site_cache

    @cached_property
    def seo_org_fields(self) -> Any:
        return memo.site_setting(SeoSettings, self.get_site())

    # Routing and the privacy check cost four queries a page; both depend only on the page tree
    # and its restrictions, which purge the page cache when they change (core.page_cache.memo).
    def route(self, request: Any, path_components: list[str]) -> Any:
        if not path_components or memo.current() is None:
            return super().route(request, path_components)
        slug, *remaining = path_components
        child = memo.memoised(("child", self.pk, slug), lambda: self._specific_child(slug))
        if child is None:
            raise Http404
        # Each request gets its own copy (views may set attributes on the page they serve), which
        # shares the related objects loaded so far: a page's image is read once per generation.
        served = copy.copy(child)
        served._state.fields_cache = child._state.fields_cache
        return served.route(request, remaining)

    def _specific_child(self, slug: str) -> Any:
        try:
            child = self.get_children().get(slug=slug)
        except Page.DoesNotExist:
            return None
        return child.specific

    def get_view_restrictions(self) -> Any:
        """A list while memoised (Wagtail's privacy check only iterates it), else a queryset."""
        if memo.current() is None:
            return super().get_view_restrictions()
        return memo.memoised(
            ("restrictions", self.pk),
            lambda: list(super(MemoisedPageMixin, self).get_view_restrictions()),
        )
