"""A post's authors are core.Person records, the same people as the practitioners and the
exercise reviewers. Each author becomes a person (an existing one with the same name, else a new
one); post links and saved revisions are moved over, then the Author snippet is removed."""

import django.db.models.deletion
from django.db import migrations, models

from core.people_migration import person_for, rewrite_revisions


def _rewrite_links(apps, mapping):
    def rewrite(content):
        links = content.get("authors")
        if not isinstance(links, list):
            return False
        kept = []
        for link in links:
            if isinstance(link, dict) and link.get("author") in mapping:
                kept.append({**link, "author": mapping[link["author"]]})
        content["authors"] = kept
        return True

    rewrite_revisions(apps, app_label="blog", model="blogpostpage", rewrite=rewrite)


def authors_to_people(apps, schema_editor):
    Person = apps.get_model("core", "Person")
    mapping = {}
    for author in apps.get_model("blog", "Author").objects.order_by("pk"):
        person = person_for(
            Person, name=author.name, role=author.role, bio=author.bio, photo_id=author.photo_id
        )
        mapping[author.pk] = person.pk
    for link in apps.get_model("blog", "BlogPostAuthor").objects.all():
        link.person_id = mapping[link.author_id]
        link.save(update_fields=["person"])
    _rewrite_links(apps, mapping)


def people_to_authors(apps, schema_editor):
    Author = apps.get_model("blog", "Author")
    mapping = {}
    for link in apps.get_model("blog", "BlogPostAuthor").objects.select_related("person"):
        person = link.person
        author, _ = Author.objects.get_or_create(
            name=person.name,
            defaults={"role": person.role, "bio": person.bio[:500], "photo_id": person.photo_id},
        )
        mapping[person.pk] = author.pk
        link.author_id = author.pk
        link.save(update_fields=["author"])
    _rewrite_links(apps, mapping)


class Migration(migrations.Migration):
    # On PostgreSQL, rows written by the data step leave deferred foreign-key checks pending, and
    # the schema steps after it cannot alter those tables in the same transaction: each step
    # commits on its own, and the data step is one transaction of its own.
    atomic = False
    dependencies = [
        ("blog", "0001_initial"),
        ("core", "0004_person_and_team_page"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="blogpostauthor",
            name="author",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="post_links",
                to="blog.author",
            ),
        ),
        migrations.AddField(
            model_name="blogpostauthor",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="core.person",
            ),
        ),
        migrations.RunPython(authors_to_people, people_to_authors, atomic=True),
        migrations.RemoveField(model_name="blogpostauthor", name="author"),
        migrations.RenameField(model_name="blogpostauthor", old_name="person", new_name="author"),
        migrations.AlterField(
            model_name="blogpostauthor",
            name="author",
            field=models.ForeignKey(
                help_text="Choose an author, or add one under People (the same people as the "
                "practitioners and the exercise reviewers).",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="post_links",
                to="core.person",
            ),
        ),
        migrations.DeleteModel(name="Author"),
    ]
