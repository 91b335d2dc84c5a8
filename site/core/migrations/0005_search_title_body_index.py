"""A GIN index on the expression site search matches against, on PostgreSQL.

Wagtail's PostgreSQL search backend matches `title || body` of wagtailsearch_indexentry with
`@@`, which its own GIN indexes (on title and on body, separately) cannot serve: every search
read the whole index table. With 10,000 exercises and 10,000 posts a search for a word on a few
pages went from about 120 ms to about 1 ms (bench/scale.sh). SQLite and other databases skip it.
"""

from django.db import migrations

from core.migration_ops import add_index


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_person_and_team_page"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        add_index(
            "wagtailsearch_indexentry",
            "core_search_title_body_gin",
            'USING gin (("title" || "body"))',
            postgresql_only=True,
        )
    ]
