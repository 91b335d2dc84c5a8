"""What the blog's templates, feeds and sitemap show: listings described for people and search
engines, and the post page's context. Reads come from blog.selectors; unknown addresses raise
Http404 here."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest
from taggit.models import Tag

from blog import selectors
from blog.models import BlogCategory, BlogIndexPage, BlogPostPage
from blog.reading import reading_minutes
from blog.selectors import MONTH_NAMES
from core.links import profile_link
from core.page_cache import memo, shared
from core.pagination import CountedPaginator


@dataclass
class Listing:
    """Which posts a listing page shows and how it describes itself."""

    title: str
    description: str = ""
    empty_message: str = "No posts yet."
    canonical_url: str = ""
    category: BlogCategory | None = None
    tag: Tag | None = None
    year: int | None = None
    month: int | None = None
    route: tuple[str, ...] = ()  # (route name, *args) of the listing, for its feed addresses
    is_archive: bool = False


def validate_archive_date(year: int, month: int | None = None) -> None:
    """Raise Http404 for a year or month no calendar has."""
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        raise Http404("No such archive.")


def _category_listing(*, slug: str) -> Listing:
    category = selectors.category_by_slug(slug)
    if category is None:
        raise Http404("No such category.")
    return Listing(
        title=category.name,
        description=category.description or f"Posts about {category.name.lower()}.",
        empty_message=f"Nothing in {category.name} yet.",
        category=category,
        route=("category", category.slug),
    )


def _tag_listing(*, index: BlogIndexPage, slug: str) -> Listing:
    tag = selectors.tag_by_slug(slug)
    if tag is None:
        raise Http404("No such tag.")
    return Listing(
        title=f"Posts tagged “{tag.name}”",
        description=f"Articles from {index.title} tagged {tag.name}.",
        empty_message=f"No posts are tagged “{tag.name}” yet.",
        tag=tag,
        route=("tag", tag.slug),
    )


def _archive_listing(*, index: BlogIndexPage, year: int, month: int | None) -> Listing:
    validate_archive_date(year, month)
    route: tuple[str, ...]
    if month is None:
        label = str(year)
        route = ("year_archive", f"{year:04d}")
    else:
        label = f"{MONTH_NAMES[month - 1]} {year}"
        route = ("month_archive", f"{year:04d}", f"{month:02d}")
    return Listing(
        title=f"Posts from {label}",
        description=f"Everything {index.title} published in {label}.",
        empty_message=f"Nothing was published in {label}. Try another month in the archive.",
        year=year,
        month=month,
        route=route,
        is_archive=True,
    )


def resolve_listing(
    *,
    index: BlogIndexPage,
    category_slug: str | None = None,
    tag_slug: str | None = None,
    year: int | None = None,
    month: int | None = None,
) -> Listing:
    """Describe the listing a route asked for; Http404 for unknown categories, tags and dates."""
    if category_slug is not None:
        return _category_listing(slug=category_slug)
    if tag_slug is not None:
        return _tag_listing(index=index, slug=tag_slug)
    if year is not None:
        return _archive_listing(index=index, year=year, month=month)
    return Listing(title=index.title, description=index.listing_summary, route=())


def feed_route(listing: Listing) -> tuple[str, ...]:
    """The route name (and its argument) of the listing's feeds."""
    if listing.category is not None:
        return ("category_feed", listing.category.slug)
    if listing.tag is not None:
        return ("tag_feed", listing.tag.slug)
    return ("feed",)


def _listing_page(posts: Any, per_page: int, number: str | None, count_key: tuple[Any, ...]) -> Any:
    """One page of a listing, read now: it is kept until the next purge. Its count reads
    every post of the listing: kept, shared by workers, until the next publish."""
    count = shared.kept(count_key, posts.count)
    page_obj = CountedPaginator(posts, per_page, count=count).get_page(number)
    page_obj.object_list = list(page_obj.object_list)
    return page_obj


def _sidebar(live: Any) -> dict[str, Any]:
    """The archive, categories and tags beside every listing (the same for all of them)."""
    return {
        "archive_months": selectors.archive_months(posts=live),
        "category_list": selectors.category_counts(posts=live),
        "tag_list": selectors.popular_tags(posts=live),
    }


def listing_context(
    *, request: HttpRequest, index: BlogIndexPage, listing: Listing
) -> dict[str, Any]:
    """The index or one filtered listing, one page of it. A filtered listing becomes the index's
    `listing` for this request, so the page's title, description and canonical address
    describe it."""
    live = selectors.live_posts(index=index)  # one page-privacy lookup for the whole request
    posts = selectors.listing_posts(
        posts=live,
        category=listing.category,
        tag=listing.tag,
        year=listing.year,
        month=listing.month,
    )
    number = request.GET.get("page")
    key = (
        "blog-listing",
        index.pk,
        getattr(listing.category, "pk", None),
        getattr(listing.tag, "pk", None),
        listing.year,
        listing.month,
        number,
    )
    count_key = ("blog-count", *key[1:-1])
    page_obj = memo.memoised(
        key, lambda: _listing_page(posts, index.posts_per_page, number, count_key)
    )
    if listing.route:
        path = index.route_url(*listing.route, request=request)
        listing.canonical_url = request.build_absolute_uri(path)
        index.listing = listing
    route = feed_route(listing)
    return {
        "listing": listing,
        "page_obj": page_obj,
        "posts": page_obj.object_list,
        **memo.memoised(
            ("blog-sidebar", index.pk),
            lambda: shared.kept(("blog-sidebar", index.pk), lambda: _sidebar(live)),
        ),
        "feeds": {
            kind: index.route_url(route[0], *route[1:], kind, request=request)
            for kind in ("rss", "atom")
        },
        "blog_url": index.get_url(request=request),
    }


def feed_posts(*, index: BlogIndexPage, listing: Listing) -> list[BlogPostPage]:
    return selectors.feed_posts(index=index, category=listing.category, tag=listing.tag)


@dataclass(frozen=True)
class Byline:
    """An author as the byline names them: linked to their profile on the team page if any."""

    person: Any
    url: str
    separator: str  # what follows the name: ", ", " and " or nothing


def bylines(*, authors: list[Any], request: HttpRequest) -> list[Byline]:
    """ "by Maya Okafor and Tom Lindqvist", each name a link to the person's profile when they
    have one (a guest author not on the team page has none)."""
    last = len(authors) - 1
    return [
        Byline(
            person=author,
            url=profile_link(request=request, person=author),
            separator="" if n == last else (" and " if n == last - 1 else ", "),
        )
        for n, author in enumerate(authors)
    ]


def post_page_context(*, post: BlogPostPage, request: HttpRequest) -> dict[str, Any]:
    """Everything the post template shows besides the page itself."""
    if getattr(request, "is_preview", False):
        # Previews render the editor's unsaved form, not a revision: work the values out here.
        post.reading_minutes = reading_minutes(intro=post.intro, body=post.body)
    # What the post shows changes only with a purge (publish, comment approval, ...).
    key = ("post-page", post.pk, request.get_host())
    data = memo.memoised(key, lambda: _post_data(post, request))
    # The SEO tags and the byline read the same authors: fill the page's cache once.
    post.__dict__["author_list"] = data["authors"]
    if data["feed_image"] is not None:
        # The header picture and the SEO image read their renditions from one prefetch.
        post.feed_image = data["feed_image"]
    return {key: value for key, value in data.items() if key != "feed_image"}


def _post_data(post: BlogPostPage, request: HttpRequest) -> dict[str, Any]:
    previous, following = selectors.adjacent_posts(post=post)
    authors = selectors.post_authors(post=post)
    categories = list(post.categories.all())
    tags = list(post.tags.all())
    return {
        "blog_index": selectors.blog_index_for(post=post),
        "authors": authors,
        "bylines": bylines(authors=authors, request=request),
        "feed_image": selectors.post_feed_image(post=post) if post.feed_image_id else None,
        "categories": categories,
        "post_tags": tags,
        "previous_post": previous,
        "next_post": following,
        "related_posts": selectors.related_posts(
            post=post, tag_ids=[t.pk for t in tags], category_ids=[c.pk for c in categories]
        ),
        "comments": selectors.approved_comments(post=post),
    }


def sitemap_urls(*, index: BlogIndexPage, urls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The blog page's sitemap entries, then its category, tag and monthly archive pages that
    hold posts."""
    if not urls:
        return urls
    base = urls[0]["location"].rstrip("/") + "/"
    for name, args, lastmod in selectors.sitemap_routes(index=index):
        location = base + index.reverse_subpage(name, args=args).lstrip("/")
        urls.append({"location": location, "lastmod": lastmod})
    return urls
