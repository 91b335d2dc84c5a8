"""The data migrations that moved practitioners, blog authors and exercise reviewers onto one
core.Person each: the same name becomes one person, and nothing the old records held is lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.migration_rows import write_back

# Migrating back and forth costs seconds: it is done once for the module (on each test worker that
# runs some of these tests), and every test reads the result inside its own rolled-back transaction.
pytestmark = pytest.mark.django_db

BEFORE = [
    ("core", "0004_person_and_team_page"),
    ("booking", "0012_reception_books_and_marks_attended"),
    ("blog", "0001_initial"),
    ("exercises", "0007_clinical_review_workflow"),
]
AFTER = [
    ("booking", "0013_practitioner_person"),
    ("blog", "0002_authors_are_people"),
    ("exercises", "0008_reviewers_are_people"),
]


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """Old records made before the migrations, then the migrations run: the new models."""
    with django_db_blocker.unblock():
        yield from _migrated()


def _migrated():
    # What the migrations made (the Wagtail root, groups...): other tests on this worker need it.
    snapshot = connection.creation.serialize_db_to_string()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("booking", "Practitioner").objects.create(
        name="Maya Okafor", slug="maya", role="Registered massage therapist", bio="Sees runners."
    )
    old.get_model("booking", "Practitioner").objects.create(
        name="Sam Lee", slug="sam", active=False, sort_order=3
    )
    old.get_model("blog", "Author").objects.create(name="maya okafor ", bio="Writes routines.")
    old.get_model("blog", "Author").objects.create(name="Tom Reyes", role="Kinesiologist")
    old.get_model("exercises", "Reviewer").objects.create(name="Maya Okafor", credentials="RMT")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    yield executor.loader.project_state(AFTER).apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    # Back to the state before: the tables emptied, then what the migrations had made restored.
    write_back(snapshot)


def maya(apps):
    """The apps' migrations run in any order: whichever meets Maya first spells her name."""
    return apps.get_model("core", "Person").objects.get(name__iexact="maya okafor")


def test_the_same_name_is_one_person(migrated):
    names = migrated.get_model("core", "Person").objects.values_list("name", flat=True)
    assert sorted(name.casefold() for name in names) == ["maya okafor", "sam lee", "tom reyes"]


def test_practitioner_points_at_their_person(migrated):
    practitioner = migrated.get_model("booking", "Practitioner").objects.get(slug="maya")
    assert practitioner.person_id == maya(migrated).pk


def test_practitioner_public_fields_move_to_the_person(migrated):
    assert maya(migrated).role == "Registered massage therapist"


def test_the_first_bio_met_is_kept(migrated):
    assert maya(migrated).bio in {"Sees runners.", "Writes routines."}


def test_reviewer_credentials_become_a_qualification(migrated):
    assert maya(migrated).qualifications == "RMT"


def test_inactive_practitioner_is_kept_off_the_team_page(migrated):
    person = migrated.get_model("core", "Person").objects.get(name="Sam Lee")
    assert person.on_team_page is False


def test_author_only_person_gets_a_slug_from_their_name(migrated):
    person = migrated.get_model("core", "Person").objects.get(name="Tom Reyes")
    assert person.slug == "tom-reyes"
