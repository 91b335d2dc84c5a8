"""Reads of the exercise library: library filters with counts, page contexts, chains, days.

Every function runs a fixed number of queries whatever the size of the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from taggit.models import Tag
from wagtail.models import Page

from core.selectors import clean_search_query
from exercises.dosage import duration_text
from exercises.models import (
    DIFFICULTY_CHOICES,
    BodyArea,
    Equipment,
    ExerciseCategory,
    ExerciseIndexPage,
    ExercisePage,
    ExercisePageTag,
    ExerciseSettings,
    ProgramPage,
    RoutinePage,
)
from exercises.models.pages import CHAIN_LIMIT

MAX_VALUES_PER_FILTER = 20
MAX_SEARCH_RESULTS = 500
_SLUG = re.compile(r"^[-\w]{1,120}$")


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list[Option]

    @property
    def selected_count(self) -> int:
        return sum(1 for o in self.options if o.selected)


@dataclass
class ActiveFilter:
    label: str
    remove_url: str


@dataclass
class LibraryResult:
    facets: list[Facet]
    page_obj: object
    total: int
    query: str
    active: list[ActiveFilter]
    ignored: list[str] = field(default_factory=list)

    @property
    def results(self):
        return self.page_obj.object_list

    @property
    def is_filtered(self) -> bool:
        return bool(self.active)


# (param, label, model, relation from the taxonomy model to ExercisePage)
TAXONOMY_FACETS = [
    ("category", "Category", ExerciseCategory, "exercises"),
    ("area", "Body area", BodyArea, "exercises"),
    ("equipment", "Equipment", Equipment, "exercise_uses__page"),
]
# How each facet narrows ExercisePage.
FACET_LOOKUPS = {
    "category": "categories__slug__in",
    "area": "body_areas__slug__in",
    "equipment": "equipment_items__equipment__slug__in",
    "tag": "tags__slug__in",
}
FACET_PARAMS = ["category", "area", "equipment", "difficulty", "tag"]


def _clean_values(params, name: str) -> list[str]:
    values = []
    for raw in params.getlist(name)[:MAX_VALUES_PER_FILTER]:
        value = (raw or "").strip().lower()
        # Only slug-shaped values reach the database (NUL, control characters and the like
        # are ignored, as unknown values are).
        if _SLUG.fullmatch(value) and value not in values:
            values.append(value)
    return values


def parse_library_params(params) -> tuple[dict[str, list[str]], str]:
    """GET parameters as {facet: [slugs]} and a cleaned search query. Never raises."""
    chosen = {name: _clean_values(params, name) for name in FACET_PARAMS}
    return chosen, clean_search_query(params.get("q", ""))


def _narrow(qs, facet: str, values: list[str]):
    if not values:
        return qs
    if facet == "difficulty":
        return qs.filter(difficulty__in=values)
    ids = ExercisePage.objects.filter(**{FACET_LOOKUPS[facet]: values}).values("pk")
    return qs.filter(pk__in=ids)


def _query_string(chosen: dict[str, list[str]], query: str) -> str:
    pairs = [(name, value) for name in FACET_PARAMS for value in chosen.get(name, [])]
    if query:
        pairs.append(("q", query))
    return urlencode(pairs)


def library_search(*, index: ExerciseIndexPage, params, per_page: int = 12) -> LibraryResult:
    """The library's filtered, paginated exercises and the options of every filter with counts.

    Filters combine with AND across kinds and OR within a kind. Each option's count is the
    number of results the reader would get with that option added to the other kinds' filters.
    Unknown values are dropped and listed in `ignored`, so a stale link still works.
    """
    chosen, query = parse_library_params(params)
    base = ExercisePage.objects.live().public().child_of(index)
    searched = base
    if query:
        hits = ExercisePage.objects.live().child_of(index).search(query)[:MAX_SEARCH_RESULTS]
        searched = base.filter(pk__in=[hit.pk for hit in hits])

    def without(facet: str):
        qs = searched
        for name in FACET_PARAMS:
            if name != facet:
                qs = _narrow(qs, name, chosen[name])
        return qs

    facets, ignored = [], []
    for param, label, model, relation in TAXONOMY_FACETS:
        terms = model.objects.annotate(
            total=Count(
                relation, filter=Q(**{f"{relation}__in": base.values("pk")}), distinct=True
            ),
            n=Count(
                relation,
                filter=Q(**{f"{relation}__in": without(param).values("pk")}),
                distinct=True,
            ),
        ).filter(total__gt=0)
        options = [
            Option(t.slug, str(t), t.n, t.slug in chosen[param])
            for t in terms.order_by(*model._meta.ordering)
        ]
        facets.append(Facet(param, label, options))

    difficulty_counts = base.aggregate(
        **{
            value: Count(
                "pk", filter=Q(difficulty=value, pk__in=without("difficulty").values("pk"))
            )
            for value, _ in DIFFICULTY_CHOICES
        }
    )
    facets.append(
        Facet(
            "difficulty",
            "Difficulty",
            [
                Option(value, label, difficulty_counts[value], value in chosen["difficulty"])
                for value, label in DIFFICULTY_CHOICES
            ],
        )
    )

    tag_link = "exercises_exercisepagetag_items"
    tags = (
        Tag.objects.filter(
            pk__in=ExercisePageTag.objects.filter(content_object__in=base.values("pk")).values(
                "tag_id"
            )
        )
        .annotate(
            n=Count(
                tag_link,
                filter=Q(**{f"{tag_link}__content_object__in": without("tag").values("pk")}),
                distinct=True,
            )
        )
        .order_by("name")
    )
    facets.append(
        Facet("tag", "Tag", [Option(t.slug, t.name, t.n, t.slug in chosen["tag"]) for t in tags])
    )

    # Drop values no option knows, so counts, chips and results agree.
    for facet in facets:
        known = {o.value for o in facet.options}
        for value in chosen[facet.param]:
            if value not in known:
                ignored.append(value)
        chosen[facet.param] = [v for v in chosen[facet.param] if v in known]

    results = without(None).order_by("title")
    results = (
        results.select_related("image")
        .prefetch_related("categories", "body_areas", "image__renditions")
        .defer_streamfields()
    )
    paginator = Paginator(results, per_page)
    page_obj = paginator.get_page(params.get("page"))

    active = []
    labels = {f.param: {o.value: o.label for o in f.options} for f in facets}
    for facet in facets:
        for value in chosen[facet.param]:
            rest = {**chosen, facet.param: [v for v in chosen[facet.param] if v != value]}
            active.append(
                ActiveFilter(
                    f"{facet.label}: {labels[facet.param][value]}", "?" + _query_string(rest, query)
                )
            )
    if query:
        active.append(ActiveFilter(f"Search: {query}", "?" + _query_string(chosen, "")))
    return LibraryResult(
        facets=facets,
        page_obj=page_obj,
        total=paginator.count,
        query=query,
        active=active,
        ignored=ignored,
    )


def library_collections(*, index: ExerciseIndexPage) -> dict[str, list[Page]]:
    """Routines and programmes in the library, for the side list."""
    pages = (
        Page.objects.live()
        .public()
        .child_of(index)
        .type(RoutinePage, ProgramPage)
        .order_by("title")
        .specific()
    )
    out = {"routines": [], "programs": []}
    for page in pages:
        out["routines" if isinstance(page, RoutinePage) else "programs"].append(page)
    return out


def progression_chain(*, page: ExercisePage) -> list[ExercisePage]:
    """Easier versions (easiest first), the page, then harder versions: one query per link,
    at most CHAIN_LIMIT each way. Stops at unpublished pages and loops."""
    fields = ("id", "title", "url_path", "path", "depth", "easier_id", "harder_id", "difficulty")
    seen = {page.pk}
    easier, harder = [], []
    for attr, out in (("easier_id", easier), ("harder_id", harder)):
        next_id = getattr(page, attr)
        while next_id and next_id not in seen and len(out) < CHAIN_LIMIT:
            found = ExercisePage.objects.live().public().filter(pk=next_id).only(*fields).first()
            if found is None:
                break
            seen.add(found.pk)
            out.append(found)
            next_id = getattr(found, attr)
    if not (easier or harder):
        return []
    return [*reversed(easier), page, *harder]


def related_exercises(*, page: ExercisePage) -> list[ExercisePage]:
    ids = [item.exercise_id for item in page.related_items.all()]
    if not ids:
        return []
    by_id = {
        p.pk: p
        for p in ExercisePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("image")
        .prefetch_related("image__renditions")
        .defer_streamfields()
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def library_url_for(page) -> str:
    parent = page.get_parent()
    return parent.url if parent is not None else ""


def _cautions(page, request):
    items = page.own_cautions
    if items:
        return items
    default = ExerciseSettings.for_request(request).default_caution if request else None
    return [default] if default else []


def _short_url(page, request) -> str:
    from django.urls import reverse

    path = reverse("exercises_short_link", args=[page.pk])
    return request.build_absolute_uri(path) if request else path


def exercise_page_context(*, page: ExercisePage, request) -> dict:
    from exercises import jsonld

    library_url = library_url_for(page)
    equipment_items = list(page.equipment_items.select_related("equipment").all())
    categories = list(page.categories.all())
    body_areas = list(page.body_areas.all())
    equipment = [
        {
            "item": item,
            "url": f"{library_url}?{urlencode({'equipment': item.equipment.slug})}",
        }
        for item in equipment_items
    ]
    estimate = page.estimated_seconds
    graph = jsonld.exercise_page_graph(
        page=page,
        request=request,
        categories=categories,
        equipment=equipment_items,
        body_areas=body_areas,
    )
    return {
        "cautions": _cautions(page, request),
        "equipment": equipment,
        "library_url": library_url,
        "categories": categories,
        "body_areas": body_areas,
        "tissues": list(page.tissues.all()),
        "tags": list(page.tags.all()),
        "dosage": page.dosage,
        "time_text": duration_text(*estimate) if any(estimate) else "",
        "timer_phases": page.timer_phases,
        "chain": progression_chain(page=page),
        "related": related_exercises(page=page),
        "booking_url": page.booking_url(request),
        "print_url": page.url + page.reverse_subpage("print"),
        "short_url": _short_url(page, request),
        "structured_data": jsonld.scripts(graph),
    }


def routine_items(*, routine: RoutinePage):
    """The routine's items whose exercise is live and public, with what their cards need."""
    items = list(
        routine.items.select_related("exercise", "exercise__image")
        .prefetch_related("exercise__image__renditions")
        .all()
    )
    public_ids = set(
        ExercisePage.objects.live()
        .public()
        .filter(pk__in=[i.exercise_id for i in items])
        .values_list("pk", flat=True)
    )
    return [item for item in items if item.exercise_id in public_ids]


def routine_page_context(*, page: RoutinePage, request) -> dict:
    from exercises import jsonld

    items = page.live_items
    phases = []
    for number, item in enumerate(items, start=1):
        for phase in item.dosage.timer_phases(item.exercise.timed_steps):
            if phase.kind == "ready":
                phase = type(phase)(
                    "ready", phase.seconds, f"Exercise {number}: {item.exercise.title}"
                )
            phases.append(phase)
    return {
        "items": items,
        "cautions": page.cautions_for_display,
        "time_text": page.total_time_text,
        "timer_phases": phases,
        "booking_url": page.booking_url(request),
        "print_url": page.url + page.reverse_subpage("print"),
        "short_url": _short_url(page, request),
        "structured_data": jsonld.scripts(jsonld.routine_page_graph(page=page, request=request)),
    }


@dataclass
class DayView:
    number: int
    title: str
    note: str
    members_only: bool
    url: str
    day: object


def program_days(*, program: ProgramPage, request=None) -> list[DayView]:
    days = list(program.days.all())
    return [
        DayView(
            number=n,
            title=day.title,
            note=day.note,
            members_only=day.members_only or program.is_restricted,
            url=program.day_url(n),
            day=day,
        )
        for n, day in enumerate(days, start=1)
    ]


def program_page_context(*, program: ProgramPage, request) -> dict:
    days = program_days(program=program, request=request)
    return {
        "days": days,
        "has_members_days": any(day.members_only for day in days),
        "booking_url": program.booking_url(request),
    }


def program_day_items(*, day) -> list[dict]:
    """The day's exercises and routines (live and public), with their notes."""
    blocks = [b for b in day.items if b.block_type == "item" and b.value.get("page")]
    ids = [b.value["page"].pk for b in blocks]
    pages = {p.pk: p for p in Page.objects.live().public().filter(pk__in=ids).specific(defer=False)}
    out = []
    for block in blocks:
        target = pages.get(block.value["page"].pk)
        if target is not None:
            kind = "exercise" if isinstance(target, ExercisePage) else "routine"
            out.append({"page": target, "note": block.value.get("note") or "", "kind": kind})
    return out


REVIEW_WARNING_DAYS = 30


def exercises_due_for_review(*, today, within_days: int = REVIEW_WARNING_DAYS):
    """Exercises whose next clinical review date has passed or falls within `within_days` of
    `today`, soonest first, with their reviewer. One query."""
    from datetime import timedelta

    return (
        ExercisePage.objects.filter(next_review__lte=today + timedelta(days=within_days))
        .select_related("reviewer")
        .defer_streamfields()
        .order_by("next_review", "title")
    )
