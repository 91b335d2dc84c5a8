"""The typed dosage fields shared by exercise pages and routine items."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from exercises.dosage import FREQUENCY_CHOICES, SIDE_CHOICES, Dosage
from exercises.models.base import LibraryModel

AT_LEAST_ONE = MinValueValidator(1, message="Use a whole number of 1 or more, or leave it empty.")


def count_field(help_text: str, maximum: int = 999):
    return models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[AT_LEAST_ONE, MaxValueValidator(maximum)],
        help_text=help_text,
    )


class DosageFields(LibraryModel):
    """Sets, reps, holds, rest, side, frequency and breathing. Every field is optional."""

    sets = count_field("How many sets, e.g. 3.", 20)
    reps_min = count_field("Fewest repetitions, e.g. 10.", 200)
    reps_max = count_field("Most repetitions, e.g. 15. Leave empty for an exact number.", 200)
    hold_min = count_field("Shortest hold in seconds, e.g. 30.", 900)
    hold_max = count_field("Longest hold in seconds, e.g. 60. Leave empty for an exact time.", 900)
    rest_seconds = count_field("Rest between sets, in seconds.", 600)
    side: models.CharField = models.CharField(
        max_length=16, blank=True, choices=SIDE_CHOICES, help_text="Each side, each direction…"
    )
    frequency: models.CharField = models.CharField(
        max_length=16, blank=True, choices=FREQUENCY_CHOICES, help_text="How often to do it."
    )
    breathe_in = count_field("Breathing pattern: count to breathe in, e.g. 4.", 30)
    breathe_out = count_field("Breathing pattern: count to breathe out, e.g. 8.", 30)
    pace: models.CharField = models.CharField(
        max_length=60,
        blank=True,
        help_text="For rolling and massage: how to go, in a word or two, e.g. 'slowly'.",
    )
    duration_min = count_field(
        "For rolling and massage: shortest time on each side, in seconds, e.g. 60.", 900
    )
    duration_max = count_field(
        "Longest time on each side, in seconds, e.g. 90. Leave empty for an exact time.", 900
    )

    class Meta:
        abstract = True

    dosage_panels = [
        FieldRowPanel([FieldPanel("sets"), FieldPanel("reps_min"), FieldPanel("reps_max")]),
        FieldRowPanel([FieldPanel("hold_min"), FieldPanel("hold_max"), FieldPanel("rest_seconds")]),
        FieldRowPanel([FieldPanel("side"), FieldPanel("frequency")]),
        FieldRowPanel([FieldPanel("breathe_in"), FieldPanel("breathe_out")]),
        FieldRowPanel(
            [FieldPanel("pace"), FieldPanel("duration_min"), FieldPanel("duration_max")],
            heading="Pace or duration (rolling, massage)",
        ),
    ]

    @classmethod
    def dosage_panel(cls, heading="Dosage"):
        return MultiFieldPanel(cls.dosage_panels, heading=heading)

    def clean_dosage(self) -> dict:
        """Field errors for ranges that run backwards and half a breathing pattern."""
        errors = {}
        for low, high, what in (
            ("reps_min", "reps_max", "repetitions"),
            ("hold_min", "hold_max", "hold"),
            ("duration_min", "duration_max", "time"),
        ):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                errors[high] = ValidationError(
                    f"The most {what} ({hi}) is less than the fewest ({lo}). Swap them or fix one."
                    if what == "repetitions"
                    else f"The longest {what} ({hi} s) is shorter than the shortest ({lo} s)."
                )
        if bool(self.breathe_in) != bool(self.breathe_out):
            missing = "breathe_out" if self.breathe_in else "breathe_in"
            errors[missing] = ValidationError(
                "A breathing pattern needs both counts, e.g. in for 4 and out for 8."
            )
        return errors

    def clean(self):
        super().clean()
        errors = self.clean_dosage()
        if errors:
            raise ValidationError(errors)

    @property
    def dosage(self) -> Dosage:
        return Dosage.from_fields(self)
