"""The people of the practice, in one record each: the practitioner patients book (booking), the
author of a post (blog) and the reviewer of an exercise (exercises) all point at a `Person`.
The team page lists the people shown on it, with a profile for each."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtailseo.models import SeoMixin

from core.models import BasePage


# The plugin cannot see BlogPostAuthor.author (Wagtail's Orderable is untyped).
class Person(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    name: models.CharField[str, str] = models.CharField(
        max_length=120, help_text="Full name as patients and readers see it."
    )
    slug: models.SlugField[str, str] = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Their profile's address: /team/<slug>/. Lower case letters, digits and dashes.",
    )
    role: models.CharField[str, str] = models.CharField(
        max_length=120,
        blank=True,
        help_text="Their job title, e.g. 'Registered massage therapist'.",
    )
    qualifications: models.TextField[str, str] = models.TextField(
        blank=True,
        max_length=600,
        help_text="One per line, e.g. 'RMT, College of Massage Therapists of BC'. Shown on the "
        "profile; the first line also follows their name where an exercise says who reviewed it.",
    )
    bio: models.TextField[str, str] = models.TextField(
        blank=True,
        max_length=1200,
        help_text="A few sentences for patients and readers, shown on the profile and under "
        "their posts.",
    )
    photo: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly head-and-shoulders portrait; square works best.",
    )
    on_team_page: models.BooleanField[bool, bool] = models.BooleanField(
        default=True,
        help_text="Listed on the team page with a profile of their own. Untick for a guest "
        "author: their posts then show their name without a link.",
    )
    sort_order: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first on the team page."
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("role"),
        FieldPanel("qualifications"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("on_team_page"), FieldPanel("sort_order")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name

    @property
    def qualification_list(self) -> list[str]:
        return [line.strip() for line in self.qualifications.splitlines() if line.strip()]

    @property
    def credentials(self) -> str:
        """The first qualification, as shown after their name (e.g. 'RMT')."""
        items = self.qualification_list
        return items[0] if items else ""


class TeamPage(RoutablePageMixin, BasePage):
    """The team: everyone shown on the team page, then a profile for each at <slug>/."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown above the list of people, e.g. how the team works together.",
    )

    content_panels = [*Page.content_panels, MultiFieldPanel([FieldPanel("intro")], "Team")]
    seo_description_sources = ["search_description"]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "team page"

    # The profile route sets this for its request, so the title, description, sharing image and
    # canonical address describe the person, not the team.
    shown_person: Any = None
    shown_url: str = ""

    @property
    def seo_pagetitle(self) -> str:
        if self.shown_person is not None:
            return f"{self.shown_person.name} · {self.seo_sitename}"
        return str(SeoMixin.seo_pagetitle.fget(self))

    @property
    def seo_description(self) -> str:
        person = self.shown_person
        if person is not None and (person.bio or person.role):
            return str(person.bio or person.role)[:300]
        return str(SeoMixin.seo_description.fget(self))

    @property
    def seo_canonical_url(self) -> str:
        if self.shown_url:
            return self.shown_url
        return str(SeoMixin.seo_canonical_url.fget(self))

    @cached_property
    def seo_image(self) -> Any:
        if self.shown_person is not None and self.shown_person.photo is not None:
            return self.shown_person.photo
        return BasePage.seo_image.func(self)  # type: ignore[attr-defined]  # a cached_property

    @path("", name="team")
    def team(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from core import views  # the route edge

        return views.team(request, self)

    @path("<slug:slug>/", name="profile")
    def profile(self, request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        from core import views  # the route edge

        return views.profile(request, self, slug=slug)

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> Any:
        """The team page, then each profile on it."""
        from core import views  # the route edge

        return views.team_sitemap_urls(self, urls=super().get_sitemap_urls(request=request))

    def profile_url(self, slug: str, request: HttpRequest | None = None) -> str:
        return (self.get_url(request=request) or "") + self.reverse_subpage("profile", args=[slug])
