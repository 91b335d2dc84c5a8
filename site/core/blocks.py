"""Blocks shared by every page type. Each has an icon, a template under templates/blocks/ and a
preview value, so editors see it in the block picker preview."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock

from core.embeds import OfflineVideoFinder, embed_url_for, parse_video_url
from core.links import BookingLink, booking_link_for


def first_for_preview(label: str, *, live: bool = False):
    """The first object of a model named by label ("wagtailimages.Image"), for block previews
    that need a real choice; None when there is none. Core imports no app: looked up by label."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    qs = model.objects.all()
    if live:
        qs = qs.live().public()
    return qs.order_by("pk").first()


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

    def get_preview_value(self):
        return self.normalize(
            {
                "image": first_for_preview("wagtailimages.Image"),
                "alt": "A foam roller under the outer thigh, just below the hip.",
                "caption": "Roll slowly from the hip towards the knee.",
            }
        )


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
    def link_for(self, request, source=None) -> BookingLink | None:
        return booking_link_for(
            request=request,
            service=self.get("service_slug") or None,
            promo=self.get("promo_code") or None,
            source=source,
        )

    def url_for(self, request, source=None) -> str:
        link = self.link_for(request, source=source)
        return link.href if link is not None else ""


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
        parent = parent_context or {}
        link = value.link_for(parent.get("request"), source=parent.get("page"))
        context["booking_url"] = link.href if link is not None else ""
        context["next_free"] = link.next_free() if link is not None else None
        return context


def parse_timestamp(text: str) -> int | None:
    """'1:05' or '01:02:03' or '75' → seconds; None when malformed."""
    parts = (text or "").strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


class ChapterBlock(blocks.StructBlock):
    time = blocks.CharBlock(max_length=8, help_text="Where the chapter starts, e.g. 1:05.")
    label = blocks.CharBlock(max_length=80, help_text="What happens there, e.g. 'Second side'.")

    class Meta:
        icon = "time"
        template = "blocks/chapter_block.html"
        preview_value = {"time": "0:45", "label": "Switch sides"}

    def clean(self, value):
        value = super().clean(value)
        if parse_timestamp(value.get("time")) is None:
            raise StructBlockValidationError(
                block_errors={"time": ValidationError("Use minutes and seconds, e.g. 1:05.")}
            )
        return value


class VideoValue(blocks.StructValue):
    """Everything a template or JSON-LD builder needs, derived once from the URL."""

    @cached_property
    def embed(self) -> dict:
        return OfflineVideoFinder().find_embed(self.get("url"))

    @cached_property
    def provider(self) -> str:
        parsed = parse_video_url(self.get("url"))
        if parsed is None:
            raise ValueError("Not a YouTube or Vimeo address.")
        return parsed[0]

    @cached_property
    def embed_url(self) -> str:
        parsed = parse_video_url(self.get("url"))
        if parsed is None:
            raise ValueError("Not a YouTube or Vimeo address.")
        return embed_url_for(*parsed)

    @cached_property
    def play_url(self) -> str:
        joiner = "&" if "?" in self.embed_url else "?"
        return f"{self.embed_url}{joiner}autoplay=1"

    @cached_property
    def provider_name(self) -> str:
        return "YouTube" if self.provider == "youtube" else "Vimeo"

    @cached_property
    def chapter_marks(self) -> list[dict]:
        return [
            {"seconds": parse_timestamp(c["time"]), "time": c["time"], "label": c["label"]}
            for c in self.get("chapters") or []
        ]


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video behind a click-to-load facade: no request reaches the provider
    until the reader presses play."""

    url = blocks.URLBlock(
        help_text="A YouTube or Vimeo link, e.g. https://www.youtube.com/watch?v=…"
    )
    title = blocks.CharBlock(
        max_length=120, help_text="What the video shows; read out to screen-reader users."
    )
    description = blocks.TextBlock(
        required=False, max_length=300, help_text="One or two sentences for search engines."
    )
    poster = ImageChooserBlock(
        required=False, help_text="Still image shown before play. Without one, a calm placeholder."
    )
    duration = blocks.CharBlock(
        required=False, max_length=8, help_text="Length as minutes and seconds, e.g. 3:20."
    )
    upload_date = blocks.DateBlock(required=False, help_text="When the video was published.")
    transcript = blocks.TextBlock(
        required=False, help_text="Everything said in the video, for readers who cannot play it."
    )
    chapters = blocks.ListBlock(
        ChapterBlock(), default=[], help_text="Optional chapter marks, in order."
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        value_class = VideoValue
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Calf release with a massage ball",
            "transcript": "Sit tall, place the ball under the calf and breathe slowly.",
        }
        description = "A video that loads only when the reader presses play."

    def clean(self, value):
        errors = {}
        try:
            OfflineVideoFinder().find_embed(value.get("url") or "")
        except EmbedException:
            errors["url"] = ValidationError(
                "This is not a YouTube or Vimeo video link. Paste the address of the video page."
            )
        if value.get("duration") and parse_timestamp(value["duration"]) is None:
            errors["duration"] = ValidationError("Use minutes and seconds, e.g. 3:20.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return super().clean(value)


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    caution = CautionBlock()
    video = VideoBlock()
    call_to_book = CallToBookBlock()
