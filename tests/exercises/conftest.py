import pytest

from tests.exercises.factories import (
    BodyAreaFactory,
    CategoryFactory,
    CautionFactory,
    EquipmentFactory,
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    ReviewerFactory,
    TissueFactory,
    steps,
)


@pytest.fixture
def library(home):
    return ExerciseIndexPageFactory(parent=home)


@pytest.fixture
def terms(db):
    return {
        "massage": CategoryFactory(name="Massage", slug="massage"),
        "mobility": CategoryFactory(name="Mobility", slug="mobility"),
        "stretch": CategoryFactory(name="Stretch", slug="stretch"),
        "knee": BodyAreaFactory(name="Knee", slug="knee"),
        "hip": BodyAreaFactory(name="Hip", slug="hip"),
        "ankle": BodyAreaFactory(name="Ankle", slug="ankle"),
        "popliteus": TissueFactory(name="Popliteus", slug="popliteus"),
        "itband": TissueFactory(name="IT band", slug="it-band", also_known_as="iliotibial band"),
        "lacrosse": EquipmentFactory(name="lacrosse ball"),
        "roller": EquipmentFactory(name="foam roller"),
        "chair": EquipmentFactory(name="chair"),
        "surgery": CautionFactory(title="recent knee surgery", kind="avoid"),
        "reviewer": ReviewerFactory(),
    }


@pytest.fixture
def catalogue(library, terms):
    """Five exercises across categories, areas, equipment, difficulty and tags."""
    return {**knee_exercises(library, terms), **hip_and_ankle_exercises(library, terms)}


def knee_exercises(library, t):
    """Two knee exercises: a massage with dosage and a caution, and seated circles."""
    return {
        "popliteus": ExercisePageFactory(
            parent=library,
            title="Popliteus release with a lacrosse ball",
            slug="popliteus-release",
            categories=[t["massage"]],
            body_areas=[t["knee"]],
            tissues=[t["popliteus"]],
            equipment=[(t["lacrosse"], "or a tennis ball")],
            tag_names=["runners"],
            hold_min=30,
            hold_max=60,
            side="each-side",
            breathe_in=4,
            breathe_out=8,
            cautions=[("reusable", t["surgery"])],
        ),
        "knee_circles": ExercisePageFactory(
            parent=library,
            title="Seated knee circles",
            slug="knee-circles",
            categories=[t["mobility"]],
            body_areas=[t["knee"]],
            equipment=[t["chair"]],
            position="seated",
            reps_min=3,
            side="each-direction",
            tag_names=["desk workers"],
        ),
    }


def hip_and_ankle_exercises(library, t):
    """Ankle circles, then a moderate IT band roll and a challenging hip flexor stretch."""
    return {
        "ankle_circles": ExercisePageFactory(
            parent=library,
            title="Ankle circles",
            slug="ankle-circles",
            categories=[t["mobility"]],
            body_areas=[t["ankle"]],
            position="seated",
            reps_min=10,
            reps_max=15,
            side="each-direction",
        ),
        "it_band": ExercisePageFactory(
            parent=library,
            title="IT band roll",
            slug="it-band-roll",
            categories=[t["massage"]],
            body_areas=[t["hip"], t["knee"]],
            tissues=[t["itband"]],
            equipment=[t["roller"]],
            position="side-lying",
            difficulty="moderate",
            steps=steps("Roll slowly from hip to knee.", ("Pause on a tender spot.", 20)),
        ),
        "hip_flexor": ExercisePageFactory(
            parent=library,
            title="Kneeling hip flexor stretch",
            slug="hip-flexor-stretch",
            categories=[t["stretch"]],
            body_areas=[t["hip"]],
            position="kneeling",
            difficulty="challenging",
            hold_min=30,
            side="each-side",
        ),
    }
