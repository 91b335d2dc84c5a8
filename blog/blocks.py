"""The blog post body: the shared blocks plus cards for exercises and routines.

The cards read the exercise library's card API, declared in core.cards (``ExerciseCard``:
``listing_summary``, ``card_image``, ``dosage`` with ``as_text``, ``cautions_for_display``;
``RoutineCard`` also ``total_time_text`` and ``live_items``), and never its internals.
"""

from typing import Any, cast

from django.utils.functional import cached_property
from wagtail import blocks

from core.blocks import BodyStreamBlock, first_for_preview
from core.cards import LibraryCard, RoutineCard


class PageCardValue(blocks.StructValue):
    """What a card template shows, worked out once; nothing for unpublished pages."""

    @cached_property
    def live_page(self) -> LibraryCard | None:
        """The chosen page if readers may see it. (Templates read `value.page` as the raw
        choice, since a StructValue is a dict: always use `live_page`.)"""
        page = self.get("page")
        if page is None or not page.live or any(True for _ in page.get_view_restrictions()):
            return None
        return cast(LibraryCard, page)

    @cached_property
    def summary(self) -> str:
        return self.live_page.listing_summary if self.live_page else ""

    @cached_property
    def dosage_text(self) -> str:
        dosage = getattr(self.live_page, "dosage", None)
        return dosage.as_text if dosage is not None else ""

    @cached_property
    def cautions(self) -> list[Any]:
        return list(self.live_page.cautions_for_display) if self.live_page else []


class RoutineCardValue(PageCardValue):
    @property
    def live_routine(self) -> RoutineCard | None:
        return cast(RoutineCard | None, self.live_page)

    @cached_property
    def exercise_titles(self) -> list[str]:
        routine = self.live_routine
        return [item.exercise.title for item in routine.live_items] if routine else []

    @cached_property
    def total_time_text(self) -> str:
        routine = self.live_routine
        return routine.total_time_text if routine else ""


class ExerciseCardBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        page_type="exercises.ExercisePage",
        help_text="The exercise to show: its summary, dosage and cautions appear on the card.",
    )
    note = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Optional: why this exercise helps here, in one sentence.",
    )

    class Meta:
        icon = "pick"
        template = "blocks/exercise_card_block.html"
        value_class = PageCardValue
        label = "Exercise card"
        description = "An exercise from the library with its dosage and cautions."

    def get_preview_value(self):
        return self.normalize(
            {
                "page": first_for_preview("exercises.ExercisePage", live=True),
                "note": "Start with this before the stretch below.",
            }
        )


class RoutineCardBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        page_type="exercises.RoutinePage",
        help_text="The routine to show: its exercises, time and cautions appear on the card.",
    )
    note = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Optional: when to do the routine, in one sentence.",
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/routine_card_block.html"
        value_class = RoutineCardValue
        label = "Routine card"
        description = "A routine from the library: its exercises, total time and cautions."

    def get_preview_value(self):
        return self.normalize(
            {
                "page": first_for_preview("exercises.RoutinePage", live=True),
                "note": "Do it in the evening, three times a week.",
            }
        )


class BlogStreamBlock(BodyStreamBlock):
    """Heading, rich text, image, quote, caution, video facade and call-to-book (from core),
    plus exercise and routine cards."""

    exercise_card = ExerciseCardBlock()
    routine_card = RoutineCardBlock()
