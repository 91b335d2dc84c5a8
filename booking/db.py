"""Database-level guarantees that only PostgreSQL can express.

The exclusion constraint makes two active bookings (held or confirmed) of one practitioner whose
[start, blocked_until) ranges overlap impossible, whatever the application does. SQLite cannot
declare it (see platform notes); there, IMMEDIATE transactions serialise writers and
booking.services re-checks overlaps inside the transaction.
"""

from django.db import migrations

CONSTRAINT_NAME = "booking_no_overlapping_active"

CREATE_SQL = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE booking_booking ADD CONSTRAINT {CONSTRAINT_NAME}
    EXCLUDE USING gist (
        practitioner_id WITH =,
        tstzrange(start, blocked_until, '[)') WITH &&
    ) WHERE (status IN ('held', 'confirmed'));
"""
DROP_SQL = f"ALTER TABLE booking_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT_NAME};"


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL that acts only on PostgreSQL and leaves the migration state untouched."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def is_overlap_violation(error: Exception) -> bool:
    """Whether an IntegrityError comes from the exclusion constraint (PostgreSQL)."""
    cause = getattr(error, "__cause__", None)
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate == "23P01" or CONSTRAINT_NAME in str(error)
