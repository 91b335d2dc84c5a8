"""The blog's pages: one routable index per site and the posts under it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailseo.models import SeoMixin, SeoType

from blog.blocks import BlogStreamBlock
from blog.reading import reading_minutes
from core.models import BasePage


class BlogIndexPage(RoutablePageMixin, BasePage):
    """The blog: newest posts first, with readable sub-addresses served by routes (Wagtail's
    RoutablePageMixin) for categories, tags, year and month archives and RSS/Atom feeds."""

    intro: models.TextField[str, str] = models.TextField(
        blank=True, max_length=400, help_text="A sentence or two under the blog's heading."
    )
    posts_per_page: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many posts each listing page shows (1 to 50).",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("posts_per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    seo_description_sources = ["search_description", "intro"]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["blog.BlogPostPage"]
    max_count = 1

    # A route serving a filtered listing (category, tag, archive) sets this for the request, so
    # the page's title, description and canonical address describe that listing.
    listing: Any = None

    class Meta:
        verbose_name = "blog index page"

    @property
    def listing_summary(self) -> str:
        return self.search_description or self.intro

    # -- addresses ---------------------------------------------------------------------------

    def route_url(self, name: str, *args, request=None) -> str:
        """The address of one of this page's routes, e.g. route_url("tag", "foam-roller")."""
        return (self.get_url(request=request) or "") + self.reverse_subpage(name, args=args)

    def get_sitemap_urls(self, request=None):
        """The blog page, then its category, tag and monthly archive pages that hold posts."""
        from blog import views

        return views.sitemap_urls(request, self, urls=super().get_sitemap_urls(request=request))

    # -- routes: each address of the blog is served by blog.views.index_route -----------------

    @path("", name="index_route")
    @path("category/<slug:category_slug>/", name="category")
    @path("tag/<slug:tag_slug>/", name="tag")
    @re_path(r"^(?P<year>\d{4})/$", name="year_archive")
    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/$", name="month_archive")
    @re_path(r"^feed/(?P<kind>rss|atom)/$", name="feed")
    @re_path(r"^category/(?P<category_slug>[-\w]+)/feed/(?P<kind>rss|atom)/$", name="category_feed")
    @re_path(r"^tag/(?P<tag_slug>[-\w]+)/feed/(?P<kind>rss|atom)/$", name="tag_feed")
    def index_route(self, request, **kwargs):
        from blog import views

        return views.index_route(request, self, **kwargs)

    # -- SEO for filtered listings -----------------------------------------------------------

    @property
    def seo_pagetitle(self) -> str:
        if self.listing is not None:
            return f"{self.listing.title} · {self.seo_sitename}"
        return SeoMixin.seo_pagetitle.fget(self)

    @property
    def seo_description(self) -> str:
        if self.listing is not None and self.listing.description:
            return self.listing.description
        return SeoMixin.seo_description.fget(self)

    @property
    def seo_canonical_url(self) -> str:
        if self.listing is not None and self.listing.canonical_url:
            return self.listing.canonical_url
        return SeoMixin.seo_canonical_url.fget(self)


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPostPage(BasePage):
    intro: models.TextField[str, str] = models.TextField(
        max_length=400,
        help_text="One or two plain sentences: shown in listings, feeds and search results.",
    )
    feed_image: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the post, in listings and when the post is shared.",
    )
    feed_image_alt: models.CharField[str, str] = models.CharField(
        max_length=200,
        blank=True,
        verbose_name="feed image alt text",
        help_text="Describe the picture for people who cannot see it. Leave empty if decorative.",
    )
    date: models.DateField[Any, Any] = models.DateField(
        null=True,
        blank=True,
        verbose_name="display date",
        help_text="The date shown on the post. Leave empty to use the day it is first published.",
    )
    body = StreamField(BlogStreamBlock(), help_text="The article.")
    categories = ParentalManyToManyField(
        "blog.BlogCategory",
        blank=True,
        related_name="posts",
        help_text="One or two topics the post belongs to.",
    )
    tags = ClusterTaggableManager(
        through=BlogPostTag,
        blank=True,
        help_text="Short keywords, e.g. 'foam roller', 'knee'. Each gets its own listing.",
    )
    comments_open: models.BooleanField[bool, bool] = models.BooleanField(
        default=True, help_text="Let readers post comments (each is held for moderation)."
    )
    reading_minutes: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=1,
        editable=False,
        help_text="Estimated reading time, worked out when the post is published.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                InlinePanel("authors", label="Author", min_num=1),
                FieldPanel("categories", widget=CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Byline and topics",
        ),
        FieldPanel("body"),
        InlinePanel(
            "pinned_related",
            label="Related post",
            max_num=3,
            heading="Related posts",
            help_text="Optional: pick up to three. Empty places are filled with the newest posts "
            "sharing a tag or category.",
        ),
        FieldPanel("comments_open"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(
                [FieldRowPanel([FieldPanel("feed_image"), FieldPanel("feed_image_alt")])],
                heading="Media",
            ),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings", classname="settings"),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    seo_content_type = SeoType.ARTICLE
    seo_description_sources = ["search_description", "intro"]
    seo_image_sources = ["og_image", "feed_image"]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "blog post"
        # Listings and feeds show the newest first: read in this order, one page at a time.
        indexes = [models.Index(fields=["date", "page_ptr"], name="blog_post_date_idx")]

    # -- publishing --------------------------------------------------------------------------

    def with_content_json(self, content):
        """Build the page from a revision, filling in the values derived at publish time.

        Wagtail's documented hook for "the page as a revision will make it": every publish path
        (the editor's Publish button, scheduled publishing, reverting, revision.publish() in
        code) turns the revision into the live page through this method and then saves it once.
        Working out the reading time and the default display date here stores them with the
        publish itself: no signal, no second save, and previews show the same values.
        """
        page = super().with_content_json(content)
        page.reading_minutes = reading_minutes(intro=page.intro, body=page.body)
        if page.date is None:
            first = page.first_published_at
            page.date = timezone.localdate(first) if first else timezone.localdate()
        return page

    # -- values for templates, feeds and SEO -------------------------------------------------

    @property
    def listing_summary(self) -> str:
        return self.search_description or self.intro

    @property
    def card_image(self):
        return self.feed_image

    @property
    def display_date(self) -> dt.date | None:
        if self.date:
            return self.date
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    @property
    def display_datetime(self) -> dt.datetime | None:
        """The display date as a moment: the first publication time when it falls on that day."""
        day = self.display_date
        if day is None:
            return None
        first = self.first_published_at
        if first and timezone.localdate(first) == day:
            return first
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))

    @cached_property
    def author_list(self) -> list:
        """The post's authors in the editor's order (uses prefetched rows when a listing has)."""
        return [link.author for link in self.authors.all() if link.author_id]

    @property
    def author_names(self) -> str:
        names = [a.name for a in self.author_list]
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return "".join(names)

    @property
    def seo_author(self) -> str:
        return self.author_names

    @property
    def seo_published_at(self):
        return self.display_datetime

    def serve(self, request, *args, **kwargs):
        from blog import views

        return views.post(request, self, **kwargs)

    def serve_preview(self, request, mode_name):
        from blog import views

        return views.post_preview(request, self, mode_name=mode_name)


class BlogPostAuthor(Orderable):
    page = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="authors")
    author: models.ForeignKey[Any, Any] = models.ForeignKey(
        "core.Person",
        on_delete=models.CASCADE,
        related_name="post_links",
        help_text="Choose an author, or add one under People (the same people as the "
        "practitioners and the exercise reviewers).",
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = "post author"


class BlogPostRelatedPost(Orderable):
    page = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="pinned_related")
    related: models.ForeignKey[Any, Any] = models.ForeignKey(
        "blog.BlogPostPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A post to recommend at the end of this one.",
    )

    panels = [PageChooserPanel("related", page_type="blog.BlogPostPage")]

    class Meta(Orderable.Meta):
        verbose_name = "related post"
