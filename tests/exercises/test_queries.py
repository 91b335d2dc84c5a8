"""The library, an exercise page and a programme day run the same number of SQL queries with
10 and with 300 exercises in the library."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exercises.models import ExerciseEquipment, ExercisePage, ExercisePageTag, RelatedExercise
from tests.exercises.factories import (
    ExercisePageFactory,
    ProgramPageFactory,
    RoutinePageFactory,
    day_items,
)
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

# Upper bounds measured on SQLite (see the closing report); a rise means a new N+1 or lookup.
LIBRARY_MAX = 32
EXERCISE_MAX = 37
DAY_MAX = 28


def add_exercises(library, terms, count, start=0):
    """Exercises with categories, areas, equipment, tags and images, like real content."""
    image = ImageFactory()
    Category = ExercisePage.categories.through
    Area = ExercisePage.body_areas.through
    pages = [
        ExercisePageFactory(
            parent=library,
            title=f"Drill {start + n:03d}",
            slug=f"drill-{start + n}",
            image=image,
            hold_min=30,
            side="each-side",
            reindex=False,
        )
        for n in range(count)
    ]
    Category.objects.bulk_create(
        [Category(exercisepage=p, exercisecategory=terms["mobility"]) for p in pages]
    )
    Area.objects.bulk_create([Area(exercisepage=p, bodyarea=terms["knee"]) for p in pages])
    ExerciseEquipment.objects.bulk_create(
        [ExerciseEquipment(page=p, equipment=terms["chair"], sort_order=0) for p in pages]
    )
    from taggit.models import Tag

    tag, _ = Tag.objects.get_or_create(name="desk workers", slug="desk-workers")
    ExercisePageTag.objects.bulk_create([ExercisePageTag(content_object=p, tag=tag) for p in pages])
    return pages


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_stay_flat_as_the_library_grows(client, library, terms, catalogue):
    featured = catalogue["knee_circles"]
    featured.easier = catalogue["ankle_circles"]
    featured.harder = catalogue["it_band"]
    featured.save()
    for order, key in enumerate(["popliteus", "hip_flexor"]):
        RelatedExercise.objects.create(page=featured, exercise=catalogue[key], sort_order=order)
    routine = RoutinePageFactory(parent=library, exercises=[catalogue["popliteus"], featured])
    programme = ProgramPageFactory(
        parent=library,
        slug="knee-week",
        days=[
            {"title": "One", "items": day_items(catalogue["ankle_circles"])},
            {"title": "Two", "items": day_items(featured, catalogue["popliteus"], routine)},
            {"title": "Three", "items": day_items(catalogue["it_band"])},
        ],
    )
    add_exercises(library, terms, 5)  # 10 exercises
    assert ExercisePage.objects.count() == 10

    urls = {
        "library": (library.url, {}),
        "library filtered": (library.url, {"category": "mobility", "area": "knee", "page": "2"}),
        "library search": (library.url, {"q": "drill"}),
        "exercise": (featured.url, {}),
        "routine": (routine.url, {}),
        "programme day": (programme.url + "day/2/", {}),
    }
    for url, params in urls.values():  # warm caches (site root paths, renditions)
        client.get(url, params)
    small = {name: count_queries(client, *spec) for name, spec in urls.items()}

    add_exercises(library, terms, 290, start=100)
    assert ExercisePage.objects.count() == 300
    for url, params in urls.values():
        client.get(url, params)
    large = {name: count_queries(client, *spec) for name, spec in urls.items()}

    assert small == large
    assert large["library"] <= LIBRARY_MAX
    assert large["library filtered"] <= LIBRARY_MAX
    assert large["exercise"] <= EXERCISE_MAX
    assert large["programme day"] <= DAY_MAX
