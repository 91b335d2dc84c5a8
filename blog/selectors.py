"""Reads of the blog. Every listing is built here with its joins and prefetches, so pages run a
fixed number of queries however many posts or comments there are."""

import datetime as dt
import math
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils.html import strip_tags
from taggit.models import Tag
from wagtail.images import get_image_model

from blog.models import (
    Author,
    BlogCategory,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    BlogSettings,
    Comment,
)
from blog.models.pages import MONTH_NAMES, validate_archive_date

WORDS_PER_MINUTE = 200
# Cards and media take a moment to look at even without many words.
BLOCK_WORD_ALLOWANCE = {"image": 12, "video": 60, "exercise_card": 40, "routine_card": 60}
FEED_LENGTH = 20
RELATED_COUNT = 3
_WORD = re.compile(r"\w+", re.UNICODE)


# --- reading time -------------------------------------------------------------------------


def _block_text(block) -> str:
    value = block.value
    if block.block_type == "paragraph":
        return strip_tags(value.source if hasattr(value, "source") else str(value))
    if block.block_type in {"heading", "caution"}:
        return value.get("text", "")
    if block.block_type == "quote":
        return value.get("quote", "")
    if block.block_type == "image":
        return value.get("caption", "")
    if block.block_type == "call_to_book":
        return " ".join([value.get("heading", ""), value.get("text", "")])
    return ""


def reading_minutes(*, intro: str, body) -> int:
    """Whole minutes to read a post at 200 words a minute, with a short allowance for images,
    videos and cards; at least one."""
    words = len(_WORD.findall(intro or ""))
    for block in body or []:
        words += len(_WORD.findall(_block_text(block)))
        words += BLOCK_WORD_ALLOWANCE.get(block.block_type, 0)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


# --- listings -----------------------------------------------------------------------------


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
    route: tuple = ()  # (route name, *args) of the listing, for its feed addresses
    is_archive: bool = False


def live_posts(*, index):
    """The live, public posts of one blog, newest first, with nothing loaded yet."""
    return BlogPostPage.objects.child_of(index).live().public().order_by("-date", "-pk")


def card_posts(queryset):
    """Posts ready for cards: feed image with renditions, authors, categories and tags in a fixed
    number of queries, and no StreamField loaded."""
    image_model = get_image_model()
    return queryset.defer_streamfields().prefetch_related(
        Prefetch("feed_image", queryset=image_model.objects.prefetch_renditions()),
        Prefetch(
            "authors",
            queryset=BlogPostAuthor.objects.select_related("author").order_by("sort_order"),
        ),
        "categories",
        "tags",
    )


def resolve_listing(
    *,
    index,
    category_slug: str | None = None,
    tag_slug: str | None = None,
    year: int | None = None,
    month: int | None = None,
) -> Listing:
    """Describe the listing a route asked for; Http404 for unknown categories, tags and dates."""
    blog = index.title
    if category_slug is not None:
        category = BlogCategory.objects.filter(slug=category_slug).first()
        if category is None:
            raise Http404("No such category.")
        return Listing(
            title=category.name,
            description=category.description or f"Posts about {category.name.lower()}.",
            empty_message=f"Nothing in {category.name} yet.",
            category=category,
            route=("category", category.slug),
        )
    if tag_slug is not None:
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise Http404("No such tag.")
        return Listing(
            title=f"Posts tagged “{tag.name}”",
            description=f"Articles from {blog} tagged {tag.name}.",
            empty_message=f"No posts are tagged “{tag.name}” yet.",
            tag=tag,
            route=("tag", tag.slug),
        )
    if year is not None:
        validate_archive_date(year, month)
        if month is None:
            label = str(year)
            route = ("year_archive", f"{year:04d}")
        else:
            label = f"{MONTH_NAMES[month - 1]} {year}"
            route = ("month_archive", f"{year:04d}", f"{month:02d}")
        return Listing(
            title=f"Posts from {label}",
            description=f"Everything {blog} published in {label}.",
            empty_message=f"Nothing was published in {label}. Try another month in the archive.",
            year=year,
            month=month,
            route=route,
            is_archive=True,
        )
    return Listing(title=index.title, description=index.listing_summary, route=())


def listing_posts(*, posts, listing: Listing):
    """The listing's posts for cards; `posts` is live_posts() of the blog, built once a request."""
    queryset = posts
    if listing.category is not None:
        queryset = queryset.filter(categories=listing.category)
    if listing.tag is not None:
        queryset = queryset.filter(tagged_items__tag=listing.tag)
    if listing.year is not None:
        queryset = queryset.filter(date__year=listing.year)
    if listing.month is not None:
        queryset = queryset.filter(date__month=listing.month)
    return card_posts(queryset)


def feed_posts(*, index, listing: Listing):
    return list(listing_posts(posts=live_posts(index=index), listing=listing)[:FEED_LENGTH])


def archive_months(*, posts) -> list[dict]:
    """Months with posts, newest first, each with its count (like WordPress's monthly archive)."""
    rows = (
        posts.order_by()
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    months = []
    for row in rows:
        month = row["month"]
        if month is None:
            continue
        if isinstance(month, dt.datetime):
            month = month.date()
        months.append(
            {
                "year": month.year,
                "month": month.month,
                "label": f"{MONTH_NAMES[month.month - 1]} {month.year}",
                "count": row["count"],
                "args": (f"{month.year:04d}", f"{month.month:02d}"),
            }
        )
    return months


def category_counts(*, posts) -> list[BlogCategory]:
    """Categories with at least one of these posts, each with `post_count`."""
    post_ids = posts.order_by().values("pk")
    return list(
        BlogCategory.objects.annotate(
            post_count=Count("posts", filter=Q(posts__in=post_ids), distinct=True)
        )
        .filter(post_count__gt=0)
        .order_by("name")
    )


def popular_tags(*, posts, limit: int = 20) -> list[Tag]:
    """The most used tags among these posts, each with `post_count`."""
    post_ids = posts.order_by().values("pk")
    return list(
        Tag.objects.filter(blog_blogposttag_items__content_object__in=post_ids)
        .annotate(post_count=Count("blog_blogposttag_items", distinct=True))
        .order_by("-post_count", "name")[:limit]
    )


# --- the post page ------------------------------------------------------------------------


def blog_index_for(*, post):
    return BlogIndexPage.objects.parent_of(post).first()


def adjacent_posts(*, post) -> tuple:
    """(previous, next) in display-date order within the post's blog; None at either end."""
    if post.date is None:
        return None, None
    siblings = (
        BlogPostPage.objects.sibling_of(post, inclusive=False)
        .live()
        .public()
        .defer_streamfields()
        .only("title", "url_path", "path", "depth", "date", "slug")
    )
    older = Q(date__lt=post.date) | Q(date=post.date, pk__lt=post.pk)
    newer = Q(date__gt=post.date) | Q(date=post.date, pk__gt=post.pk)
    previous = siblings.filter(older).order_by("-date", "-pk").first()
    following = siblings.filter(newer).order_by("date", "pk").first()
    return previous, following


def related_posts(*, post, limit: int = RELATED_COUNT, tag_ids=None, category_ids=None) -> list:
    """The editor's picks first, then the newest posts sharing a tag or category (pass the
    post's tag and category ids when already loaded)."""
    picked_ids = [
        pk
        for pk in post.pinned_related.order_by("sort_order").values_list("related_id", flat=True)
        if pk != post.pk
    ]
    base = BlogPostPage.objects.sibling_of(post, inclusive=False).live().public()
    picked = {p.pk: p for p in card_posts(base.filter(pk__in=picked_ids))}
    chosen = [picked[pk] for pk in picked_ids if pk in picked][:limit]
    if len(chosen) < limit:
        if tag_ids is None:
            tag_ids = list(post.tagged_items.values_list("tag_id", flat=True))
        if category_ids is None:
            category_ids = list(post.categories.values_list("pk", flat=True))
        if tag_ids or category_ids:
            shared = (
                base.filter(Q(tagged_items__tag_id__in=tag_ids) | Q(categories__in=category_ids))
                .exclude(pk__in=[p.pk for p in chosen])
                .order_by("-date", "-pk")
                .values_list("pk", flat=True)
                .distinct()
            )
            extra_ids = list(shared[: limit - len(chosen)])
            extra = {p.pk: p for p in card_posts(base.filter(pk__in=extra_ids))}
            chosen += [extra[pk] for pk in extra_ids if pk in extra]
    return chosen


def post_authors(*, post) -> list[Author]:
    image_model = get_image_model()
    links = post.authors.select_related("author").prefetch_related(
        Prefetch("author__photo", queryset=image_model.objects.prefetch_renditions())
    )
    return [link.author for link in links]


def approved_comments(*, post) -> list[Comment]:
    return list(
        Comment.objects.approved()
        .filter(post=post)
        .select_related("reply_to")
        .only("pk", "name", "text", "created_at", "is_staff_reply", "reply_to__name")
        .order_by("created_at", "pk")
    )


def post_page_context(*, post, request) -> dict:
    """Everything the post template shows besides the page itself."""
    if getattr(request, "is_preview", False):
        # Previews render the editor's unsaved form, not a revision: work the values out here.
        post.reading_minutes = reading_minutes(intro=post.intro, body=post.body)
    previous, following = adjacent_posts(post=post)
    authors = post_authors(post=post)
    # The SEO tags and the byline read the same authors: fill the page's cache once.
    post.__dict__["author_list"] = authors
    if post.feed_image_id:
        # The header picture and the SEO image read their renditions from one prefetch.
        image = get_image_model().objects.prefetch_renditions().filter(pk=post.feed_image_id)
        post.feed_image = image.first()
    categories = list(post.categories.all())
    tags = list(post.tags.all())
    return {
        "blog_index": blog_index_for(post=post),
        "authors": authors,
        "categories": categories,
        "post_tags": tags,
        "previous_post": previous,
        "next_post": following,
        "related_posts": related_posts(
            post=post, tag_ids=[t.pk for t in tags], category_ids=[c.pk for c in categories]
        ),
        "comments": approved_comments(post=post),
    }


# --- moderation ---------------------------------------------------------------------------


def pending_comment_count() -> int:
    return Comment.objects.pending().count()


def comment_moderator_emails(*, site=None) -> list[str]:
    """Addresses from the blog settings; without any, every active user who may moderate."""
    if site is not None:
        configured = BlogSettings.for_site(site).moderator_email_list
        if configured:
            return configured
    permission = Permission.objects.filter(
        content_type__app_label="blog", codename="change_comment"
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    condition = Q(is_superuser=True)
    if permission is not None:
        condition |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return sorted(set(users.filter(condition).values_list("email", flat=True)))


def sitemap_routes(*, index) -> list[tuple[str, tuple, object]]:
    """(route name, args, lastmod) for the blog's category, tag and monthly archive pages that
    hold live, public posts; lastmod is the newest publication among their posts. Three queries."""
    from django.db.models import Max
    from taggit.models import Tag

    posts = live_posts(index=index).order_by()
    post_ids = posts.values("pk")
    out = []
    categories = (
        BlogCategory.objects.filter(posts__in=post_ids)
        .annotate(lastmod=Max("posts__last_published_at"))
        .order_by("slug")
    )
    out += [("category", (c.slug,), c.lastmod) for c in categories]
    tags = (
        Tag.objects.filter(blog_blogposttag_items__content_object__in=post_ids)
        .annotate(lastmod=Max("blog_blogposttag_items__content_object__last_published_at"))
        .order_by("slug")
    )
    out += [("tag", (t.slug,), t.lastmod) for t in tags]
    months = (
        posts.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("-month")
    )
    for row in months:
        month = row["month"]
        if month is not None:
            out.append(
                ("month_archive", (f"{month.year:04d}", f"{month.month:02d}"), row["lastmod"])
            )
    return out
