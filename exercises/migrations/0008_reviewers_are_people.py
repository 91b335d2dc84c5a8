"""An exercise's reviewer is a core.Person, the same record as the practitioner patients book
and the blog's author. Each reviewer becomes a person (an existing one with the same name, else a
new one; their credentials become the person's first qualification); pages and saved revisions
are moved over, then the Reviewer snippet is removed."""

import django.db.models.deletion
from django.db import migrations, models

from core.people_migration import person_for, rewrite_revisions


def _rewrite_reviewer(apps, mapping):
    def rewrite(content):
        if "reviewer" not in content:
            return False
        content["reviewer"] = mapping.get(content["reviewer"])
        return True

    rewrite_revisions(apps, app_label="exercises", model="exercisepage", rewrite=rewrite)


def reviewers_to_people(apps, schema_editor):
    Person = apps.get_model("core", "Person")
    mapping = {}
    for reviewer in apps.get_model("exercises", "Reviewer").objects.order_by("pk"):
        person = person_for(
            Person, name=reviewer.name, qualifications=reviewer.credentials, bio=reviewer.bio
        )
        mapping[reviewer.pk] = person.pk
    for page in apps.get_model("exercises", "ExercisePage").objects.exclude(reviewer=None):
        page.person_id = mapping[page.reviewer_id]
        page.save(update_fields=["person"])
    _rewrite_reviewer(apps, mapping)


def people_to_reviewers(apps, schema_editor):
    Reviewer = apps.get_model("exercises", "Reviewer")
    mapping = {}
    pages = apps.get_model("exercises", "ExercisePage").objects.exclude(person=None)
    for page in pages.select_related("person"):
        person = page.person
        first = person.qualifications.splitlines()[0] if person.qualifications else ""
        reviewer, _ = Reviewer.objects.get_or_create(
            name=person.name[:100], defaults={"credentials": first[:100], "bio": person.bio[:300]}
        )
        mapping[person.pk] = reviewer.pk
        page.reviewer_id = reviewer.pk
        page.save(update_fields=["reviewer"])
    _rewrite_reviewer(apps, mapping)


class Migration(migrations.Migration):
    # On PostgreSQL, rows written by the data step leave deferred foreign-key checks pending, and
    # the schema steps after it cannot alter those tables in the same transaction: each step
    # commits on its own, and the data step is one transaction of its own.
    atomic = False
    dependencies = [
        ("exercises", "0007_clinical_review_workflow"),
        ("core", "0004_person_and_team_page"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercisepage",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.person",
            ),
        ),
        migrations.RunPython(reviewers_to_people, people_to_reviewers, atomic=True),
        migrations.RemoveField(model_name="exercisepage", name="reviewer"),
        migrations.RenameField(model_name="exercisepage", old_name="person", new_name="reviewer"),
        migrations.AlterField(
            model_name="exercisepage",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                help_text="Who checked it (People: the same records as the practitioners). The "
                "page links their name to their profile on the team page.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.person",
            ),
        ),
        migrations.DeleteModel(name="Reviewer"),
    ]
