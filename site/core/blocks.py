"""Blocks shared by every page type. Each has an icon, a template under templates/blocks/ and a
preview value, so editors see it in the block picker preview."""

from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.links import booking_link

HEADING_LEVELS = [("h2", "Section heading (H2)"), ("h3", "Sub-heading (H3)")]
CAUTION_KINDS = [
    ("avoid", "Avoid if"),
    ("stop", "Stop if"),
    ("professional", "See a professional if"),
    ("note", "Note"),
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="Short heading text.")
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS, default="h2", help_text="H2 for sections, H3 inside a section."
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Why the back of the knee tightens", "level": "h2"}
        description = "A section heading; keeps the page outline in order."


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul", "document-link", "h3"])
        kwargs.setdefault("help_text", "Body text. Keep paragraphs short for phone readers.")
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Slow, steady pressure on a tight calf lets the tissue settle before you move on.</p>"
        description = "Formatted text with links and lists."


class ImageValue(blocks.StructValue):
    @cached_property
    def alt_text(self) -> str:
        image = self.get("image")
        return self.get("alt") or (image.title if image else "")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text="Landscape photos work best; at least 1200 px wide.")
    alt = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Describe the image for people who cannot see it. Leave empty to use its title.",
    )
    caption = blocks.CharBlock(required=False, max_length=250, help_text="Shown under the image.")

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        value_class = ImageValue
        description = "An image with optional caption."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, help_text="The words quoted, without quote marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Who said it, e.g. a patient's first name."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Two weeks of the evening routine and stairs stopped being a chore.",
            "attribution": "A patient",
        }
        description = "A pull quote or testimonial."


class CautionValue(blocks.StructValue):
    @cached_property
    def kind_label(self) -> str:
        return dict(CAUTION_KINDS).get(self.get("kind"), "Note")


class CautionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=CAUTION_KINDS, default="avoid", help_text="How strongly the reader should heed it."
    )
    text = blocks.TextBlock(max_length=500, help_text="One or two plain sentences.")

    class Meta:
        icon = "warning"
        template = "blocks/caution_block.html"
        value_class = CautionValue
        preview_value = {
            "kind": "avoid",
            "text": "you had knee surgery in the last three months.",
        }
        description = "A visually distinct safety note."


class CallToBookValue(blocks.StructValue):
    def url_for(self, request) -> str:
        return booking_link(
            request=request,
            service=self.get("service_slug") or None,
            promo=self.get("promo_code") or None,
        )


class CallToBookBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120,
        default="Book an in-person visit",
        help_text="Short invitation, e.g. 'Book an in-person visit'.",
    )
    text = blocks.TextBlock(
        required=False, max_length=300, help_text="One sentence on why to book."
    )
    button_label = blocks.CharBlock(max_length=40, default="Book now", help_text="Button text.")
    service_slug = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Optional: the slug of a service to pre-select, e.g. 'initial-assessment'.",
    )
    promo_code = blocks.CharBlock(
        required=False,
        max_length=40,
        help_text="Optional: a promo code to carry. Empty uses the current offer in site settings.",
    )

    class Meta:
        icon = "date"
        template = "blocks/call_to_book_block.html"
        value_class = CallToBookValue
        preview_value = {
            "heading": "Book an in-person visit",
            "text": "A hands-on assessment finds what home care cannot.",
            "button_label": "Book now",
        }
        description = "A booking button that can pre-select a service and carry a code."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["booking_url"] = value.url_for((parent_context or {}).get("request"))
        return context


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    caution = CautionBlock()
    call_to_book = CallToBookBlock()
