"""Blocks of exercise pages: steps, reusable and one-off cautions, and programme day items."""

from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import CautionBlock, VideoBlock, first_for_preview
from exercises.dosage import seconds_text

STEP_FEATURES = ["bold", "italic", "link"]


class StepValue(blocks.StructValue):
    @cached_property
    def plain_text(self) -> str:
        text = self.get("text")
        return " ".join(strip_tags(text.source if text else "").split())

    @cached_property
    def alt_text(self) -> str:
        image = self.get("image")
        return self.get("alt") or (image.title if image else "")

    @cached_property
    def hold_text(self) -> str:
        seconds = self.get("hold_seconds")
        return seconds_text(seconds) if seconds else ""


class StepBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        features=STEP_FEATURES,
        help_text="One short instruction, e.g. 'Lie face down and rest your forehead on your hands.'",
    )
    image = ImageChooserBlock(required=False, help_text="Optional photo of this step.")
    alt = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Describe the photo for people who cannot see it. Empty uses its title.",
    )
    hold_seconds = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=900,
        help_text="Optional: how long to stay in this step, in seconds. The timer counts it.",
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/exercise_step_block.html"
        value_class = StepValue
        label = "Step"
        preview_value = {
            "text": "<p>Lie face down with the ball just above the knee cap.</p>",
            "hold_seconds": 30,
        }
        description = "One numbered step with an optional photo and timed hold."


class StepStreamBlock(blocks.StreamBlock):
    """The steps. At least one is required by the field itself (not blank), so an empty list gets
    'This field is required.' on save instead of a block-count warning shown before any typing."""

    step = StepBlock()


class CautionSnippetBlock(SnippetChooserBlock):
    """A reusable caution from the library of caution snippets."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Pick a caution written once and shared by many exercises.")
        super().__init__("exercises.Caution", **kwargs)

    def get_searchable_content(self, value):
        return [value.text] if value else []

    class Meta:
        icon = "warning"
        template = "blocks/caution_snippet_block.html"
        label = "Reusable caution"
        description = "A shared caution such as 'recent knee surgery'."

    def get_preview_value(self):
        return first_for_preview("exercises.Caution")


class CautionStreamBlock(blocks.StreamBlock):
    reusable = CautionSnippetBlock()
    caution = CautionBlock(label="One-off caution")


class VideoStreamBlock(blocks.StreamBlock):
    video = VideoBlock()


class ProgramItemValue(blocks.StructValue):
    @cached_property
    def target(self):
        page = self.get("page")
        return page.specific if page is not None else None


class ProgramItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(
        page_type=["exercises.ExercisePage", "exercises.RoutinePage"],
        help_text="An exercise or a routine for this day.",
    )
    note = blocks.CharBlock(
        required=False, max_length=160, help_text="Optional, e.g. 'Only the left side today.'"
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/program_item_block.html"
        value_class = ProgramItemValue
        label = "Exercise or routine"
        description = "One exercise or routine for the day, with an optional note."

    def get_preview_value(self):
        return self.normalize(
            {
                "page": first_for_preview("exercises.ExercisePage", live=True),
                "note": "Both legs today, slowly.",
            }
        )


class ProgramItemStreamBlock(blocks.StreamBlock):
    item = ProgramItemBlock()
