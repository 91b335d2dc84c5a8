"""Serve anonymous GET and HEAD requests from the page cache; store the pages that may be shared.

It sits after the authentication middlewares (so it knows who is asking) and after the
Content-Security-Policy middleware in the response order (so each answer, cached or not, gets a
fresh policy header). A cached page never carries a nonce: responses that used one are not
stored (docs/decisions/0007-page-cache.md).

A request is looked up only if it is GET or HEAD, outside PAGE_CACHE_EXCLUDED_PATHS, from a
visitor who is not signed in, with no pending messages and no Authorization header.
A response is stored only if it answers such a GET with 200, sets no cookie, is not marked
private or no-cache/no-store, varies on nothing but Cookie and Accept-Encoding, used no CSP
nonce, and its page type is not in PAGE_CACHE_EXCLUDED_PAGE_TYPES (booking steps, signed links).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

from core.page_cache import store

SHAREABLE_VARY = {"cookie", "accept-encoding"}
REFUSED_CACHE_CONTROL = {"private", "no-cache", "no-store"}
MESSAGES_COOKIE = "messages"
MESSAGES_SESSION_KEY = "_messages"


def _is_anonymous(request: HttpRequest) -> bool:
    if "HTTP_AUTHORIZATION" in request.META or MESSAGES_COOKIE in request.COOKIES:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    # A session: an editor, or a visitor who booked or was sent a message. Reading it costs
    # one query, only for visitors who carry one.
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    return MESSAGES_SESSION_KEY not in request.session


def may_look_up(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS))
        and _is_anonymous(request)
    )


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "page_cache_refused", False) or response.cookies:
        return False
    if getattr(request, "_csp_nonce", None) is not None:
        return False
    cache_control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & REFUSED_CACHE_CONTROL:
        return False
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", ""))}
    return vary - {""} <= SHAREABLE_VARY


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_look_up(request):
            return self.get_response(request)
        # Forms on a page that may be shared are rendered without a CSRF token; a small script
        # fetches one (core.page_cache.views).
        request.page_cache_candidate = True  # type: ignore[attr-defined]
        key = store.entry_key(request)
        generation, cached = store.lookup(key)
        if cached is not None:
            cached[store.HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if may_store(request, response):
            store.store(key, generation, response)
            response[store.HEADER] = "miss"
        return response
