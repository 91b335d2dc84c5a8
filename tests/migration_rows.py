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
                self.text = connection.creation.serialize_db_to_string()
            self.blocker = blocker

    def restore(self) -> None:
        """Write the kept rows back (see write_back)."""
        if self.text is None:
            return
        with self.blocker.unblock():
            write_back(self.text)


def write_back(text: str) -> None:
    """Empty the tables (the rows a flush's post_migrate signal made too), write back rows from
    serialize_db_to_string with their own keys, and start each sequence past them."""
    rows = json.loads(text)
    # Content types first: a signal handler that looks one up while the other rows are written
    # back must find it, not make a second one.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    ContentType.objects.clear_cache()
    call_command(
        "flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False
    )
    connection.creation.deserialize_db_from_string(json.dumps(rows))
    # As loaddata does: each sequence past the keys written back (PostgreSQL), whatever the
    # flush before did to it.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)
    ContentType.objects.clear_cache()


ROWS = MigrationRows()
