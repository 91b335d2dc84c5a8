"""Fixtures of the home programme tests: the clinic (booking's), a small exercise library, and
staff in each role: the practitioner who builds, another practitioner, Reception, an editor."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from tests.booking.conftest import clinic  # noqa: F401  (the clinic fixture, shared)
from tests.exercises.factories import (
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    RoutinePageFactory,
)
from tests.factories import SuperUserFactory, UserFactory
from tests.homecare.helpers import NOW, build_care


def member(username, group=None):
    user = UserFactory(username=username)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def library(home):
    index = ExerciseIndexPageFactory(parent=home)
    calf = ExercisePageFactory(parent=index, title="Calf stretch", slug="calf", hold_min=30)
    knee = ExercisePageFactory(parent=index, title="Knee circles", slug="knee", reps_min=10)
    hip = ExercisePageFactory(parent=index, title="Hip hinge", slug="hip", sets=2, reps_min=8)
    routine = RoutinePageFactory(
        parent=index,
        title="Three-step knee reset",
        slug="knee-reset",
        exercises=[(calf, {"hold_min": 45, "note": "Lean in slowly."}), (knee, {"sets": 3})],
    )
    return SimpleNamespace(index=index, calf=calf, knee=knee, hip=hip, routine=routine)


@pytest.fixture
def staff(db):
    """The builder (Practitioners), another practitioner, Reception, an editor, a superuser."""
    return SimpleNamespace(
        builder=member("dana", "Practitioners"),
        other=member("sam", "Practitioners"),
        desk=member("desk", "Reception"),
        editor=member("ed", "Editors"),
        root=SuperUserFactory(username="root"),
    )


@pytest.fixture
def care(site_home):
    site, home = site_home
    return build_care(site, home)


@pytest.fixture
def frozen():
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
