"""What every page reads and only a purge changes, kept in each process between requests.

The site for a host name, the site settings, the main menu and a page's breadcrumbs cost a
query or more each on every page, yet change only when an editor saves something that purges
the page cache (core.page_cache.signals). So they are built once per page-cache *generation*:
`memoised(key, build)` returns the value built under the current generation, or builds it.

The generation is read once per request by `PageMemoMiddleware` (anonymous and signed-in GET
and HEAD requests outside the admin) and held in a context variable for that request. Outside
such a request (the admin, a POST, a management command, a test with PAGE_MEMO_ENABLED off)
nothing is memoised: `memoised` builds the value every time.

Values are shared by the threads of a process: callers treat them as read-only (the middleware
hands each request its own shallow copy of a settings row, which Wagtail annotates).
"""

import copy
import threading
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from wagtail.models import Site
from wagtail.query import PageQuerySet

from core.page_cache import store

T = TypeVar("T")

_generation: ContextVar[str | None] = ContextVar("page_memo_generation", default=None)
_values: dict[Hashable, tuple[str, Any]] = {}
_lock = threading.Lock()
# Far more than one site's menus, settings and breadcrumbs: a bound, not a working size.
MAX_ENTRIES = 5_000


def current() -> str | None:
    """The generation of the request being served, or None when nothing is memoised."""
    return _generation.get()


def memoised(key: Hashable, build: Callable[[], T]) -> T:
    generation = _generation.get()
    if generation is None:
        return build()
    found = _values.get(key)
    if found is not None and found[0] == generation:
        return found[1]
    value = build()
    with _lock:
        if len(_values) >= MAX_ENTRIES:
            stale = [k for k, (g, _) in _values.items() if g != generation]
            for k in stale or list(_values):
                del _values[k]
        _values[key] = (generation, value)
    return value


def site_for(request: HttpRequest) -> Site | None:
    host = request.get_host()
    return memoised(("site", host), lambda: Site._find_for_request(request))


def site_setting(model: type[T], site: Site | None) -> T:
    """`model.for_site(site)`, memoised: read-only."""
    if site is None:
        raise model.DoesNotExist(f"{model.__name__} does not exist for site None.")  # type: ignore[attr-defined]
    key = ("setting", model._meta.label_lower, site.pk)  # type: ignore[attr-defined]
    return memoised(key, lambda: model.for_site(site))  # type: ignore[attr-defined]


def memoise_private_sections() -> None:
    """Wagtail reads every view restriction each time a listing calls `.public()`; the private
    sections change only with a restriction, which purges (one query per generation instead)."""
    original = PageQuerySet.private_q
    if getattr(original, "memoised", False):
        return

    def private_q(self: PageQuerySet) -> Q:
        return memoised(("private-sections",), lambda: original(self))

    private_q.memoised = True  # type: ignore[attr-defined]
    PageQuerySet.private_q = private_q


def _preload(request: HttpRequest) -> None:
    """Hand Wagtail the memoised site and site settings through its own per-request caches."""
    site = site_for(request)
    request._wagtail_site = site  # type: ignore[attr-defined]
    if site is None:
        return
    for label in settings.PAGE_MEMO_SETTINGS:
        model = apps.get_model(label)
        row = copy.copy(site_setting(model, site))
        row._request = request
        setattr(request, model.get_cache_attr_name(), row)


class PageMemoMiddleware:
    """Start the request's memo generation (after the page cache: only for pages it builds)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (
            settings.PAGE_MEMO_ENABLED
            and request.method in ("GET", "HEAD")
            and not request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES))
        ):
            return self.get_response(request)
        token = _generation.set(store.current_generation())
        try:
            _preload(request)
            return self.get_response(request)
        finally:
            _generation.reset(token)
