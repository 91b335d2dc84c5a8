"""Who looked at or exported which patient's record, and when: the audit log superusers read."""

from typing import Any

from django.conf import settings
from django.db import models


class PatientAccess(models.Model):
    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed the patient record"
        VIEWED_INTAKE = "viewed_intake", "Viewed intake answers"
        EDITED = "edited", "Opened the patient for editing"
        EXPORTED_JSON = "exported_json", "Exported as JSON"
        EXPORTED_CSV = "exported_csv", "Exported as CSV"
        ERASED = "erased", "Erased personal data"
        PURGED = "purged", "Anonymised by the retention rule"

    at = models.DateTimeField(db_index=True, help_text="When it happened.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff member; empty for the retention command.",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="The user name at the time (kept if the user goes)."
    )
    action = models.CharField(max_length=20, choices=Action.choices, help_text="What was done.")
    patient = models.ForeignKey(
        "booking.Patient",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The patient whose record it was.",
    )
    patient_number = models.PositiveIntegerField(
        help_text="The patient's number, kept if the record is ever deleted."
    )
    detail = models.CharField(
        max_length=200, blank=True, help_text="E.g. the booking reference of intake answers."
    )

    panels: list[Any] = []

    class Meta:
        ordering = ["-at"]
        verbose_name = "patient record access"
        verbose_name_plural = "patient record access log"
        permissions = [
            ("export_patient", "Can export a patient's data"),
            ("erase_patient", "Can erase a patient's personal data"),
        ]

    def __str__(self) -> str:
        return f"{self.username or 'system'} · {self.get_action_display()} · #{self.patient_number}"
