"""The rows the migrations make (the Wagtail root page and default site, the staff groups with
their permissions, the content types), written back for the tests that need them.

A transactional test (the live server's, the concurrency tests) ends with every table emptied,
as Django's TransactionTestCase does. pytest-django runs those tests after the others, but
xdist's `--dist worksteal` can then hand that worker an earlier test. So the rows are serialised
before a worker's first transactional test and written back after one whose next test is not
transactional (tests/conftest.py)."""

import json
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection


def is_transactional(item: Any) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


class MigrationRows:
    def __init__(self) -> None:
        self.text: str | None = None
        self.blocker: Any = None

    def keep(self, blocker: Any) -> None:
        """Serialise the rows once per worker, before its first transactional test runs."""
        if self.text is None:
            with blocker.unblock():
                rows = json.loads(connection.creation.serialize_db_to_string())
            # Content types first: a signal handler that looks one up while the other rows are
            # written back must find it, not make a second one.
            rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
            self.text = json.dumps(rows)
            self.blocker = blocker

    def restore(self) -> None:
        """Empty the tables (the rows a flush's post_migrate signal made too) and write the
        kept rows back, with their own keys; sequences then start past them."""
        if self.text is None:
            return
        ContentType.objects.clear_cache()
        with self.blocker.unblock():
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connection.creation.deserialize_db_from_string(self.text)
            # As loaddata does: each sequence past the keys written back (PostgreSQL), whatever
            # the flush before did to it.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(sql)
        ContentType.objects.clear_cache()


ROWS = MigrationRows()
