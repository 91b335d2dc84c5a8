"""Site-wide settings of the exercise library."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from exercises.models.taxonomy import CAUTION_SNIPPET_KINDS, CautionItem


@register_setting(icon="warning")
class ExerciseSettings(BaseSiteSetting):
    default_caution_kind: models.CharField = models.CharField(
        max_length=16,
        choices=CAUTION_SNIPPET_KINDS,
        default="stop",
        help_text="Kind of the caution shown on exercises that have none of their own.",
    )
    default_caution_text: models.TextField = models.TextField(
        max_length=500,
        blank=True,
        default="you feel sharp pain, numbness or tingling. Ease off and ask a professional.",
        help_text="Shown on every exercise without its own caution. Empty shows none.",
    )
    library_page_size: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(4), MaxValueValidator(60)],
        help_text="Exercises per page in the library.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("default_caution_kind"), FieldPanel("default_caution_text")],
            heading="Default caution",
        ),
        FieldPanel("library_page_size"),
    ]

    class Meta:
        verbose_name = "exercise library settings"

    @property
    def default_caution(self) -> CautionItem | None:
        if not self.default_caution_text:
            return None
        return CautionItem(self.get_default_caution_kind_display(), self.default_caution_text)
