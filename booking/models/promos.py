"""Promo codes. Their rules are evaluated by booking.promo; uses are counted from bookings."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from booking import promo as rules


class PromoCode(models.Model):
    code = models.CharField(
        max_length=rules.MAX_CODE_LENGTH,
        unique=True,
        help_text="What patients type, e.g. FIRST15. Stored in capitals without spaces, so "
        "'first15' and 'FIRST15' are the same code.",
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="For staff, e.g. 'Spring newsletter offer'."
    )
    percent_off = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="e.g. 15 for 15 % off. Fill in this or the amount off, not both.",
    )
    amount_off = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="A fixed amount off, e.g. 20.00. Fill in this or the percent off, not both.",
    )
    valid_from = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to start at once."
    )
    valid_until = models.DateTimeField(
        null=True, blank=True, help_text="The code stops working at this moment. Empty: no end."
    )
    max_uses = models.PositiveIntegerField(
        null=True, blank=True, help_text="Total bookings that may use it. Empty: no limit."
    )
    max_uses_per_patient = models.PositiveIntegerField(
        null=True, blank=True, default=1, help_text="Per patient. Empty: no limit."
    )
    first_visit_only = models.BooleanField(
        default=False,
        help_text="Only for a patient's first appointment. Refused to a patient marked as known "
        "to the clinic, with a visit (an appointment Reception marked attended, or a confirmed one "
        "whose time has passed and is not marked yet), or with a first appointment already booked. A cancelled or expired booking, "
        "or a no-show, never happened, so it is not a visit.",
    )
    services = models.ManyToManyField(
        "booking.Service",
        blank=True,
        related_name="+",
        help_text="Leave all unticked for every service.",
    )
    active = models.BooleanField(default=True, help_text="Untick to stop the code at once.")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("percent_off"), FieldPanel("amount_off")])],
            heading="Discount",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")])],
            heading="Validity",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("max_uses"), FieldPanel("max_uses_per_patient")]),
                FieldPanel("first_visit_only"),
                FieldPanel("services", widget=forms.CheckboxSelectMultiple),
                FieldPanel("active"),
            ],
            heading="Who may use it",
        ),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = "promo code"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(percent_off__isnull=False, amount_off__isnull=True)
                    | models.Q(percent_off__isnull=True, amount_off__isnull=False)
                ),
                name="promo_percent_xor_amount",
                violation_error_message="Give either a percent off or an amount off, not both.",
            ),
            models.CheckConstraint(
                condition=models.Q(percent_off__isnull=True)
                | models.Q(percent_off__gt=0, percent_off__lte=100),
                name="promo_percent_in_range",
                violation_error_message="A percent off must be more than 0 and at most 100.",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_off__isnull=True) | models.Q(amount_off__gt=0),
                name="promo_amount_positive",
                violation_error_message="An amount off must be more than 0.",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        self.code = rules.normalise_code(self.code)
        errors = {}
        if not self.code:
            errors["code"] = "Enter a code."
        has_percent, has_amount = self.percent_off is not None, self.amount_off is not None
        if has_percent == has_amount:
            message = "Give either a percent off or an amount off, not both."
            errors["percent_off"] = message
            errors["amount_off"] = message
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            errors["valid_until"] = "The end must be after the start."
        if self.code and (
            PromoCode.objects.filter(code__iexact=self.code).exclude(pk=self.pk).exists()
        ):
            errors["code"] = "A code with these letters already exists."
        if errors:
            raise ValidationError(errors)

    @property
    def discount_label(self) -> str:
        if self.percent_off is not None:
            return f"{self.percent_off.normalize():f} % off"
        return f"${self.amount_off} off"

    def as_rules(self, service_ids=None) -> rules.Code:
        if service_ids is None:
            service_ids = [s.pk for s in self.services.all()]
        return rules.Code(
            code=self.code,
            active=self.active,
            percent_off=self.percent_off,
            amount_off=self.amount_off,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            max_uses=self.max_uses,
            max_uses_per_patient=self.max_uses_per_patient,
            first_visit_only=self.first_visit_only,
            service_ids=frozenset(service_ids),
        )
