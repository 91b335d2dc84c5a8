"""Pages behind a signed link that hold health data (the intake form, a home programme): never
cached anywhere, never indexed, and no Referer (which carries the token) to other sites."""

import functools
from collections.abc import Callable
from typing import Any, ParamSpec

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

# Not "no-referrer": browsers then send `Origin: null` with the page's own form POSTs, which
# Django's CSRF check refuses. "same-origin" sends a Referer to this site only.
REFERRER_POLICY = "same-origin"
ROBOTS = "noindex, nofollow"

P = ParamSpec("P")


def mark_private(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """No cache (the page cache, proxies and browsers), no indexing, no Referer elsewhere."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    request.page_cache_refused = True  # type: ignore[attr-defined]
    response["Referrer-Policy"] = REFERRER_POLICY
    response["X-Robots-Tag"] = ROBOTS
    return response


def private_link(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Decorate a view whose first argument is the request: every answer is private."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        request: Any = args[0]
        return mark_private(request, view(*args, **kwargs))

    return wrapper
