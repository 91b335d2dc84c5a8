"""An index that hands out title matches shortest title first, on PostgreSQL.

When a word is on many pages, site search ranks a bounded set of candidates, title matches first
(core.selectors.site_search). Ranking every title match to pick the best 100 read each one: a
word in 2,611 of 20,000 titles took 26 ms. Shortest titles first through this index reads about
500 index entries and stops (under 2 ms); a rare word still goes through the GIN index on title.
SQLite and other databases skip it.
"""

from django.db import migrations

from core.migration_ops import add_index


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_page_title_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        add_index(
            "wagtailsearch_indexentry",
            "core_search_title_length",
            '(length("title_text"), "id")',
            postgresql_only=True,
        )
    ]
