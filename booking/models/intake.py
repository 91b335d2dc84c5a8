"""Health intake: the questions staff edit (per site, under Settings) and each booking's answers.

Answers are health data: only staff with the intake permission (Reception, Practitioners) see
them in the admin, and no e-mail ever carries them."""

from typing import Any

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from booking.blocks import IntakeQuestionsBlock


@register_setting(icon="clipboard-list")
class IntakeSettings(BaseSiteSetting):
    # The base class is untyped (Wagtail), so django-stubs needs the field types spelled out.
    intro: models.TextField[str, str] = models.TextField(
        blank=True,
        max_length=600,
        help_text="Shown above the questions, e.g. why you ask and who reads the answers.",
    )
    questions: Any = StreamField(
        IntakeQuestionsBlock(),
        blank=True,
        help_text="The questions patients answer after booking. With none, no form is offered.",
    )

    panels = [FieldPanel("intro"), FieldPanel("questions")]

    class Meta:
        verbose_name = "intake form"


class IntakeResponse(models.Model):
    booking = models.OneToOneField(
        "booking.Booking",
        on_delete=models.CASCADE,
        related_name="intake",
        help_text="The appointment these answers prepare.",
    )
    answers = models.JSONField(
        default=list,
        blank=True,
        help_text="Each question as the patient saw it, with the answer: "
        '[{"question": ..., "answer": ...}].',
    )
    submitted_at = models.DateTimeField(help_text="When the patient sent the form.")

    panels: list[Any] = []

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = "intake answers"
        verbose_name_plural = "intake answers"

    def __str__(self) -> str:
        return f"Intake for {self.booking_id}"
