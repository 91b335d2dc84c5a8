"""Patients: one record per normalised e-mail address."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel


def normalise_email(value: str | None) -> str:
    """Trimmed and case-folded, so 'Ana@Example.com ' and 'ana@example.com' are one patient."""
    return (value or "").strip().casefold()


class Patient(models.Model):
    email = models.EmailField(
        max_length=254, unique=True, help_text="Stored trimmed and in lower case."
    )
    name = models.CharField(max_length=120, help_text="As the patient gave it.")
    phone = models.CharField(max_length=40, blank=True, help_text="As the patient gave it.")
    known_to_clinic = models.BooleanField(
        default=False,
        help_text="Tick for patients treated here before, e.g. from paper records: first-visit "
        "codes then do not apply. A patient with an attended visit counts as known without it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("known_to_clinic"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def clean(self) -> None:
        self.email = normalise_email(self.email)
