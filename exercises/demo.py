"""Demo exercise library: taxonomy, a dozen exercises, a routine and a 7-day programme, built
from the data in `exercises.demo_content`. Only the load_demo command runs these steps.

Every step is idempotent: terms are fetched or created by slug, pages by their slug under the
library, and relations are only filled in when the page is first built.
"""

from typing import Any

from django.apps import apps

from core.demo_kit import DemoContext, demo_image, demo_step
from core.models import Person
from exercises import demo_content as content
from exercises.models import (
    BodyArea,
    Caution,
    Equipment,
    ExerciseCategory,
    ExerciseEquipment,
    ExerciseIndexPage,
    ExercisePage,
    ExerciseSettings,
    ProgramDay,
    ProgramPage,
    RelatedExercise,
    RoutineItem,
    RoutinePage,
    Tissue,
)


def _child(parent: Any, model: Any, slug: str, **fields: Any) -> tuple[Any, bool]:
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return page, True


@demo_step(100, "exercise library taxonomy")
def build_taxonomy(ctx: DemoContext) -> None:
    for slug, name, text in content.CATEGORIES:
        ExerciseCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": text}
        )
    areas = {name: BodyArea.objects.get_or_create(name=name)[0] for name in content.AREAS}
    for name, area, aka in content.TISSUES:
        Tissue.objects.get_or_create(
            name=name, defaults={"body_area": areas[area], "also_known_as": aka}
        )
    for name, size, firmness in content.EQUIPMENT.values():
        Equipment.objects.get_or_create(name=name, size=size, firmness=firmness)
    for title, kind, text in content.CAUTIONS.values():
        Caution.objects.get_or_create(title=title, defaults={"kind": kind, "text": text})
    settings = ExerciseSettings.for_site(ctx.site)
    settings.save()


def _equipment(key: str) -> Equipment:
    name, size, firmness = content.EQUIPMENT[key]
    return Equipment.objects.get(name=name, size=size, firmness=firmness)


def _cautions(specs: list[Any]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for spec in specs:
        if isinstance(spec, tuple):
            out.append(("caution", {"kind": spec[0], "text": spec[1]}))
        else:
            out.append(("reusable", Caution.objects.get(title=content.CAUTIONS[spec][0])))
    return out


def _exercise_fields(spec: dict[str, Any], *, seed: int, reviewer: Person) -> dict[str, Any]:
    """The fields of a new exercise page from its entry in `content.EXERCISES`."""
    url, title = spec.get("video") or ("", "")
    return {
        "title": spec["title"],
        "summary": spec["summary"],
        "image": demo_image(title=spec["title"], seed=seed),
        "position": spec["position"],
        "difficulty": spec["difficulty"],
        "steps": spec["steps"],
        "cautions": _cautions(spec["cautions"]),
        "videos": [("video", content.video(url, title, spec["summary"]))] if url else [],
        "last_reviewed": content.LAST_REVIEWED,
        "reviewer": reviewer,
        "categories": list(ExerciseCategory.objects.filter(slug__in=spec["categories"])),
        "body_areas": list(BodyArea.objects.filter(name__in=spec["areas"])),
        "tissues": list(Tissue.objects.filter(name__in=spec["tissues"])),
        "equipment_items": [
            ExerciseEquipment(equipment=_equipment(key), note=note, sort_order=n)
            for n, (key, note) in enumerate(spec["equipment"])
        ],
        **spec["dosage"],
    }


def _link_chain(pages: dict[str, Any]) -> None:
    """Easier and harder versions along `content.CHAIN`."""
    for easier, harder in zip(content.CHAIN, content.CHAIN[1:], strict=False):
        a, b = pages[easier], pages[harder]
        if a.harder_id != b.pk or b.easier_id != a.pk:
            a.harder, b.easier = b, a
            a.save_revision().publish()
            b.save_revision().publish()


def _link_related(pages: dict[str, Any]) -> None:
    for slug, related in content.RELATED.items():
        page = pages[slug]
        if not page.related_items.exists():
            for n, other in enumerate(related):
                page.related_items.add(
                    RelatedExercise(page=page, exercise=pages[other], sort_order=n)
                )
            page.save_revision().publish()


@demo_step(110, "exercise library and exercises")
def build_exercises(ctx: DemoContext) -> None:
    library, _ = _child(ctx.home, ExerciseIndexPage, "exercises", **content.LIBRARY)
    if not library.live or library.has_unpublished_changes or not library.latest_revision_id:
        library.save_revision().publish()
    reviewer = Person.objects.get(slug=content.REVIEWER)
    pages = {}
    for seed, (slug, spec) in enumerate(content.EXERCISES.items(), start=40):
        fields = _exercise_fields(spec, seed=seed, reviewer=reviewer)
        page, created = _child(library, ExercisePage, slug, **fields)
        if created:
            page.tags.add(*spec["tags"])
            page.save_revision().publish()
            ctx.out(f"created exercise {spec['title']}")
        pages[slug] = page
    _link_chain(pages)
    _link_related(pages)
    ctx.pages.update(exercise_library=library, exercises=pages)


@demo_step(120, "knee routine")
def build_routine(ctx: DemoContext) -> None:
    library, pages = ctx.pages["exercise_library"], ctx.pages["exercises"]
    spec = dict(content.ROUTINE)
    routine, created = _child(
        library,
        RoutinePage,
        spec.pop("slug"),
        **spec,
        image=demo_image(title=content.ROUTINE["title"], seed=70),
        items=[
            RoutineItem(exercise=pages[slug], sort_order=n, **fields)
            for n, (slug, fields) in enumerate(content.ROUTINE_ITEMS)
        ],
    )
    if created:
        routine.save_revision().publish()
        ctx.out("created the knee routine")
    ctx.pages["knee_routine"] = routine


@demo_step(130, "seven-day knee programme")
def build_programme(ctx: DemoContext) -> None:
    library, pages = ctx.pages["exercise_library"], ctx.pages["exercises"]
    routine = ctx.pages["knee_routine"]

    def items(keys: list[str]) -> list[tuple[str, dict[str, Any]]]:
        return [
            ("item", {"page": routine if key == "routine" else pages[key], "note": ""})
            for key in keys
        ]

    spec = dict(content.PROGRAMME)
    programme, created = _child(
        library,
        ProgramPage,
        spec.pop("slug"),
        **spec,
        image=demo_image(title=content.PROGRAMME["title"], seed=71),
        days=[
            ProgramDay(
                title=title, note=note, items=items(keys), members_only=members, sort_order=n
            )
            for n, (title, note, keys, members) in enumerate(content.DAYS)
        ],
    )
    if created:
        programme.save_revision().publish()
        ctx.out("created the seven-day programme")


@demo_step(340, "exercise booking links")
def link_booking_service(ctx: DemoContext) -> None:
    """Knee exercises and the knee routine pre-select the initial assessment once booking's
    services exist (they are made after the library). Looked up by label: no booking import."""
    service = apps.get_model("booking", "Service").objects.filter(slug="initial-assessment").first()
    if service is None:
        return
    pages = [
        *ExercisePage.objects.filter(body_areas__name="Knee", booking_service__isnull=True),
        *RoutinePage.objects.filter(slug="three-step-knee-reset", booking_service__isnull=True),
    ]
    for page in pages:
        page.booking_service = service
        page.save_revision().publish()
    if pages:
        ctx.out(f"linked {len(pages)} exercise pages to the initial assessment")
