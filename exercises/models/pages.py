"""The library page and exercise pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import BasePage
from exercises.blocks import CautionStreamBlock, StepStreamBlock, VideoStreamBlock
from exercises.dosage import Phase
from exercises.models.dosage_fields import DosageFields
from exercises.models.mixins import LibraryPage, summary_field
from exercises.models.taxonomy import CautionItem

POSITION_CHOICES = [
    ("face-down", "Lying face down"),
    ("on-back", "Lying on your back"),
    ("side-lying", "Side-lying"),
    ("seated", "Seated"),
    ("kneeling", "Kneeling"),
    ("all-fours", "On hands and knees"),
    ("standing", "Standing"),
]
DIFFICULTY_CHOICES = [
    ("gentle", "Gentle"),
    ("moderate", "Moderate"),
    ("challenging", "Challenging"),
]
CHAIN_LIMIT = 5


def truncate_words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


class ExerciseIndexPage(RoutablePageMixin, BasePage):
    """The exercise library: every exercise below it, filtered by GET parameters."""

    intro: models.TextField = models.TextField(
        blank=True, max_length=500, help_text="A sentence or two above the filters."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    seo_description_sources = ["search_description", "intro"]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["exercises.ExercisePage", "exercises.RoutinePage", "exercises.ProgramPage"]

    class Meta:
        verbose_name = "exercise library"

    @property
    def listing_summary(self) -> str:
        return self.search_description or self.intro

    @path("", name="library")
    def serve_route(self, request: Any, **kwargs: Any) -> Any:
        from exercises import views  # the route edge: views import the models

        return views.serve(request, self, **kwargs)


class ExercisePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "exercises.ExercisePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ExercisePage(DosageFields, LibraryPage):  # noqa: DJ008 (Page.__str__ is the title)
    """One exercise, structured so it can be filtered, timed, printed and described to search
    engines.

    Card API (the blog and home page render exercise cards with these):
      - ``card_image``: the main image or None;
      - ``listing_summary``: the plain-text summary;
      - ``dosage``: an ``exercises.dosage.Dosage`` (``.as_text`` gives 'Hold 30–60 seconds ·
        each side · daily'; ``.estimated_seconds()`` a (low, high) range);
      - ``cautions_for_display``: list of ``CautionItem`` that unpack as (kind_label, text),
        falling back to the site-wide default caution; costs one query when the page has none;
      - template ``exercises/includes/exercise_card.html`` with ``item=<page>``.
    """

    print_template = "exercises/exercise_print.html"

    summary = summary_field(
        "One or two plain sentences on what it does and who it is for. Used on cards."
    )
    categories = ParentalManyToManyField(
        "exercises.ExerciseCategory",
        related_name="exercises",
        help_text="One or more, e.g. massage or mobility.",
    )
    body_areas = ParentalManyToManyField(
        "exercises.BodyArea",
        blank=True,
        related_name="exercises",
        help_text="Where readers feel it, e.g. knee.",
    )
    tissues = ParentalManyToManyField(
        "exercises.Tissue",
        blank=True,
        related_name="exercises",
        help_text="Target muscles and tissues, e.g. popliteus.",
    )
    position: models.CharField = models.CharField(
        max_length=16, choices=POSITION_CHOICES, help_text="The starting position."
    )
    difficulty: models.CharField = models.CharField(
        max_length=16, choices=DIFFICULTY_CHOICES, default="gentle", help_text="How demanding."
    )
    steps = StreamField(
        StepStreamBlock(),
        help_text="The instructions in order. Give a step a hold time to have the timer count it.",
    )
    cautions = StreamField(
        CautionStreamBlock(),
        blank=True,
        help_text="Shown before the steps. Empty shows the site-wide default caution.",
    )
    videos = StreamField(
        VideoStreamBlock(),
        blank=True,
        help_text="YouTube or Vimeo links. They load only when the reader presses play.",
    )
    easier: models.ForeignKey[Any, Any] = models.ForeignKey(
        "exercises.ExercisePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The regression: an easier version of this exercise.",
    )
    harder: models.ForeignKey[Any, Any] = models.ForeignKey(
        "exercises.ExercisePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The progression: a harder version of this exercise.",
    )
    tags = ClusterTaggableManager(
        through=ExercisePageTag, blank=True, help_text="Free keywords, e.g. runners, desk workers."
    )
    last_reviewed: models.DateField = models.DateField(
        null=True, blank=True, help_text="When a practitioner last checked this page."
    )
    next_review: models.DateField = models.DateField(
        null=True,
        blank=True,
        help_text="When a practitioner should check it again. The 'Due for clinical review' "
        "report lists it from 30 days before.",
    )
    reviewer: models.ForeignKey[Any, Any] = models.ForeignKey(
        "core.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who checked it (People: the same records as the practitioners). The page "
        "links their name to their profile on the team page.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("body_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tissues", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("position"), FieldPanel("difficulty")]),
                FieldPanel("tags"),
            ],
            heading="Classification",
        ),
        InlinePanel("equipment_items", label="Equipment", heading="Equipment"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                PageChooserPanel("easier", "exercises.ExercisePage"),
                PageChooserPanel("harder", "exercises.ExercisePage"),
                InlinePanel("related_items", label="Related exercise"),
            ],
            heading="Progressions and related exercises",
        ),
    ]
    dosage_tab_panels = [FieldPanel("cautions"), DosageFields.dosage_panel()]
    media_panels = [FieldPanel("image"), FieldPanel("videos")]
    booking_review_panels = [
        FieldPanel("booking_service"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("last_reviewed"),
                        FieldPanel("reviewer"),
                        FieldPanel("next_review"),
                    ]
                )
            ],
            heading="Clinical review",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(dosage_tab_panels, heading="Dosage and cautions"),
            ObjectList(media_panels, heading="Media"),
            ObjectList(booking_review_panels, heading="Booking and review"),
            ObjectList(BasePage.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings", classname="settings"),
        ]
    )
    search_fields = [
        *LibraryPage.search_fields,
        index.SearchField("steps"),
        index.SearchField("cautions"),
        index.SearchField("videos"),
        index.RelatedFields(
            "equipment_items",
            [
                index.SearchField("note"),
                index.RelatedFields("equipment", [index.SearchField("name")]),
            ],
        ),
        index.RelatedFields(
            "tissues", [index.SearchField("name"), index.SearchField("also_known_as")]
        ),
        index.RelatedFields("body_areas", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("difficulty"),
    ]

    class Meta:
        verbose_name = "exercise"

    @path("", name="exercise")
    @path("print/", name="print")
    def serve_route(self, request: Any, **kwargs: Any) -> Any:
        from exercises import views  # the route edge: views import the models

        return views.serve(request, self, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.easier_id and self.easier_id == self.pk:
            errors["easier"] = ValidationError("An exercise cannot be its own easier version.")
        if self.harder_id and self.harder_id == self.pk:
            errors["harder"] = ValidationError("An exercise cannot be its own harder version.")
        if self.easier_id and self.easier_id == self.harder_id:
            errors["harder"] = ValidationError("The easier and harder versions must differ.")
        if errors:
            raise ValidationError(errors)

    # --- card API (with LibraryPage's) ------------------------------------------------------

    @property
    def own_cautions(self) -> list[CautionItem]:
        items = []
        for block in self.cautions:
            value = block.value
            if block.block_type == "reusable":
                if value is not None:
                    items.append(CautionItem(value.get_kind_display(), value.text))
            else:
                items.append(CautionItem(value.kind_label, value["text"]))
        return items

    @property
    def cautions_for_display(self) -> list[CautionItem]:
        return self.own_cautions or self.default_cautions()

    # --- derived values -----------------------------------------------------------------

    @property
    def step_values(self):
        return [block.value for block in self.steps]

    @cached_property
    def timed_steps(self) -> list[tuple[str, int]]:
        return [
            (
                f"Step {number}: {truncate_words(value.plain_text, 6)}",
                value.get("hold_seconds") or 0,
            )
            for number, value in enumerate(self.step_values, start=1)
        ]

    @property
    def estimated_seconds(self) -> tuple[int, int]:
        return self.dosage.estimated_seconds([s for _, s in self.timed_steps])

    @property
    def timer_phases(self) -> list[Phase]:
        return self.dosage.timer_phases(self.timed_steps)


class ExerciseEquipment(Orderable):
    page = ParentalKey(ExercisePage, on_delete=models.CASCADE, related_name="equipment_items")
    equipment: models.ForeignKey[Any, Any] = models.ForeignKey(
        "exercises.Equipment",
        on_delete=models.PROTECT,
        related_name="exercise_uses",
        help_text="A piece of equipment; pick 'none' only when nothing is needed.",
    )
    note: models.CharField = models.CharField(
        max_length=120, blank=True, help_text="Optional, e.g. 'or a tennis ball'."
    )

    panels = [FieldPanel("equipment"), FieldPanel("note")]

    def __str__(self):
        return f"{self.equipment} {self.note}".strip()


class RelatedExercise(Orderable):
    page = ParentalKey(ExercisePage, on_delete=models.CASCADE, related_name="related_items")
    exercise: models.ForeignKey[Any, Any] = models.ForeignKey(
        ExercisePage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An exercise readers may want next.",
    )

    panels = [PageChooserPanel("exercise", "exercises.ExercisePage")]
