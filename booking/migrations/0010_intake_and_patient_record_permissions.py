"""Reception reads intake answers, edits the intake questions, exports and erases patients. A
"Practitioners" group reads bookings, patients and intake answers only. Editors get none."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECEPTION = "Reception"
PRACTITIONERS = "Practitioners"
RECEPTION_PERMISSIONS = [
    "view_intakeresponse",
    "change_intakesettings",
    "export_patient",
    "erase_patient",
]
PRACTITIONER_PERMISSIONS = ["view_booking", "view_patient", "view_intakeresponse"]


def _permissions(Permission, codenames):
    return list(Permission.objects.filter(content_type__app_label="booking", codename__in=codenames))


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name=RECEPTION)
    reception.permissions.add(*_permissions(Permission, RECEPTION_PERMISSIONS))
    practitioners, _ = Group.objects.get_or_create(name=PRACTITIONERS)
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    practitioners.permissions.add(admin, *_permissions(Permission, PRACTITIONER_PERMISSIONS))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=PRACTITIONERS).delete()
    for group in Group.objects.filter(name=RECEPTION):
        group.permissions.remove(*_permissions(Permission, RECEPTION_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0009_intake_and_patient_records"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
