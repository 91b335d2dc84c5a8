"""bench/bulk.py: many pages inserted at once are valid Wagtail pages that serve and are found."""

import importlib.util
import sys
from pathlib import Path

import pytest
from wagtail.models import Page

from exercises.models import ExerciseEquipment, ExercisePage
from tests.blog.factories import AuthorFactory, BlogIndexPageFactory, BlogPostPageFactory
from tests.exercises.factories import CategoryFactory, EquipmentFactory, ExercisePageFactory

BULK = Path(__file__).resolve().parents[2] / "bench" / "bulk.py"


@pytest.fixture
def bulk():
    spec = importlib.util.spec_from_file_location("bench_bulk", BULK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def filled(bulk, home, library):
    exercise = ExercisePageFactory(parent=library, categories=[CategoryFactory()])
    ExerciseEquipment.objects.create(
        page=exercise, equipment=EquipmentFactory(), note="or a tennis ball"
    )
    blog = BlogIndexPageFactory(parent=home)
    BlogPostPageFactory(parent=blog, authors=[AuthorFactory()])
    exercises = bulk.make_exercises(3)
    bulk.index_pages(ExercisePage, exercises)
    bulk.make_posts(3)
    return exercises


def test_bulk_pages_leave_a_valid_page_tree(filled):
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_bulk_exercise_serves(client, filled):
    assert client.get("/exercises/bench-exercise-3/").status_code == 200


def test_a_bulk_post_serves(client, filled):
    assert client.get("/blog/bench-post-2/").status_code == 200


def test_a_bulk_exercise_keeps_its_template_categories(filled):
    assert ExercisePage.objects.get(slug="bench-exercise-2").categories.count() == 1


def test_a_bulk_exercise_keeps_its_template_equipment(filled):
    page = ExercisePage.objects.get(slug="bench-exercise-2")
    assert page.equipment_items.get().note == "or a tennis ball"


def test_a_bulk_exercise_is_found_by_site_search(client, filled):
    html = client.get("/search/", {"q": "bench copy 3"}).content.decode()
    assert "/exercises/bench-exercise-3/" in html


def test_bulk_refuses_a_database_not_named_like_a_bench_one(bulk, db, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["bulk.py", "--exercises", "1", "--posts", "0"])
    with pytest.raises(SystemExit, match="not a bench database"):
        bulk.main()
