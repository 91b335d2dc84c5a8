"""The "Next free" endpoint: a small JSON answer that content pages fetch after they load, so
the pages themselves stay in the page cache (docs/decisions/0007-page-cache.md).

GET ?service=<slug>&promo=<code> → {"available", "text", "url", "start"}; the url is that time's
details step with the service and the code carried along. Bad parameters → 400 JSON.
"""

import re
from datetime import timedelta

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from booking import next_free_cache, presenters, selectors
from booking.promo import normalise_code
from booking.views.common import sub_url

SLUG = re.compile(r"[A-Za-z0-9_-]{1,80}")
CODE = re.compile(r"[A-Za-z0-9 _-]{0,40}")


def _bad(message: str, field: str) -> JsonResponse:
    return JsonResponse({"error": message, "field": field}, status=400)


def _answer(payload: dict[str, object], status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status)
    # Fresh from our own cache on every page view; never stored by the page cache or a browser.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def next_free(request: HttpRequest) -> JsonResponse:
    slug, promo = request.GET.get("service", ""), request.GET.get("promo", "")
    if not SLUG.fullmatch(slug):
        return _bad("Give the slug of a service.", "service")
    if not CODE.fullmatch(promo):
        return _bad("A promo code holds only letters, digits and dashes.", "promo")
    service = selectors.service_by_slug(slug)
    if service is None:
        return _bad("There is no service with that slug to book.", "service")
    page = selectors.booking_page()
    if page is None:
        return _answer(presenters.next_free_payload({}, link_for=str))
    generation, entry = next_free_cache.lookup(service.pk)
    if entry is None:
        rules = selectors.booking_settings(request=request)
        slot = selectors.next_free_slot(
            service=service,
            settings=rules,
            now=timezone.now(),
            ahead=timedelta(seconds=next_free_cache.SECONDS),
        )
        entry = presenters.next_free_entry(slot, rules.zone)
        next_free_cache.store(generation, service.pk, entry)
    code = normalise_code(promo)
    payload = presenters.next_free_payload(
        entry,
        link_for=lambda slot_id: sub_url(
            page,
            "details",
            {"service": service.slug, "practitioner": "any", "slot": slot_id, "promo": code},
        ),
    )
    return _answer(payload)
