"""The demo library covers what readers need, and every page of it renders."""

import pytest

from exercises.models import Equipment, ExercisePage, ProgramPage, RoutinePage

pytestmark = pytest.mark.django_db


def test_at_least_ten_exercises(demo):
    assert ExercisePage.objects.live().count() >= 10


def test_every_kind_of_exercise(demo):
    kinds = set(ExercisePage.objects.live().values_list("categories__slug", flat=True))
    assert {"massage", "mobility", "stretch"} <= kinds


def test_the_body_areas(demo):
    areas = set(ExercisePage.objects.live().values_list("body_areas__slug", flat=True))
    assert {"knee", "hip", "ankle", "calf"} <= areas


def test_equipment_reads_with_size_and_firmness(demo):
    ball = Equipment.objects.get(name="massage ball", size="4 in")
    assert str(ball) == "massage ball, 4 in, softer"


def test_one_routine(demo):
    assert RoutinePage.objects.live().count() == 1


def test_a_seven_day_programme(demo):
    assert ProgramPage.objects.live().get().days.count() == 7


def test_one_members_only_day(demo):
    assert ProgramPage.objects.live().get().days.filter(members_only=True).count() == 1


def test_every_exercise_routine_and_programme_renders(demo, client):
    pages = [*ExercisePage.objects.live(), RoutinePage.objects.get(), ProgramPage.objects.get()]
    failing = [page.url for page in pages if client.get(page.url).status_code != 200]
    assert failing == []


def test_a_filtered_library_renders(demo, client):
    assert client.get("/exercises/?category=mobility&area=knee").status_code == 200


def test_the_first_programme_day_renders(demo, client):
    assert client.get(ProgramPage.objects.get().url + "day/1/").status_code == 200


def test_the_members_only_day_asks_to_sign_in(demo, client):
    programme = ProgramPage.objects.get()
    days = list(programme.days.all())
    members_day = next(n for n, d in enumerate(days, start=1) if d.members_only)
    assert client.get(f"{programme.url}day/{members_day}/").status_code == 302


def test_search_finds_an_exercise_by_its_tissue(demo, client):
    found = [r.title for r in client.get("/search/", {"q": "popliteus"}).context["results"]]
    assert "Back-of-knee roll with a lacrosse ball" in found
