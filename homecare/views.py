"""The patient's pages behind the signed link: their programme, its printable handout, and the
"Done today" tick. No account: the link is the key. Health data: every answer is private (never
cached, never indexed, no Referer elsewhere), an ended link is a friendly page with the phone."""

from datetime import date, datetime

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from booking.selectors import booking_settings
from core.private_links import private_link
from homecare import presenters, ticks
from homecare.models import HomeProgramme
from homecare.selectors import LinkEnded, programme_for_link


def _token(request: HttpRequest) -> str:
    value = request.GET.get("t", "")
    return value if len(request.GET.getlist("t")) == 1 else ""


def _today(request: HttpRequest, now: datetime) -> date:
    return now.astimezone(booking_settings(request=request).zone).date()


def _ended(request: HttpRequest, reason: LinkEnded) -> HttpResponse:
    context, status = presenters.ended_context(reason)
    return TemplateResponse(request, "homecare/ended.html", context, status=status)


def _open(request: HttpRequest) -> tuple[HomeProgramme | LinkEnded, str, datetime]:
    token, now = _token(request), timezone.now()
    return programme_for_link(token=token, now=now), token, now


def _page(request: HttpRequest, build, template: str) -> HttpResponse:
    """The programme page or its handout, or the ended-link page."""
    found, token, now = _open(request)
    if isinstance(found, LinkEnded):
        return _ended(request, found)
    context = build(programme=found, token=token, today=_today(request, now), request=request)
    return TemplateResponse(request, template, context)


@private_link
@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    return _page(request, presenters.programme_context, "homecare/programme.html")


@private_link
@require_GET
def handout(request: HttpRequest) -> HttpResponse:
    return _page(request, presenters.handout_context, "homecare/handout.html")


@private_link
@require_POST
def tick(request: HttpRequest) -> HttpResponse:
    """Tick an item done today (done=1) or take it back (done=0), then back to the page (303)."""
    found, token, now = _open(request)
    if isinstance(found, LinkEnded):
        return _ended(request, found)
    done = request.POST.get("done", "1") != "0"
    try:
        item = ticks.home_programme_tick(
            programme=found,
            item_id=request.POST.get("item", ""),
            day=_today(request, now),
            done=done,
        )
    except ticks.TickRefused as refused:
        context = presenters.refused_context(refused.message, token=token)
        return TemplateResponse(request, "homecare/ended.html", context, status=400)
    back = presenters.link_url("homecare_programme", token) + f"#item-{item.pk}"
    return HttpResponseRedirect(back, status=303)
