"""A "Reception" group with the booking permissions; content editors get none of them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECEPTION = "Reception"
PERMISSIONS = {
    "booking": {
        "booking": ["view", "change"],
        "patient": ["add", "view", "change"],
        "service": ["add", "view", "change"],
        "practitioner": ["add", "view", "change"],
        "closure": ["add", "view", "change", "delete"],
        "extrahours": ["add", "view", "change", "delete"],
        "promocode": ["add", "view", "change"],
        "outboxmessage": ["view", "change"],
        "bookingsettings": ["change"],
    },
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=RECEPTION)
    wanted = [Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")]
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                wanted.append(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )
    group.permissions.add(*wanted)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=RECEPTION).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0002_no_overlap_constraint"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
