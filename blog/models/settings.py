"""Per-site settings of the blog, edited under Settings › Blog."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def validate_email_list(value: str) -> None:
    for address in [a.strip() for a in value.split(",") if a.strip()]:
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValidationError(f"“{address}” is not an e-mail address.") from error


@register_setting(icon="comment")
class BlogSettings(BaseSiteSetting):
    moderator_emails: models.CharField[str, str] = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_email_list],
        help_text="Who is e-mailed about each new comment, separated by commas. Leave empty to "
        "e-mail every user allowed to moderate comments.",
    )

    panels = [FieldPanel("moderator_emails")]

    class Meta:
        verbose_name = "blog settings"

    @property
    def moderator_email_list(self) -> list[str]:
        return [a.strip() for a in self.moderator_emails.split(",") if a.strip()]
