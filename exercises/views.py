"""The library's views: each page route (the library, an exercise, a routine, a programme and its
days, the printable handouts) and the short links printed on handouts.

Every page view takes `(request, page, **kwargs)`. The pages hand their routes to `serve` (their
one route edge); it calls the view named like the route that matched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET
from wagtail.models import Page
from wagtail.wagtail_hooks import require_wagtail_login

from exercises import presenters
from exercises.models import ExercisePage, ProgramPage, RoutinePage


def library(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """The library, filtered by the GET parameters."""
    return page.render(
        request, context_overrides=presenters.library_context(page=page, request=request)
    )


def exercise(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    context = presenters.exercise_page_context(page=page, request=request)
    return page.render(request, context_overrides=context)


def routine(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    context = presenters.routine_page_context(page=page, request=request)
    return page.render(request, context_overrides=context)


def print_handout(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """The printable handout of an exercise or a routine: its page's context plus a QR code
    and a short link back."""
    if isinstance(page, ExercisePage):
        context = presenters.exercise_page_context(page=page, request=request)
    else:
        context = presenters.routine_page_context(page=page, request=request)
    context.update(presenters.print_context(page=page, request=request))
    return page.render(request, template=page.print_template, context_overrides=context)


def program_teaser(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """The programme's public introduction and its list of days."""
    context = presenters.program_page_context(page=page, request=request)
    return page.render(request, context_overrides=context)


def program_day(request: HttpRequest, page: Any, *, number: int, **kwargs: Any) -> HttpResponse:
    """One day of a programme. Members-only days send logged-out readers to Wagtail's login
    page (WAGTAIL_FRONTEND_LOGIN_URL or its own) with ?next= back here."""
    context = presenters.program_page_context(page=page, request=request)
    days = context["days"]
    if not 1 <= number <= len(days):
        raise Http404("No such day in this programme.")
    view = days[number - 1]
    if view.day.members_only and not request.user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())
    # The day is its own document: its own title and canonical URL in the SEO tags.
    page.seo_title = f"Day {number}: {view.title} · {page.title}"
    page.canonical_url = request.build_absolute_uri(view.url)
    context.update(presenters.program_day_context(days=days, number=number))
    response: HttpResponse = page.render(
        request, template="exercises/program_day.html", context_overrides=context
    )
    if view.members_only:
        response["Cache-Control"] = "private, no-cache"
    return response


PageView = Callable[..., HttpResponse]
# Route name (the `name` of a page's @path) → view.
PAGE_VIEWS: dict[str, PageView] = {
    "library": library,
    "exercise": exercise,
    "routine": routine,
    "print": print_handout,
    "teaser": program_teaser,
    "day": program_day,
}


def serve(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """Every route of the library's pages comes here and goes to the view named like the route.
    Previews have no route match: they show the page's own URL ("/")."""
    match = getattr(request, "routable_resolver_match", None) or page.resolve_subpage("/")
    # As Wagtail's own page views do: templates (the user bar) read it.
    request.is_preview = getattr(request, "is_preview", False)  # type: ignore[attr-defined]
    return PAGE_VIEWS[match.url_name](request, page, **kwargs)


@require_GET
def short_link(request: HttpRequest, pk: int) -> HttpResponse:
    """/x/<id>/ → the exercise, routine or programme, for printed handouts."""
    page = get_object_or_404(
        Page.objects.live().public().type(ExercisePage, RoutinePage, ProgramPage), pk=pk
    )
    url = page.get_url(request=request)
    if not url:
        raise Http404
    return redirect(url)
