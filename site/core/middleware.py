"""Site-wide response headers and request limits (see the "Response headers and request limits"
block in config/settings/base.py)."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.utils.cache import cc_delim_re

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)
PER_VISITOR_COOKIES = ("messages",)
PER_VISITOR_CACHE_CONTROL = {"private", "no-store"}


def is_admin_path(request) -> bool:
    return request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; admin paths get ADMIN_CONTENT_SECURITY_POLICY instead."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


class RequestBodyLimitMiddleware:
    """Refuse a public request whose body is over PUBLIC_MAX_REQUEST_BODY before anything reads it.

    The size comes from Content-Length. A body sent without one (chunked) would be dropped unread
    by Django, so it is refused with 411 rather than silently treated as empty. Admin paths are
    left alone: editors upload images and documents there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin_path(request):
            refused = self.refusal(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def refusal(self, request):
        length = request.META.get("CONTENT_LENGTH", "").strip()
        if not length:
            if request.META.get("HTTP_TRANSFER_ENCODING"):
                return self.page(request, 411, "Please send the form again from the page.")
            return None
        try:
            size = int(length)
        except ValueError:
            size = -1
        if size < 0:
            return self.page(request, 400, "The request could not be read.")
        if size > settings.PUBLIC_MAX_REQUEST_BODY:
            return self.page(
                request,
                413,
                "What you sent is larger than our forms accept. Our forms take text only, "
                "no files or photos: please shorten your message and send it again.",
            )
        return None

    @staticmethod
    def page(request, status, message):
        html = render_to_string(
            "request_refused.html", {"status": status, "message": message}, request
        )
        return HttpResponse(html, status=status)


def holds_nothing_per_visitor(request, response) -> bool:
    """True when the response can carry no secret of the visitor (BREACH; see 0009-compression).

    Refused: a body that holds a CSRF token; a request that carries a session, a message or
    credentials (the page may show what is theirs: a booking, a draft); a response that sets a
    cookie or changes the session; a response marked private or no-store.
    """
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # get_token() ran: the body holds a token
        return False
    cookies = (settings.SESSION_COOKIE_NAME, *PER_VISITOR_COOKIES)
    if "HTTP_AUTHORIZATION" in request.META or any(name in request.COOKIES for name in cookies):
        return False
    session = getattr(request, "session", None)
    if response.cookies or (session is not None and session.modified):
        return False
    cache_control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not cache_control & PER_VISITOR_CACHE_CONTROL


class CompressionMiddleware(GZipMiddleware):
    """gzip for text that is the same for every visitor (docs/decisions/0009-compression.md).

    Django's GZipMiddleware also pads each body with up to 100 random bytes (a BREACH
    mitigation). It sits inside the page cache, so a cached page is stored compressed per
    accepted encoding and a hit costs no compression.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        if not holds_nothing_per_visitor(request, response):
            return response
        return super().process_response(request, response)
