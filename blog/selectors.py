"""Reads of the blog. Every listing is built here with its joins and prefetches, so pages run a
fixed number of queries however many posts or comments there are."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import TruncMonth
from taggit.models import Tag
from wagtail.images import get_image_model

from blog.models import (
    BlogCategory,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    BlogSettings,
    Comment,
)
from core.models import Person

FEED_LENGTH = 20
RELATED_COUNT = 3
MONTH_NAMES = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]

# Wagtail's page querysets carry no type information.
PostQuerySet = Any


# --- listings -----------------------------------------------------------------------------


def live_posts(*, index: BlogIndexPage) -> PostQuerySet:
    """The live, public posts of one blog, newest first, with nothing loaded yet."""
    return BlogPostPage.objects.child_of(index).live().public().order_by("-date", "-pk")


def card_posts(queryset: PostQuerySet) -> PostQuerySet:
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


def category_by_slug(slug: str) -> BlogCategory | None:
    return BlogCategory.objects.filter(slug=slug).first()


def tag_by_slug(slug: str) -> Tag | None:
    tag: Tag | None = Tag.objects.filter(slug=slug).first()
    return tag


def listing_posts(
    *,
    posts: PostQuerySet,
    category: BlogCategory | None = None,
    tag: Tag | None = None,
    year: int | None = None,
    month: int | None = None,
) -> PostQuerySet:
    """A listing's posts for cards; `posts` is live_posts() of the blog, built once a request."""
    queryset = posts
    if category is not None:
        queryset = queryset.filter(categories=category)
    if tag is not None:
        queryset = queryset.filter(tagged_items__tag=tag)
    if year is not None:
        queryset = queryset.filter(date__year=year)
    if month is not None:
        queryset = queryset.filter(date__month=month)
    return card_posts(queryset)


def feed_posts(
    *, index: BlogIndexPage, category: BlogCategory | None = None, tag: Tag | None = None
) -> list[BlogPostPage]:
    posts = listing_posts(posts=live_posts(index=index), category=category, tag=tag)
    return list(posts[:FEED_LENGTH])


def archive_months(*, posts: PostQuerySet) -> list[dict[str, Any]]:
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


def category_counts(*, posts: PostQuerySet) -> list[BlogCategory]:
    """Categories with at least one of these posts, each with `post_count`."""
    post_ids = posts.order_by().values("pk")
    return list(
        BlogCategory.objects.annotate(
            post_count=Count("posts", filter=Q(posts__in=post_ids), distinct=True)
        )
        .filter(post_count__gt=0)
        .order_by("name")
    )


def popular_tags(*, posts: PostQuerySet, limit: int = 20) -> list[Tag]:
    """The most used tags among these posts, each with `post_count`."""
    post_ids = posts.order_by().values("pk")
    return list(
        Tag.objects.filter(blog_blogposttag_items__content_object__in=post_ids)
        .annotate(post_count=Count("blog_blogposttag_items", distinct=True))
        .order_by("-post_count", "name")[:limit]
    )


# --- the post page ------------------------------------------------------------------------


def blog_index_for(*, post: BlogPostPage) -> BlogIndexPage | None:
    index: BlogIndexPage | None = BlogIndexPage.objects.parent_of(post).first()
    return index


def adjacent_posts(*, post: BlogPostPage) -> tuple[BlogPostPage | None, BlogPostPage | None]:
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


def related_posts(
    *,
    post: BlogPostPage,
    limit: int = RELATED_COUNT,
    tag_ids: list[int] | None = None,
    category_ids: list[int] | None = None,
) -> list[BlogPostPage]:
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
    if len(chosen) >= limit:
        return chosen
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


def post_authors(*, post: BlogPostPage) -> list[Person]:
    image_model = get_image_model()
    links = post.authors.select_related("author").prefetch_related(
        Prefetch("author__photo", queryset=image_model.objects.prefetch_renditions())
    )
    return [link.author for link in links]


def post_feed_image(*, post: BlogPostPage) -> Any:
    """The post's feed image with its renditions prefetched, or None."""
    if not post.feed_image_id:
        return None
    return get_image_model().objects.prefetch_renditions().filter(pk=post.feed_image_id).first()


def approved_comments(*, post: BlogPostPage) -> list[Comment]:
    return list(
        Comment.objects.approved()
        .filter(post=post)
        .select_related("reply_to")
        .only("pk", "name", "text", "created_at", "is_staff_reply", "reply_to__name")
        .order_by("created_at", "pk")
    )


# --- moderation ---------------------------------------------------------------------------


def pending_comment_count() -> int:
    count: int = Comment.objects.pending().count()
    return count


def comment_moderator_emails(*, site: Any = None) -> list[str]:
    """Addresses from the blog settings; without any, every active user who may moderate."""
    if site is not None:
        configured: list[str] = BlogSettings.for_site(site).moderator_email_list
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


def sitemap_routes(*, index: BlogIndexPage) -> list[tuple[str, tuple[str, ...], Any]]:
    """(route name, args, lastmod) for the blog's category, tag and monthly archive pages that
    hold live, public posts; lastmod is the newest publication among their posts. Three queries."""
    posts = live_posts(index=index).order_by()
    post_ids = posts.values("pk")
    out: list[tuple[str, tuple[str, ...], Any]] = []
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
