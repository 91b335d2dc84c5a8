"""Factories for the exercise library. Pages build under `parent=`."""

import factory
import wagtail_factories
from wagtail.search import index

from core.models import Person
from exercises.models import (
    BodyArea,
    Caution,
    Equipment,
    ExerciseCategory,
    ExerciseEquipment,
    ExerciseIndexPage,
    ExercisePage,
    ProgramDay,
    ProgramPage,
    RoutineItem,
    RoutinePage,
    Tissue,
)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class BodyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class TissueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tissue
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Muscle {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment
        django_get_or_create = ("name", "size", "firmness")

    name = factory.Sequence(lambda n: f"tool {n}")
    size = ""
    firmness = ""


class CautionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Caution
        django_get_or_create = ("title",)

    title = factory.Sequence(lambda n: f"caution {n}")
    kind = "avoid"
    text = "you had knee surgery in the last three months."


class ReviewerFactory(factory.django.DjangoModelFactory):
    """An exercise's reviewer: one of the practice's people."""

    class Meta:
        model = Person
        django_get_or_create = ("slug",)

    name = "Robin Hale"
    slug = "robin-hale"
    role = "Registered massage therapist"
    qualifications = "RMT"


class ExerciseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExerciseIndexPage

    title = "Exercises"
    slug = "exercises"
    intro = "Self-massage, mobility and stretches you can do at home."


def steps(*items):
    """StreamField data for steps: each item is text or (text, hold_seconds)."""
    out = []
    for item in items or ("Lie face down and rest your forehead on your hands.",):
        text, hold = item if isinstance(item, tuple) else (item, None)
        out.append(
            ("step", {"text": f"<p>{text}</p>", "image": None, "alt": "", "hold_seconds": hold})
        )
    return out


class ExercisePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExercisePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Exercise {n}")
    summary = "A gentle way to ease the back of the knee."
    position = "face-down"
    difficulty = "gentle"
    steps = factory.LazyFunction(steps)

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)
            obj.save()

    @factory.post_generation
    def body_areas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.body_areas.set(extracted)
            obj.save()

    @factory.post_generation
    def tissues(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tissues.set(extracted)
            obj.save()

    @factory.post_generation
    def equipment(obj, create, extracted, **kwargs):
        if create and extracted:
            for order, item in enumerate(extracted):
                equipment, note = item if isinstance(item, tuple) else (item, "")
                ExerciseEquipment.objects.create(
                    page=obj, equipment=equipment, note=note, sort_order=order
                )

    @factory.post_generation
    def tag_names(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()

    @factory.post_generation
    def reindex(obj, create, extracted, **kwargs):
        # Publishing reindexes (exercises.search); factories do not publish, so index here.
        if create and extracted is not False:
            index.insert_or_update_object(obj)


class RoutinePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RoutinePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Routine {n}")
    summary = "Three short steps for a stiff knee."

    @factory.post_generation
    def exercises(obj, create, extracted, **kwargs):
        if create and extracted:
            for order, item in enumerate(extracted):
                exercise, overrides = item if isinstance(item, tuple) else (item, {})
                RoutineItem.objects.create(
                    routine=obj, exercise=exercise, sort_order=order, **overrides
                )


class ProgramPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgramPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Programme {n}")
    summary = "A week of short sessions for easier knees."
    intro = "<p>One short session a day for a week.</p>"

    @factory.post_generation
    def days(obj, create, extracted, **kwargs):
        if create and extracted:
            for order, spec in enumerate(extracted):
                ProgramDay.objects.create(program=obj, sort_order=order, **spec)


def day_items(*pages, note=""):
    return [("item", {"page": page, "note": note}) for page in pages]
