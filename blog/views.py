"""Thin views: the blog's routes and the post page with its comment form."""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from blog import presenters
from blog.feeds import PostsFeed
from blog.forms import CommentForm
from blog.services import RateLimited, comment_rate_limited, comment_submit
from core.forms import honeypot_tripped

RATE_LIMITED_MESSAGE = (
    "You have posted several comments in a short time. Please wait an hour and try again."
)


def index_route(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """Every address of the blog index: its feeds (a `kind` was routed) and its listings."""
    if "kind" in kwargs:
        return feed(request, page, **kwargs)
    return listing(request, page, **kwargs)


def _archive_date(value: str | None) -> int | None:
    return int(value) if value is not None else None


def listing(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """The index and its filtered listings: category, tag, year and month archives."""
    listing = presenters.resolve_listing(
        index=page,
        category_slug=kwargs.get("category_slug"),
        tag_slug=kwargs.get("tag_slug"),
        year=_archive_date(kwargs.get("year")),
        month=_archive_date(kwargs.get("month")),
    )
    context = presenters.listing_context(request=request, index=page, listing=listing)
    return page.render(request, context_overrides=context)


def feed(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    listing = presenters.resolve_listing(
        index=page, category_slug=kwargs.get("category_slug"), tag_slug=kwargs.get("tag_slug")
    )
    posts = presenters.feed_posts(index=page, listing=listing)
    kind = kwargs["kind"]
    return PostsFeed(index=page, listing=listing, posts=posts, kind=kind, request=request)(request)


def sitemap_urls(request: HttpRequest | None, page: Any, **kwargs: Any) -> list[dict[str, Any]]:
    """The blog index's sitemap entries (`urls`: Wagtail's for the page itself) with its
    category, tag and archive addresses."""
    return presenters.sitemap_urls(index=page, urls=kwargs["urls"])


def _render_post(request: HttpRequest, page: Any, form: Any, status: int = 200) -> TemplateResponse:
    context = page.get_context(request)
    context.update(presenters.post_page_context(post=page, request=request))
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def post_preview(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """The editor's preview of a post: the page as readers will see it, without the form."""
    mode_name = kwargs.get("mode_name", "")
    context = page.get_preview_context(request, mode_name)
    context.update(presenters.post_page_context(post=page, request=request))
    return TemplateResponse(request, page.get_preview_template(request, mode_name), context)


def post(request: HttpRequest, page: Any, **kwargs: Any) -> HttpResponse:
    """The post, and its comment form: a new comment is held for moderation and the reader is
    sent back to the post with a notice (?comment=pending)."""
    if request.method not in {"GET", "HEAD", "POST"}:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method != "POST":
        form = CommentForm() if page.comments_open else None
        return _render_post(request, page, form)
    if not page.comments_open:
        return HttpResponseNotAllowed(["GET", "HEAD"])

    form = CommentForm(request.POST)
    pending_url = f"{page.get_url(request=request)}?{urlencode({'comment': 'pending'})}#comments"
    if honeypot_tripped(form):
        # Bots see the same notice as people; nothing is stored or sent.
        return HttpResponseRedirect(pending_url)
    status = 400
    if comment_rate_limited(request=request, increment=False):
        form.is_valid()
        form.add_error(None, RATE_LIMITED_MESSAGE)
        status = 429
    elif form.is_valid():
        data = form.cleaned_data
        try:
            comment_submit(
                post=page,
                name=data["name"],
                email=data["email"],
                text=data["text"],
                request=request,
            )
        except RateLimited:
            form.add_error(None, RATE_LIMITED_MESSAGE)
            status = 429
        else:
            return HttpResponseRedirect(pending_url)
    return _render_post(request, page, form.for_redisplay(), status=status)
