"""The demo library loads, covers what the issue asks for, renders, and a second run adds nothing."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from exercises.models import (
    Caution,
    Equipment,
    ExercisePage,
    ProgramDay,
    ProgramPage,
    RoutineItem,
    RoutinePage,
    Tissue,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            ExercisePage,
            RoutinePage,
            ProgramPage,
            ProgramDay,
            RoutineItem,
            Equipment,
            Tissue,
            Caution,
        )
    }


def test_demo_library_is_complete_and_idempotent(client):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first

    exercises = ExercisePage.objects.live()
    assert exercises.count() >= 10
    assert {"massage", "mobility", "stretch"} <= set(
        exercises.values_list("categories__slug", flat=True)
    )
    assert {"knee", "hip", "ankle", "calf"} <= set(
        exercises.values_list("body_areas__slug", flat=True)
    )
    assert (
        str(Equipment.objects.get(name="massage ball", size="4 in")) == "massage ball, 4 in, softer"
    )
    assert RoutinePage.objects.live().count() == 1
    programme = ProgramPage.objects.live().get()
    days = list(programme.days.all())
    assert len(days) == 7
    assert sum(d.members_only for d in days) == 1

    Site.objects.update(hostname="testserver", port=80)
    for page in [*exercises, RoutinePage.objects.get(), programme]:
        assert client.get(page.url).status_code == 200, page.url
    assert client.get("/exercises/?category=mobility&area=knee").status_code == 200
    assert client.get(programme.url + "day/1/").status_code == 200
    members_day = next(n for n, d in enumerate(days, start=1) if d.members_only)
    assert client.get(f"{programme.url}day/{members_day}/").status_code == 302
    found = [r.title for r in client.get("/search/", {"q": "popliteus"}).context["results"]]
    assert "Back-of-knee roll with a lacrosse ball" in found
