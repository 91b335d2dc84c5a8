"""Two b-tree indexes on Wagtail's page table, for listings that must not read every page.

- Titles (with the id, to break ties): the exercise library lists its exercises by title, a page
  at a time. Without an index the database joined and sorted every exercise to show twelve
  (10,000 exercises: every library page read them all, bench/scale.sh). With it, the database
  reads titles in order and stops after the page.
- Depth and path: a page's children are `depth = n AND path BETWEEN ...`. The menu (the home
  page's children shown in menus, on every page) matched the path range of the whole site and
  read every page (a sequential scan of 20,000 rows); with depth first it reads a handful.

Wagtail's own migrations index neither; this adds them, on every database.
"""

from django.db import migrations

from core.migration_ops import add_index


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_search_title_body_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        add_index("wagtailcore_page", "core_page_title_id", '("title", "id")'),
        add_index("wagtailcore_page", "core_page_depth_path", '("depth", "path")'),
    ]
