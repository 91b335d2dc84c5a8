"""Reception reads contact-form submissions (they can hold health details); editors do not."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECEPTION = "Reception"


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=RECEPTION)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailforms", codename="view_formsubmission"
        )
    )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=RECEPTION):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtailforms", codename="view_formsubmission"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0005_remove_booking_outbox"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
