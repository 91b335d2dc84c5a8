"""Each practitioner points at a core.Person, which now holds their public side (role, bio,
photo): the same person can write posts and review exercises. Existing practitioners get a
person (an existing one with the same name, else a new one) before the fields are removed."""

import django.db.models.deletion
from django.db import migrations, models

from core.people_migration import person_for


def practitioners_to_people(apps, schema_editor):
    Person = apps.get_model("core", "Person")
    for practitioner in apps.get_model("booking", "Practitioner").objects.order_by("pk"):
        practitioner.person = person_for(
            Person,
            name=practitioner.name,
            slug=practitioner.slug,
            role=practitioner.role,
            bio=practitioner.bio,
            photo_id=practitioner.photo_id,
            on_team_page=practitioner.active,
            sort_order=practitioner.sort_order,
        )
        practitioner.save(update_fields=["person"])


def people_to_practitioners(apps, schema_editor):
    for practitioner in apps.get_model("booking", "Practitioner").objects.select_related(
        "person"
    ):
        person = practitioner.person
        practitioner.role = person.role[:120]
        practitioner.bio = person.bio[:800]
        practitioner.photo_id = person.photo_id
        practitioner.save(update_fields=["role", "bio", "photo_id"])


class Migration(migrations.Migration):
    # On PostgreSQL, rows written by the data step leave deferred foreign-key checks pending, and
    # the schema steps after it cannot alter those tables in the same transaction: each step
    # commits on its own, and the data step is one transaction of its own.
    atomic = False
    dependencies = [
        ("booking", "0012_reception_books_and_marks_attended"),
        ("core", "0004_person_and_team_page"),
    ]

    operations = [
        migrations.AddField(
            model_name="practitioner",
            name="person",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="practitioner",
                to="core.person",
            ),
        ),
        migrations.RunPython(practitioners_to_people, people_to_practitioners, atomic=True),
        migrations.AlterField(
            model_name="practitioner",
            name="person",
            field=models.OneToOneField(
                help_text="Who they are in public: photo, bio, qualifications and their profile "
                "on the team page (Snippets › People). The same person can write posts and "
                "review exercises.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="practitioner",
                to="core.person",
            ),
        ),
        migrations.AlterField(
            model_name="practitioner",
            name="name",
            field=models.CharField(
                help_text="As bookings, e-mails and the schedule show it; usually their "
                "person's name.",
                max_length=120,
            ),
        ),
        migrations.RemoveField(model_name="practitioner", name="role"),
        migrations.RemoveField(model_name="practitioner", name="bio"),
        migrations.RemoveField(model_name="practitioner", name="photo"),
    ]
