"""The practice's booking rules, edited per site under Settings."""

from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def validate_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError("Use a time zone name such as America/Vancouver.")


@register_setting(icon="date")
class BookingSettings(BaseSiteSetting):
    # The base class is untyped (Wagtail), so django-stubs needs the field types spelled out.
    slot_step_minutes: models.PositiveSmallIntegerField[int, int] = (
        models.PositiveSmallIntegerField(
            default=15, help_text="Appointments can start every this many minutes, e.g. 15."
        )
    )
    buffer_minutes: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=10, help_text="Free minutes kept after each appointment, e.g. to tidy the room."
    )
    min_notice_hours: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=12, help_text="How soon the earliest bookable time is, in hours."
    )
    horizon_days: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=60, help_text="How far ahead patients may book, in days."
    )
    hold_minutes: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=10, help_text="How long a time is kept while the patient reviews and confirms."
    )
    cancel_cutoff_hours: models.PositiveSmallIntegerField[int, int] = (
        models.PositiveSmallIntegerField(
            default=24,
            help_text="Patients may cancel or move online up to this many hours before; later they "
            "are asked to call. This notice opens the cancellation policy patients accept.",
        )
    )
    cancellation_fee_text: models.TextField[str, str] = models.TextField(
        "Late cancellation fee",
        blank=True,
        max_length=600,
        help_text="What a cancellation inside the notice time costs, in plain words, e.g. "
        '"Cancelling with less notice costs half the fee." Shown to patients before they book.',
    )
    no_show_text: models.TextField[str, str] = models.TextField(
        "Missed appointments",
        blank=True,
        max_length=600,
        help_text='What happens when a patient does not come, e.g. "A missed appointment is '
        'charged in full." Shown to patients before they book.',
    )
    time_zone: models.CharField[str, str] = models.CharField(
        max_length=64,
        default="America/Vancouver",
        validators=[validate_time_zone],
        help_text="The practice's time zone; every time patients see is in it.",
    )
    reminder_lead_hours: models.PositiveSmallIntegerField[int, int] = (
        models.PositiveSmallIntegerField(
            default=24, help_text="Reminders go out about this many hours before the appointment."
        )
    )
    staff_email: models.EmailField[str, str] = models.EmailField(
        blank=True, help_text="Where new bookings and cancellations are announced."
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("slot_step_minutes"), FieldPanel("buffer_minutes")]),
                FieldRowPanel([FieldPanel("min_notice_hours"), FieldPanel("horizon_days")]),
                FieldPanel("time_zone"),
            ],
            heading="Available times",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("hold_minutes"), FieldPanel("cancel_cutoff_hours")]),
                FieldPanel("reminder_lead_hours"),
                FieldPanel("staff_email"),
            ],
            heading="Holding, cancelling and reminders",
        ),
        MultiFieldPanel(
            [FieldPanel("cancellation_fee_text"), FieldPanel("no_show_text")],
            heading="Cancellation policy",
            help_text="Patients see the notice time above and these texts on the time list and "
            "before they confirm, and accept them to book.",
        ),
    ]

    class Meta:
        verbose_name = "booking rules"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(slot_step_minutes__gte=5), name="booking_settings_step_min_5"
            ),
            models.CheckConstraint(
                condition=models.Q(hold_minutes__gte=1), name="booking_settings_hold_min_1"
            ),
            models.CheckConstraint(
                condition=models.Q(horizon_days__gte=1, horizon_days__lte=366),
                name="booking_settings_horizon_range",
            ),
        ]

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ValueError, KeyError):  # pragma: no cover - guarded by the validator
            return ZoneInfo("America/Vancouver")
