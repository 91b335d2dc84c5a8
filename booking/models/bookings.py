"""Bookings (a hold becomes a confirmed appointment) and the e-mail outbox."""

from django.db import models
from wagtail.admin.panels import FieldPanel


class Status(models.TextChoices):
    HELD = "held", "Held (awaiting confirmation)"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Attended"
    NO_SHOW = "no_show", "No-show"
    EXPIRED = "expired", "Hold expired"


# Statuses that occupy the practitioner's time. The database refuses overlaps among these.
ACTIVE_STATUSES = (Status.HELD, Status.CONFIRMED)
# Statuses in which a booking has used its promo code (a live hold reserves one too).
REDEEMED_STATUSES = (Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW)
# Earlier bookings in these statuses make a patient a returning patient: attended, or confirmed
# and past (attended until Reception marks it a no-show). See selectors.patient_is_returning.
VISIT_STATUSES = (Status.CONFIRMED, Status.COMPLETED)


class Booking(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.HELD, db_index=True
    )
    practitioner = models.ForeignKey(
        "booking.Practitioner", on_delete=models.PROTECT, related_name="bookings"
    )
    service = models.ForeignKey("booking.Service", on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey(
        "booking.Patient", on_delete=models.PROTECT, related_name="bookings"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    blocked_until = models.DateTimeField(help_text="The end plus the buffer after it.")
    hold_expires_at = models.DateTimeField(null=True, blank=True)

    # What the patient entered for this booking.
    patient_name = models.CharField(max_length=120)
    patient_phone = models.CharField(max_length=40, blank=True)
    notes = models.TextField(blank=True, max_length=1000)
    consent_at = models.DateTimeField(null=True, blank=True)

    # Snapshot: later edits to the service or the code never change a booking.
    service_name = models.CharField(max_length=120)
    duration_minutes = models.PositiveSmallIntegerField()
    price = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3, default="CAD")
    promo = models.ForeignKey(
        "booking.PromoCode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    promo_code_text = models.CharField(max_length=40, blank=True)
    discount = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    total = models.DecimalField(max_digits=8, decimal_places=2)
    # A code the patient tried that did not apply, and why (see booking.promo reasons).
    promo_attempt = models.CharField(max_length=40, blank=True)
    promo_attempt_reason = models.CharField(max_length=40, blank=True)

    # Where the journey started (the page a booking link or the Referer named): a page id only,
    # nothing about the visitor. Read by the "Content that books" report.
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the booking journey started from (an article, an exercise, ...).",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.CharField(max_length=20, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="Calendar revision number.")
    staff_notes = models.TextField(
        blank=True, help_text="Only staff see these, e.g. 'prefers the ground-floor room'."
    )

    panels = [FieldPanel("staff_notes")]

    class Meta:
        ordering = ["-start"]
        indexes = [
            models.Index(fields=["practitioner", "start"], name="booking_practitioner_start"),
            models.Index(fields=["status", "start"], name="booking_status_start"),
            models.Index(fields=["status", "hold_expires_at"], name="booking_status_hold"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(blocked_until__gte=models.F("end")),
                name="booking_blocked_until_after_end",
            ),
            models.CheckConstraint(
                condition=models.Q(discount__gte=0, total__gte=0),
                name="booking_money_not_negative",
            ),
        ]
        # PostgreSQL also holds an exclusion constraint (no overlapping active bookings per
        # practitioner), created by migration 0002 only there; see booking/db.py.

    def __str__(self) -> str:
        return f"{self.reference} · {self.patient_name}"

    @property
    def released(self) -> bool:
        """A hold the patient let go (or that was cancelled before confirming): it never turns
        into an appointment. A hold that merely ran out has no cancelled_at."""
        return self.status == Status.EXPIRED and self.cancelled_at is not None

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
