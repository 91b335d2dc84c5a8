"""What can be booked, with whom, and when: services, practitioners and their availability."""

from typing import Any

from django import forms
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class Service(models.Model):
    name = models.CharField(
        max_length=120, help_text="As patients see it, e.g. 'Initial assessment'."
    )
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in booking links, e.g. /book/?service=initial-assessment.",
    )
    description = models.TextField(
        blank=True, max_length=600, help_text="One or two sentences on what happens."
    )
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, help_text="Length of the appointment in minutes."
    )
    price = models.DecimalField(
        max_digits=8, decimal_places=2, help_text="Price before any code, e.g. 120.00."
    )
    new_patients_only = models.BooleanField(
        default=False,
        help_text="Only for people who have not been treated here before, e.g. an initial "
        "assessment: refused to a patient marked as known to the clinic, with a visit (a "
        "completed appointment, or a confirmed one whose time has passed) or with a first "
        "appointment already booked, who are offered the other services instead. A cancelled "
        "or expired booking, or a no-show, is not a visit.",
    )
    active = models.BooleanField(default=True, help_text="Inactive services cannot be booked.")
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("price")]),
        FieldPanel("new_patients_only"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5), name="service_duration_at_least_5"
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="service_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Practitioner(ClusterableModel):
    # The base class is untyped (modelcluster), so django-stubs needs the field types spelled out.
    name: models.CharField[str, str] = models.CharField(
        max_length=120,
        help_text="As bookings, e-mails and the schedule show it; usually their person's name.",
    )
    slug: models.SlugField[str, str] = models.SlugField(
        max_length=80, unique=True, help_text="Used in booking links; letters, digits and dashes."
    )
    person: models.OneToOneField[Any, Any] = models.OneToOneField(
        "core.Person",
        on_delete=models.PROTECT,
        related_name="practitioner",
        help_text="Who they are in public: photo, bio, qualifications and their profile on the "
        "team page (Snippets › People). The same person can write posts and review exercises.",
    )
    services: models.ManyToManyField[Service, Any] = models.ManyToManyField(
        Service, related_name="practitioners", blank=True, help_text="What they can be booked for."
    )
    active: models.BooleanField[bool, bool] = models.BooleanField(
        default=True, help_text="Inactive practitioners cannot be booked."
    )
    sort_order: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first."
    )
    calendar_feed_version: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Part of the signed address of their calendar feed; issuing a new address "
        "raises it, and every older address stops working.",
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
        InlinePanel(
            "working_hours",
            label="Weekly working hours",
            help_text="Several ranges per weekday are fine, e.g. 9-12 and 13-17.",
        ),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class WorkingHours(models.Model):
    practitioner = ParentalKey(Practitioner, on_delete=models.CASCADE, related_name="working_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS, help_text="Day of the week.")
    start = models.TimeField(help_text="First possible appointment start, local time.")
    end = models.TimeField(help_text="Appointments must end by this time.")

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")])]

    class Meta:
        ordering = ["weekday", "start"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="working_hours_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"


class Closure(models.Model):
    practitioner = models.ForeignKey(
        Practitioner,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text="Leave empty to close the whole practice.",
    )
    start_date = models.DateField(help_text="First closed day.")
    end_date = models.DateField(help_text="Last closed day (the same as the first for one day).")
    reason = models.CharField(
        max_length=200, blank=True, help_text="For staff, e.g. 'Statutory holiday'."
    )
    public_reason = models.CharField(
        max_length=120,
        blank=True,
        help_text="Shown to patients next to “Closed” on the booking page, e.g. 'Canada Day'. "
        "Leave empty to show only “Closed”.",
    )

    panels = [
        FieldPanel("practitioner"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
        FieldPanel("public_reason"),
    ]

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="closure_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        who = self.practitioner.name if self.practitioner is not None else "Whole practice"
        return f"{who}: {self.start_date} to {self.end_date}"


class ExtraHours(models.Model):
    practitioner = models.ForeignKey(
        Practitioner,
        on_delete=models.CASCADE,
        related_name="extra_hours",
        help_text="Who works the extra hours.",
    )
    date = models.DateField(help_text="The day of the extra hours.")
    start = models.TimeField(help_text="Start, local time.")
    end = models.TimeField(help_text="Appointments must end by this time.")
    note = models.CharField(max_length=200, blank=True, help_text="For staff.")

    panels = [
        FieldPanel("practitioner"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("start"), FieldPanel("end")])],
            heading="When",
        ),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-date", "start"]
        verbose_name_plural = "extra hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="extra_hours_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.practitioner}: {self.date} {self.start:%H:%M}-{self.end:%H:%M}"
