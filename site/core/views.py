from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve as static_serve

from core import presenters, selectors
from core.forms import honeypot_tripped
from core.services import RateLimited, contact_rate_limited, contact_submit

RESULTS_PER_PAGE = 10
# Wagtail's image uploads and renditions (documents are served by /documents/, with privacy).
IMMUTABLE_MEDIA_FOLDERS = ("original_images/", "images/")
PRIVATE_MEDIA_FOLDERS = ("documents/",)


def home(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """The home page with its featured exercises and articles."""
    request.is_preview = getattr(request, "is_preview", False)  # type: ignore[attr-defined]
    context = page.get_context(request, **kwargs)
    context.update(presenters.home_context(home=page))
    return TemplateResponse(request, page.get_template(request, **kwargs), context)


def home_preview(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    mode_name = kwargs.get("mode_name", "")
    context = page.get_preview_context(request, mode_name)
    context.update(presenters.home_context(home=page))
    return TemplateResponse(request, page.get_preview_template(request, mode_name), context)


def _render_form(page, request, form, status=200):
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def contact_page_serve(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """Wagtail form page serving with a honeypot and a per-address rate limit."""
    if request.method != "POST":
        return _render_form(page, request, page.get_form(page=page, user=request.user))

    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if honeypot_tripped(form):
        # Bots get the same thank-you page as people, and nothing is stored or sent.
        return TemplateResponse(
            request, page.get_landing_page_template(request), page.get_context(request)
        )
    status = 200
    if contact_rate_limited(request=request, increment=False):
        form.add_error(
            None, "You have sent several messages in a short time. Please wait an hour, or call us."
        )
        status = 429
    elif form.is_valid():
        try:
            contact_submit(page=page, form=form, request=request)
        except RateLimited:
            form.add_error(
                None,
                "You have sent several messages in a short time. Please wait an hour, or call us.",
            )
            status = 429
        else:
            return TemplateResponse(
                request, page.get_landing_page_template(request), page.get_context(request)
            )
    else:
        status = 400
    return _render_form(page, request, form, status=status)


@require_GET
def search(request):
    query = selectors.clean_search_query(request.GET.get("q", ""))
    found = selectors.site_search(query=query) if query else None
    paginator = Paginator(found.results if found else [], RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "found": found,
            "page_obj": page_obj,
            "results": page_obj.object_list,
            "meta_title": f"Search: {query}" if query else "Search",
            "meta_description": "Search the practice's exercises, articles and pages.",
        },
    )


@require_safe
def serve_media(request, path):
    """Local media when no object storage is configured (settings.SERVE_MEDIA).

    Image files never change under their name (a new upload gets a new name, a rendition's name
    holds its filter and focal point), so browsers keep them for MEDIA_IMAGES_MAX_AGE.
    """
    if path.startswith(PRIVATE_MEDIA_FOLDERS):
        # Documents go through Wagtail's document view, which applies collection privacy.
        raise Http404
    response = static_serve(request, path, document_root=str(settings.MEDIA_ROOT))
    if response.status_code == 200:
        immutable = path.startswith(IMMUTABLE_MEDIA_FOLDERS)
        response["Cache-Control"] = (
            f"public, max-age={settings.MEDIA_IMAGES_MAX_AGE}, immutable"
            if immutable
            else "public, max-age=86400"
        )
    return response


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")


def team(request: HttpRequest, page: Any) -> HttpResponse:
    """The team page: everyone on it, with what they can be booked for."""
    context = page.get_context(request)
    context.update(presenters.team_context(page=page, request=request))
    return TemplateResponse(request, "core/team_page.html", context)


def profile(request: HttpRequest, page: Any, *, slug: str) -> HttpResponse:
    """One person's profile; an unknown slug (or someone not on the team page) is a 404."""
    person = selectors.team_person(slug=slug[:80])
    if person is None:
        raise Http404("No such person on the team page.")
    context = page.get_context(request)
    context.update(presenters.profile_context(page=page, request=request, person=person))
    page.shown_person = person
    page.shown_url = request.build_absolute_uri(context["member"].url)
    return TemplateResponse(request, "core/profile.html", context)


def team_sitemap_urls(page: Any, *, urls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The team page's sitemap entry, then one for each profile."""
    return presenters.team_sitemap_urls(page=page, urls=urls, people=selectors.team_people())
