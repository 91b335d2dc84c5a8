"""A home programme for one patient: the items picked from the library with the patient's own
dosage, the signed link that opens it (its version, expiry and revocation) and the days the
patient ticked each item done."""

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from exercises.dosage import Dosage
from exercises.models.dosage_fields import DosageFields

DEFAULT_LINK_DAYS = 180


# models.Model is named again for the type checker: modelcluster ships no types, and without a
# typed base django-stubs cannot give Patient and Booking their `home_programmes`. The `items`
# of the untyped orderable below stay unknown to it (hence the ignore).
class HomeProgramme(ClusterableModel, models.Model):  # type: ignore[django-manager-missing]
    """What one patient does at home between visits. Health data: only the practitioner who
    built it, Reception and superusers see it in the admin."""

    patient: models.ForeignKey[Any, Any] = models.ForeignKey(
        "booking.Patient",
        on_delete=models.CASCADE,
        related_name="home_programmes",
        help_text="The patient this programme is for.",
    )
    practitioner: models.ForeignKey[Any, Any] = models.ForeignKey(
        "booking.Practitioner",
        on_delete=models.PROTECT,
        related_name="home_programmes",
        help_text="Who the patient sees: 'Book your review' books with them.",
    )
    service: models.ForeignKey[Any, Any] = models.ForeignKey(
        "booking.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The appointment 'Book your review' offers, e.g. a 30-minute follow-up.",
    )
    booking: models.ForeignKey[Any, Any] = models.ForeignKey(
        "booking.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="home_programmes",
        help_text="The appointment after which it was given, if any.",
    )
    built_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff member who built it: they, Reception and superusers may see it.",
    )
    title: models.CharField = models.CharField(
        max_length=120,
        default="Your home programme",
        help_text="The heading the patient sees, e.g. 'Knee: weeks 1 to 3'.",
    )
    note: models.TextField = models.TextField(
        blank=True,
        max_length=2000,
        help_text="A word to the patient, shown above the exercises. No diagnosis needed.",
    )
    start_date: models.DateField = models.DateField(
        help_text="The first day of the programme; days done are counted from it."
    )
    review_in_days: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Optional: suggest a review this many days after the start, e.g. 14.",
    )
    link_days: models.PositiveSmallIntegerField = models.PositiveSmallIntegerField(
        default=DEFAULT_LINK_DAYS,
        help_text="How many days the patient's link works after it is sent.",
    )
    # The signed link: its version goes into the token, so a new link retires the old one.
    link_version: models.PositiveIntegerField = models.PositiveIntegerField(default=0)
    sent_at: models.DateTimeField = models.DateTimeField(null=True, blank=True)
    expires_at: models.DateTimeField = models.DateTimeField(null=True, blank=True)
    revoked_at: models.DateTimeField = models.DateTimeField(null=True, blank=True)
    created_at: models.DateTimeField = models.DateTimeField(auto_now_add=True)
    updated_at: models.DateTimeField = models.DateTimeField(auto_now=True)

    # Spelled out: the base class is untyped (modelcluster), so django-stubs finds no manager
    # for the patient's and the booking's reverse relations without it.
    _default_manager: ClassVar[models.Manager["HomeProgramme"]]

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("patient"), FieldPanel("practitioner"), FieldPanel("service")]),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("review_in_days"), FieldPanel("link_days")]
        ),
        FieldPanel("note"),
        InlinePanel("items", label="Exercise or routine", heading="What to do", min_num=1),
    ]

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("send_homeprogramme", "Can send, revoke and re-send home programmes"),
            ("view_all_homeprogrammes", "Can see every patient's home programme (Reception)"),
        ]

    def __str__(self) -> str:
        # No patient name: the label shows in Wagtail's history and reports, which other staff
        # may read. The admin's own listing shows the patient to those who may see it.
        return f"{self.title} (home programme {self.pk})"


class HomeProgrammeItem(DosageFields, Orderable):
    """One exercise or routine of the programme, with the patient's own dosage on top of the
    library's (empty fields keep the library's)."""

    programme = ParentalKey(HomeProgramme, on_delete=models.CASCADE, related_name="items")
    exercise: models.ForeignKey[Any, Any] = models.ForeignKey(
        "exercises.ExercisePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An exercise from the library; or choose a routine instead.",
    )
    routine: models.ForeignKey[Any, Any] = models.ForeignKey(
        "exercises.RoutinePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A routine from the library; or choose one exercise instead.",
    )
    note: models.CharField = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional, for this patient, e.g. 'Stop at the first twinge behind the knee.'",
    )

    panels = [
        FieldRowPanel(
            [
                PageChooserPanel("exercise", "exercises.ExercisePage"),
                PageChooserPanel("routine", "exercises.RoutinePage"),
            ]
        ),
        FieldPanel("note"),
        DosageFields.dosage_panel(heading="Dosage for this patient (empty uses the library's)"),
    ]

    def clean(self) -> None:
        super().clean()
        errors = self.clean_dosage()
        if bool(self.exercise_id) == bool(self.routine_id):
            errors["exercise"] = ValidationError("Choose one exercise or one routine.")
        if errors:
            raise ValidationError(errors)

    @property
    def own_dosage(self) -> Dosage:
        return Dosage.from_fields(self)

    @property
    def dosage(self) -> Dosage:
        """The exercise's dosage with this patient's overrides on top (exercises only)."""
        if self.exercise_id:
            return self.exercise.dosage.overlaid(self.own_dosage)
        return self.own_dosage


class HomeProgrammeTick(models.Model):
    """The patient ticked an item done on a day, through the signed link. No account, no
    personal data beyond what the programme already holds."""

    item: models.ForeignKey[Any, Any] = models.ForeignKey(
        HomeProgrammeItem, on_delete=models.CASCADE, related_name="ticks"
    )
    day: models.DateField = models.DateField()
    created_at: models.DateTimeField = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "day"], name="homecare_one_tick_per_item_day")
        ]
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.item_id} done on {self.day}"
