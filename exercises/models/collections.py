"""Routines (an ordered list of exercises) and day-by-day programmes."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from exercises.blocks import ProgramItemStreamBlock
from exercises.dosage import SWITCH_SECONDS, Dosage, duration_text
from exercises.models.dosage_fields import DosageFields
from exercises.models.mixins import INTRO_FEATURES, LibraryPage, collection_tabs, summary_field
from exercises.models.pages import ExercisePage
from exercises.models.taxonomy import CautionItem


class RoutinePage(LibraryPage):
    """An ordered list of exercises, each with an optional dosage override and note.

    Card API: ``card_image``, ``listing_summary``, ``dosage`` (None: a routine's dosage lives
    on its items; use ``total_time_text``), ``cautions_for_display`` (the cautions of its
    exercises, without duplicates) and template ``exercises/includes/routine_card.html``.
    """

    print_template = "exercises/routine_print.html"

    summary = summary_field("One or two plain sentences on what the routine is for.")
    intro = RichTextField(
        blank=True, features=INTRO_FEATURES, help_text="Optional longer introduction."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        InlinePanel("items", label="Exercise", heading="Exercises in order", min_num=1),
    ]
    edit_handler = collection_tabs(content_panels)
    search_fields = [
        *LibraryPage.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "items",
            [
                index.SearchField("note"),
                index.RelatedFields("exercise", [index.SearchField("title")]),
            ],
        ),
    ]

    class Meta:
        verbose_name = "routine"

    @path("", name="routine")
    @path("print/", name="print")
    def serve_route(self, request: Any, **kwargs: Any) -> Any:
        from exercises import views  # the route edge: views import the models

        return views.serve(request, self, **kwargs)

    dosage = None

    @cached_property
    def live_items(self) -> list[RoutineItem]:
        """The items whose exercise is live and public, with what their cards need."""
        items = list(
            self.items.select_related("exercise", "exercise__image")
            .prefetch_related("exercise__image__renditions")
            .all()
        )
        public_ids = set(
            ExercisePage.objects.live()
            .public()
            .filter(pk__in=[i.exercise_id for i in items])
            .values_list("pk", flat=True)
        )
        return [item for item in items if item.exercise_id in public_ids]

    @property
    def estimated_seconds(self) -> tuple[int, int]:
        low = high = 0
        items = self.live_items
        for item in items:
            lo, hi = item.estimated_seconds
            low, high = low + lo, high + hi
        if not high:
            return 0, 0
        between = SWITCH_SECONDS * 2 * max(0, len(items) - 1)
        return low + between, high + between

    @property
    def total_time_text(self) -> str:
        estimate = self.estimated_seconds
        return duration_text(*estimate) if estimate[1] else ""

    @property
    def cautions_for_display(self) -> list[CautionItem]:
        seen: set[str] = set()
        items: list[CautionItem] = []
        for item in self.live_items:
            for caution in item.exercise.own_cautions:
                if caution.text not in seen:
                    seen.add(caution.text)
                    items.append(caution)
        return items or self.default_cautions()


class RoutineItem(DosageFields, Orderable):
    routine = ParentalKey(RoutinePage, on_delete=models.CASCADE, related_name="items")
    exercise: models.ForeignKey[Any, Any] = models.ForeignKey(
        "exercises.ExercisePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The exercise at this point of the routine.",
    )
    note: models.CharField = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional, e.g. 'Contract as you breathe in, let go as you breathe out.'",
    )

    panels = [
        PageChooserPanel("exercise", "exercises.ExercisePage"),
        FieldPanel("note"),
        DosageFields.dosage_panel(heading="Dosage for this routine (empty uses the exercise's)"),
    ]

    @property
    def own_dosage(self) -> Dosage:
        return Dosage.from_fields(self)

    @property
    def dosage(self) -> Dosage:
        """The exercise's dosage with this item's overrides on top."""
        return self.exercise.dosage.overlaid(self.own_dosage)

    @property
    def estimated_seconds(self) -> tuple[int, int]:
        return self.dosage.estimated_seconds([s for _, s in self.exercise.timed_steps])


class ProgramPage(LibraryPage):
    """A numbered day-by-day plan. Each day has its own URL: <programme>/day/<n>/.

    The introduction is a public teaser. Days are members-only when the page has a Wagtail
    privacy restriction (all days) or when a day is marked members-only (that day): logged-out
    readers are sent to the login page and come back after signing in.
    """

    summary = summary_field("One or two plain sentences on who the programme is for.")
    intro = RichTextField(
        features=INTRO_FEATURES,
        help_text="The public introduction (teaser): what the days hold and how to use them.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        InlinePanel("days", label="Day", heading="Days in order", min_num=1),
    ]
    edit_handler = collection_tabs(content_panels)
    search_fields = [*LibraryPage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "programme"

    @path("", name="teaser")
    @path("day/<int:number>/", name="day")
    def serve_route(self, request: Any, **kwargs: Any) -> Any:
        from exercises import views  # the route edge: views import the models

        return views.serve(request, self, **kwargs)

    dosage = None

    @property
    def cautions_for_display(self) -> list[CautionItem]:
        return []

    # The teaser is public even when the programme is private: Wagtail's privacy check asks
    # get_view_restrictions(), and for the introduction we leave out this page's own
    # restrictions. Days, and ancestors' restrictions, are enforced as usual.
    def route(self, request, path_components):
        result = super().route(request, path_components)
        match = getattr(request, "routable_resolver_match", None)
        self._serving_teaser = (
            result.page is self and match is not None and match.url_name == "teaser"
        )
        return result

    def get_view_restrictions(self):
        restrictions = super().get_view_restrictions()
        if getattr(self, "_serving_teaser", False):
            restrictions = [r for r in restrictions if r.page_id != self.pk]
        return restrictions

    @cached_property
    def is_restricted(self) -> bool:
        return any(r.page_id == self.pk for r in super().get_view_restrictions())

    def get_sitemap_urls(self, request=None):
        """The programme page, then each day readers may open without signing in."""
        urls = super().get_sitemap_urls(request=request)
        if not urls or self.is_restricted:
            return urls
        base = urls[0]["location"].rstrip("/") + "/"
        lastmod = self.last_published_at or self.latest_revision_created_at
        for number, day in enumerate(self.days.all(), start=1):
            if not day.members_only:
                path = self.reverse_subpage("day", args=[number]).lstrip("/")
                urls.append({"location": base + path, "lastmod": lastmod})
        return urls

    def day_url(self, number: int) -> str:
        return self.url + self.reverse_subpage("day", args=[number])


class ProgramDay(Orderable):
    program = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="days")
    title: models.CharField = models.CharField(
        max_length=100, help_text="A short name for the day, e.g. 'Back of the knee'."
    )
    note: models.TextField = models.TextField(
        blank=True, max_length=500, help_text="A short note for the day, shown above the list."
    )
    members_only: models.BooleanField = models.BooleanField(
        default=False,
        help_text="Only signed-in members can open this day; others are asked to log in.",
    )
    items = StreamField(
        ProgramItemStreamBlock(),
        blank=True,
        help_text="The exercises and routines of the day, in order.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("note"),
        FieldPanel("members_only"),
        FieldPanel("items"),
    ]

    def __str__(self):
        return self.title
