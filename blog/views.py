"""Thin views: the blog's routes and the post page with its comment form."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from blog import selectors
from blog.feeds import PostsFeed
from blog.forms import CommentForm
from blog.services import RateLimited, comment_rate_limited, comment_submit
from core.forms import honeypot_tripped

RATE_LIMITED_MESSAGE = (
    "You have posted several comments in a short time. Please wait an hour and try again."
)


def listing(index, request, **filters):
    """The index and its filtered listings: category, tag, year and month archives."""
    listing = selectors.resolve_listing(index=index, **filters)
    live = selectors.live_posts(index=index)  # one page-privacy lookup for the whole request
    posts = selectors.listing_posts(posts=live, listing=listing)
    page_obj = Paginator(posts, index.posts_per_page).get_page(request.GET.get("page"))
    path = index.route_url(*listing.route, request=request) if listing.route else None
    if listing.route:
        listing.canonical_url = request.build_absolute_uri(path)
        index.listing = listing
    feed_route = _feed_route(listing)
    context = {
        "listing": listing,
        "page_obj": page_obj,
        "posts": page_obj.object_list,
        "archive_months": selectors.archive_months(posts=live),
        "category_list": selectors.category_counts(posts=live),
        "tag_list": selectors.popular_tags(posts=live),
        "feeds": {
            kind: index.route_url(feed_route[0], *feed_route[1:], kind, request=request)
            for kind in ("rss", "atom")
        },
        "blog_url": index.get_url(request=request),
    }
    return index.render(request, context_overrides=context)


def _feed_route(listing) -> tuple:
    if listing.category is not None:
        return ("category_feed", listing.category.slug)
    if listing.tag is not None:
        return ("tag_feed", listing.tag.slug)
    return ("feed",)


def feed(index, request, *, kind: str, category_slug=None, tag_slug=None):
    listing = selectors.resolve_listing(index=index, category_slug=category_slug, tag_slug=tag_slug)
    posts = selectors.feed_posts(index=index, listing=listing)
    return PostsFeed(index=index, listing=listing, posts=posts, kind=kind, request=request)(request)


def _render_post(page, request, form, status=200):
    context = page.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def post_serve(page, request, *args, **kwargs):
    """The post, and its comment form: a new comment is held for moderation and the reader is
    sent back to the post with a notice (?comment=pending)."""
    if request.method not in {"GET", "HEAD", "POST"}:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method != "POST":
        form = CommentForm() if page.comments_open else None
        return _render_post(page, request, form)
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
    return _render_post(page, request, form.for_redisplay(), status=status)
