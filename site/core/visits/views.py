"""The beacon the page-count script posts to. It answers 204 (counted, or a robot not counted),
400 for a request it cannot read and 429 past the rate limit; never a page, never a cookie."""

import re

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.visits import services
from core.visits.models import KINDS

# Crawlers and link previews that run scripts are not readers.
ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|lighthouse", re.I)
PAGE_ID = re.compile(r"[1-9][0-9]{0,9}")


def _answer(status: int) -> HttpResponse:
    response = HttpResponse(status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # nothing to protect: a count, no session, no cookie
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    page_id, kind = request.GET.get("p", ""), request.GET.get("k", "view")
    if not isinstance(page_id, str) or not PAGE_ID.fullmatch(page_id) or kind not in KINDS:
        return _answer(400)
    if ROBOTS.search(request.META.get("HTTP_USER_AGENT", "")[:400]):
        return _answer(204)
    if services.page_count_rate_limited(request=request):
        return _answer(429)
    services.page_count_add(page_id=int(page_id), kind=kind)
    return _answer(204)
