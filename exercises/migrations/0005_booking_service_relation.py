"""The booking link becomes a relation to a booking service; existing slugs are mapped to it.

A slug that names no service (a typo, a deleted service) leaves the link empty, which shows the
booking page with no service pre-selected, as the dead slug did.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["exercisepage", "routinepage", "programpage"]


def slugs_to_services(apps, schema_editor):
    Service = apps.get_model("booking", "Service")
    by_slug = dict(Service.objects.values_list("slug", "pk"))
    for name in MODELS:
        model = apps.get_model("exercises", name)
        for row in model.objects.exclude(booking_service_slug="").only("pk", "booking_service_slug"):
            service_id = by_slug.get(row.booking_service_slug)
            if service_id:
                model.objects.filter(pk=row.pk).update(booking_service_id=service_id)


def services_to_slugs(apps, schema_editor):
    Service = apps.get_model("booking", "Service")
    by_pk = dict(Service.objects.values_list("pk", "slug"))
    for name in MODELS:
        model = apps.get_model("exercises", name)
        for row in model.objects.exclude(booking_service__isnull=True).only(
            "pk", "booking_service_id"
        ):
            model.objects.filter(pk=row.pk).update(
                booking_service_slug=by_pk.get(row.booking_service_id, "")
            )


def field():
    return models.ForeignKey(
        blank=True,
        help_text="Optional: the booking service the 'Book' button pre-selects.",
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to="booking.service",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0003_reception_group"),
        ("exercises", "0004_dosage_pace_and_duration"),
    ]

    operations = [
        *[
            migrations.RenameField(name, "booking_service", "booking_service_slug")
            for name in MODELS
        ],
        *[migrations.AddField(name, "booking_service", field()) for name in MODELS],
        migrations.RunPython(slugs_to_services, services_to_slugs),
        *[migrations.RemoveField(name, "booking_service_slug") for name in MODELS],
    ]
