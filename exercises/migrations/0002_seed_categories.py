from django.db import migrations

CATEGORIES = [
    ("Massage", "massage", "Self-massage with a ball, a roller or your hands."),
    ("Mobility", "mobility", "Moving a joint through its comfortable range."),
    ("Stretch", "stretch", "Slow, held positions that lengthen a muscle."),
]


def seed(apps, schema_editor):
    Category = apps.get_model("exercises", "ExerciseCategory")
    for name, slug, description in CATEGORIES:
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("exercises", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
