"""Migration operations for indexes Django's model options cannot declare.

The site adds indexes to tables that Wagtail owns (its pages and its search index), some on an
expression and some only on PostgreSQL. `add_index` is one reversible operation for each.
"""

from django.db import migrations


def add_index(
    table: str, name: str, definition: str, *, postgresql_only: bool = False
) -> migrations.RunPython:
    """CREATE INDEX `name` ON `table` `definition` (e.g. '("title", "id")'); dropped on reverse."""

    def applies(schema_editor) -> bool:
        return not postgresql_only or schema_editor.connection.vendor == "postgresql"

    def create(apps, schema_editor) -> None:
        if applies(schema_editor):
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")

    def drop(apps, schema_editor) -> None:
        if applies(schema_editor):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
