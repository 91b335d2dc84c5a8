"""What the library's page types share: the 'Book' link, the summary and image of their cards,
their SEO sources, their place under the library, and the editor tabs of collections."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.search import index
from wagtailseo.models import SeoType

from core.links import BookingLink, booking_link_for
from core.models import BasePage
from core.page_cache import memo
from exercises.models.base import LibraryModel
from exercises.models.settings import ExerciseSettings
from exercises.models.taxonomy import CautionItem

if TYPE_CHECKING:
    from django.http import HttpRequest

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def summary_field(help_text: str) -> models.TextField[str, str]:
    """The plain-text summary printed on cards and used as the meta description."""
    return models.TextField(max_length=300, help_text=help_text)


class BookingLinkFields(LibraryModel):
    """The 'Book' call to action of exercises, routines and programmes.

    `booking_service` is the one declared model-level edge from the content apps to booking: a
    ForeignKey by string ("booking.Service"), so editors pick a service that exists from a
    chooser and a deleted service clears the link instead of leaving a dead slug. No exercises
    code imports booking: the chooser is registered by booking's admin and the URL is still
    built by `core.links.booking_link` from the service's slug.
    """

    booking_service: models.ForeignKey[Any, Any] = models.ForeignKey(
        "booking.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the booking service the 'Book' button pre-selects.",
    )

    class Meta:
        abstract = True

    def booking_link(self, request: HttpRequest | None) -> BookingLink | None:
        service = self.booking_service
        return booking_link_for(
            request=request, service=service.slug if service else None, source=self
        )

    def booking_url(self, request: HttpRequest | None) -> str:
        link = self.booking_link(request)
        return link.href if link is not None else ""


class LibraryPage(RoutablePageMixin, BookingLinkFields, BasePage):
    """An exercise, routine or programme: a page in the library with a summary and an image
    for its card, a 'Book' link and its own routes (each page type has one route edge, a
    method with its `@path`s stacked that hands the request to `exercises.views.serve`).

    Card API (the blog and home page render library cards with these): ``card_image``,
    ``listing_summary``, ``dosage`` and ``cautions_for_display``.
    """

    summary = summary_field("One or two plain sentences for cards.")
    image: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional main photo, used at the top and on cards.",
    )

    search_fields = [*BasePage.search_fields, index.SearchField("summary")]
    seo_content_type = SeoType.ARTICLE
    seo_description_sources = ["search_description", "summary"]
    seo_image_sources = ["og_image", "image"]

    parent_page_types = ["exercises.ExerciseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    @property
    def card_image(self) -> Any:
        return self.image

    @property
    def listing_summary(self) -> str:
        return self.summary or self.search_description

    def default_cautions(self) -> list[CautionItem]:
        """The site-wide default caution, for pages that have none of their own."""
        site = self.get_site()
        default = memo.site_setting(ExerciseSettings, site).default_caution if site else None
        return [default] if default else []


def collection_tabs(content_panels: list[Any]) -> TabbedInterface:
    """The editor tabs routines and programmes share: content, media, booking, promote."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList([FieldPanel("image")], heading="Media"),
            ObjectList([FieldPanel("booking_service")], heading="Booking"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings", classname="settings"),
        ]
    )
