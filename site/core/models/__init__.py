"""Site-wide pages and settings: the base page every page type inherits, the home, standard and
contact pages, and the practice's settings."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailseo.models import SeoMixin, SeoType

from core.blocks import BodyStreamBlock
from core.cards import FEATURED_PAGE_TYPES, HOME_CHILD_TYPES
from core.forms import SiteSettingsForm, add_honeypot, guard_text_fields
from core.models.memoised import MemoisedPageMixin


class BasePage(MemoisedPageMixin, SeoMixin, Page):
    """Every page type inherits this: SEO fields, meta fallbacks, and a summary for cards."""

    promote_panels = SeoMixin.seo_panels
    seo_content_type = SeoType.WEBSITE
    seo_description_sources = ["search_description", "listing_summary"]
    search_fields = [*Page.search_fields, index.SearchField("search_description")]

    class Meta:
        abstract = True

    @property
    def listing_summary(self) -> str:
        """Plain text used in cards, search results and as the meta description fallback."""
        return self.search_description or ""

    @property
    def card_image(self):
        """The image shown on cards; page types with images override this."""
        return None

    @cached_property
    def seo_image(self):
        for attr in self.seo_image_sources:
            image = getattr(self, attr, None)
            if isinstance(image, AbstractImage):
                return image
        return self.seo_org_fields.og_image_default

    @cached_property
    def seo_image_url(self) -> str:
        return SeoMixin.seo_image_url.fget(self)


class HomePage(BasePage):
    hero_heading: models.CharField[str, str] = models.CharField(
        max_length=120, help_text="The large heading at the top of the home page."
    )
    hero_text: models.TextField[str, str] = models.TextField(
        blank=True, max_length=400, help_text="One or two sentences under the heading."
    )
    hero_image: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide, calm photo. Shown first, so it loads with high priority.",
    )
    hero_cta_label: models.CharField[str, str] = models.CharField(
        max_length=40, default="Book an appointment", help_text="Text of the booking button."
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="Optional content under the featured sections.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
            ],
            heading="Hero",
        ),
        InlinePanel(
            "featured_pages",
            label="Featured exercises and articles",
            help_text="Pick pages to feature. Left empty, the newest ones are shown.",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_text")]
    seo_description_sources = ["search_description", "hero_text"]
    seo_image_sources = ["og_image", "hero_image"]

    parent_page_types = ["wagtailcore.Page"]
    # Core's own page types plus those the apps register (core.cards.register_home_child).
    subpage_types = HOME_CHILD_TYPES
    max_count = 1

    class Meta:
        verbose_name = "home page"

    @property
    def card_image(self):
        return self.hero_image

    def serve(self, request, *args, **kwargs):
        from core import views

        return views.home(request, self, **kwargs)

    def serve_preview(self, request, mode_name):
        from core import views

        return views.home_preview(request, self, mode_name=mode_name)


class HomeFeaturedPage(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    page: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An exercise, routine, programme or article to feature.",
    )

    # The apps register their page types into this list when they are ready (core.cards).
    panels = [PageChooserPanel("page", page_type=FEATURED_PAGE_TYPES)]


class StandardPage(BasePage):
    intro: models.TextField[str, str] = models.TextField(
        blank=True, max_length=400, help_text="A short lead paragraph; also used in listings."
    )
    body = StreamField(BodyStreamBlock(), help_text="The page content.")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    seo_description_sources = ["search_description", "intro"]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage", "core.ContactPage"]

    class Meta:
        verbose_name = "standard page"

    @property
    def listing_summary(self) -> str:
        return self.search_description or self.intro


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm, BasePage):
    """A form built by editors. Submissions are stored and the practice is e-mailed after commit."""

    intro = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="Shown above the form."
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown after a message is sent.",
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="E-mail to the practice",
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    seo_description_sources = ["search_description"]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "contact page"

    def get_submissions_list_view_class(self):
        from core.exports import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_form(self, *args, **kwargs):
        return guard_text_fields(add_honeypot(super().get_form(*args, **kwargs)))

    def serve(self, request, *args, **kwargs):
        from core import views

        return views.contact_page_serve(request, self, **kwargs)

    def process_form_submission(self, form):
        # Submissions go through core.services.contact_submit, which the view calls.
        raise NotImplementedError("Use core.services.contact_submit.")


SOCIAL_PLATFORMS = [
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("youtube", "YouTube"),
    ("linkedin", "LinkedIn"),
    ("bluesky", "Bluesky"),
    ("mastodon", "Mastodon"),
    ("other", "Other"),
]


class SocialLinkValue(blocks.StructValue):
    @property
    def label(self) -> str:
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), "Profile")


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS, help_text="Which network.")
    url = blocks.URLBlock(help_text="Full address of the practice's profile.")

    class Meta:
        icon = "link"
        template = "blocks/social_link_block.html"
        value_class = SocialLinkValue
        preview_value = {"platform": "instagram", "url": "https://www.instagram.com/"}
        description = "A link to one of the practice's social profiles."


class OpeningHoursBlock(blocks.StructBlock):
    days = blocks.CharBlock(max_length=40, help_text="e.g. 'Monday to Friday' or 'Saturday'.")
    hours = blocks.CharBlock(max_length=60, help_text="e.g. '8:00 am to 6:00 pm' or 'Closed'.")

    class Meta:
        icon = "time"
        template = "blocks/opening_hours_block.html"
        preview_value = {"days": "Monday to Friday", "hours": "8:00 am to 6:00 pm"}
        description = "One row of opening hours, e.g. weekdays or Saturday."


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    practice_name: models.CharField[str, str] = models.CharField(
        max_length=120, default="Our practice", help_text="Shown in the header and footer."
    )
    tagline: models.CharField[str, str] = models.CharField(
        max_length=160, blank=True, help_text="A few words under the name, e.g. 'Manual therapy'."
    )
    street_address: models.CharField[str, str] = models.CharField(
        max_length=200, blank=True, help_text="Street and number."
    )
    locality: models.CharField[str, str] = models.CharField(
        max_length=100, blank=True, help_text="City."
    )
    region: models.CharField[str, str] = models.CharField(
        max_length=100, blank=True, help_text="Province or state, e.g. BC."
    )
    postal_code: models.CharField[str, str] = models.CharField(
        max_length=20, blank=True, help_text="Postal code."
    )
    phone: models.CharField[str, str] = models.CharField(
        max_length=40, blank=True, help_text="Phone as patients dial it."
    )
    email: models.EmailField[str, str] = models.EmailField(
        blank=True, help_text="Public contact address."
    )
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())], blank=True, help_text="One row per group of days."
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())], blank=True, help_text="Profiles linked in the footer."
    )
    booking_page: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where every 'Book' button leads.",
    )
    offer_text: models.CharField[str, str] = models.CharField(
        max_length=160,
        blank=True,
        help_text="The current offer line, e.g. '15 % off your first visit with code FIRST15'.",
    )
    offer_code: models.CharField[str, str] = models.CharField(
        max_length=40,
        blank=True,
        help_text="The promo code booking links carry by default, e.g. FIRST15.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("practice_name"), FieldPanel("tagline")], heading="Practice"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel(
                    [FieldPanel("locality"), FieldPanel("region"), FieldPanel("postal_code")]
                ),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            ],
            heading="Contact details",
        ),
        FieldPanel("opening_hours"),
        FieldPanel("social_links"),
        MultiFieldPanel(
            [PageChooserPanel("booking_page"), FieldPanel("offer_text"), FieldPanel("offer_code")],
            heading="Booking and offer",
        ),
    ]
    base_form_class = SiteSettingsForm

    class Meta:
        verbose_name = "practice settings"

    @property
    def address_lines(self) -> list[str]:
        city = " ".join(p for p in [self.locality, self.region, self.postal_code] if p)
        return [line for line in [self.street_address, city] if line]


# The people and the team page, and the site's e-mail outbox, live in their own modules;
# importing them here registers the models.
from core.models.people import Person, TeamPage  # noqa: E402,F401
from core.outbox.models import OutboxMessage  # noqa: E402,F401
