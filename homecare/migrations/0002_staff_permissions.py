"""Who works with home programmes. Reception and the Practitioners group may add, change, view,
delete and send them; Reception also sees every patient's programme, a practitioner only the
ones they built (the admin filters by `built_by`). Editors get none. The Practitioners group is
made here if an earlier migration did not."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECEPTION = "Reception"
PRACTITIONERS = "Practitioners"
BOTH = [
    "add_homeprogramme",
    "change_homeprogramme",
    "view_homeprogramme",
    "delete_homeprogramme",
    "send_homeprogramme",
]
RECEPTION_ONLY = ["view_all_homeprogrammes"]


def _permissions(Permission, codenames):
    return list(
        Permission.objects.filter(content_type__app_label="homecare", codename__in=codenames)
    )


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    reception, _ = Group.objects.get_or_create(name=RECEPTION)
    reception.permissions.add(admin, *_permissions(Permission, BOTH + RECEPTION_ONLY))
    practitioners, _ = Group.objects.get_or_create(name=PRACTITIONERS)
    practitioners.permissions.add(admin, *_permissions(Permission, BOTH))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=[RECEPTION, PRACTITIONERS]):
        group.permissions.remove(*_permissions(Permission, BOTH + RECEPTION_ONLY))


class Migration(migrations.Migration):
    dependencies = [
        ("homecare", "0001_initial"),
        ("booking", "0010_intake_and_patient_record_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="homeprogramme",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("send_homeprogramme", "Can send, revoke and re-send home programmes"),
                    (
                        "view_all_homeprogrammes",
                        "Can see every patient's home programme (Reception)",
                    ),
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
