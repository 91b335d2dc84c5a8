"""The library's search: GET parameters in, the filtered, paginated exercises and every filter's
options with counts out. A fixed number of queries whatever the size of the library."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from taggit.models import Tag

from core.page_cache import memo, shared
from core.pagination import CountedPaginator
from core.selectors import clean_search_query
from exercises.models import (
    DIFFICULTY_CHOICES,
    BodyArea,
    Equipment,
    ExerciseCategory,
    ExerciseIndexPage,
    ExercisePage,
    ExercisePageTag,
)

MAX_VALUES_PER_FILTER = 20
MAX_SEARCH_RESULTS = 500
_SLUG = re.compile(r"^[-\w]{1,120}$")

Chosen = dict[str, list[str]]
Narrowed = Callable[[str | None], "QuerySet[Any]"]


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
    page_obj: PaginatorPage[Any]
    total: int
    query: str
    active: list[ActiveFilter]
    ignored: list[str] = field(default_factory=list)

    @property
    def results(self) -> Any:
        return self.page_obj.object_list

    @property
    def is_filtered(self) -> bool:
        return bool(self.active)


# (param, label, model, relation from the taxonomy model to ExercisePage)
TAXONOMY_FACETS: list[tuple[str, str, Any, str]] = [
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
TAG_LINK = "exercises_exercisepagetag_items"


def _clean_values(params: QueryDict, name: str) -> list[str]:
    values: list[str] = []
    for raw in params.getlist(name)[:MAX_VALUES_PER_FILTER]:
        value = (raw or "").strip().lower()
        # Only slug-shaped values reach the database (NUL, control characters and the like
        # are ignored, as unknown values are).
        if _SLUG.fullmatch(value) and value not in values:
            values.append(value)
    return values


def parse_library_params(params: QueryDict) -> tuple[Chosen, str]:
    """GET parameters as {facet: [slugs]} and a cleaned search query. Never raises."""
    chosen = {name: _clean_values(params, name) for name in FACET_PARAMS}
    return chosen, clean_search_query(params.get("q", "") or "")


def _narrow(qs: QuerySet[Any], facet: str, values: list[str]) -> QuerySet[Any]:
    if not values:
        return qs
    if facet == "difficulty":
        return qs.filter(difficulty__in=values)
    ids = ExercisePage.objects.filter(**{FACET_LOOKUPS[facet]: values}).values("pk")
    return qs.filter(pk__in=ids)


def _chosen_key(chosen: Chosen) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((name, tuple(values)) for name, values in chosen.items()))


def _query_string(chosen: Chosen, query: str) -> str:
    pairs = [(name, value) for name in FACET_PARAMS for value in chosen.get(name, [])]
    if query:
        pairs.append(("q", query))
    return urlencode(pairs)


def _taxonomy_facets(base: QuerySet[Any], without: Narrowed, chosen: Chosen) -> list[Facet]:
    facets = []
    for param, label, model, relation in TAXONOMY_FACETS:
        in_base = Q(**{f"{relation}__in": base.values("pk")})
        narrowed = without(param)
        # Nothing else chosen: the count with the option added is its count in the library.
        terms = model.objects.annotate(total=Count(relation, filter=in_base, distinct=True))
        if narrowed is not base:
            in_narrowed = Q(**{f"{relation}__in": narrowed.values("pk")})
            terms = terms.annotate(n=Count(relation, filter=in_narrowed, distinct=True))
        options = [
            Option(t.slug, str(t), getattr(t, "n", t.total), t.slug in chosen[param])
            for t in terms.order_by(*model._meta.ordering)
            if t.total
        ]
        facets.append(Facet(param, label, options))
    return facets


def _difficulty_facet(base: QuerySet[Any], without: Narrowed, chosen: Chosen) -> Facet:
    narrowed = without("difficulty")
    within = Q() if narrowed is base else Q(pk__in=narrowed.values("pk"))
    counts = base.aggregate(
        **{
            value: Count("pk", filter=Q(difficulty=value) & within)
            for value, _ in DIFFICULTY_CHOICES
        }
    )
    options = [
        Option(value, label, counts[value], value in chosen["difficulty"])
        for value, label in DIFFICULTY_CHOICES
    ]
    return Facet("difficulty", "Difficulty", options)


def _tag_facet(base: QuerySet[Any], without: Narrowed, chosen: Chosen) -> Facet:
    on_pages = ExercisePageTag.objects.filter(content_object__in=base.values("pk"))
    narrowed = without("tag")
    if narrowed is base:
        tags = Tag.objects.filter(**{f"{TAG_LINK}__in": on_pages}).annotate(
            n=Count(TAG_LINK, distinct=True)
        )
    else:
        tags = Tag.objects.filter(pk__in=on_pages.values("tag_id")).annotate(
            n=Count(
                TAG_LINK,
                filter=Q(**{f"{TAG_LINK}__content_object__in": narrowed.values("pk")}),
                distinct=True,
            )
        )
    options = [Option(t.slug, t.name, t.n, t.slug in chosen["tag"]) for t in tags.order_by("name")]
    return Facet("tag", "Tag", options)


def _drop_unknown(facets: list[Facet], chosen: Chosen) -> list[str]:
    """Drop values no option knows, so counts, chips and results agree; return them."""
    ignored: list[str] = []
    for facet in facets:
        known = {o.value for o in facet.options}
        ignored.extend(value for value in chosen[facet.param] if value not in known)
        chosen[facet.param] = [v for v in chosen[facet.param] if v in known]
    return ignored


def _active_filters(facets: list[Facet], chosen: Chosen, query: str) -> list[ActiveFilter]:
    """A chip per chosen value (and the search), each linking to the library without it."""
    active = []
    for facet in facets:
        labels = {o.value: o.label for o in facet.options}
        for value in chosen[facet.param]:
            rest = {**chosen, facet.param: [v for v in chosen[facet.param] if v != value]}
            active.append(
                ActiveFilter(f"{facet.label}: {labels[value]}", "?" + _query_string(rest, query))
            )
    if query:
        active.append(ActiveFilter(f"Search: {query}", "?" + _query_string(chosen, "")))
    return active


def library_search(
    *, index: ExerciseIndexPage, params: QueryDict, per_page: int = 12
) -> LibraryResult:
    """The library's filtered, paginated exercises and the options of every filter with counts.

    Filters combine with AND across kinds and OR within a kind. Each option's count is the
    number of results the reader would get with that option added to the other kinds' filters.
    Unknown values are dropped and listed in `ignored`, so a stale link still works.
    """
    chosen, query = parse_library_params(params)
    page = params.get("page")
    # The result depends only on the filters, the page and the library: kept until the next purge.
    key = ("library", index.pk, query, _chosen_key(chosen), page, per_page)
    return memo.memoised(
        key, lambda: _library_result(index, chosen, query, page=page, per_page=per_page)
    )


def _narrowed(searched: QuerySet[Any], chosen: Chosen, skip: str | None) -> QuerySet[Any]:
    """The exercises matching every chosen filter except those of `skip` (the same queryset
    object when nothing narrows it)."""
    qs = searched
    for name in FACET_PARAMS:
        if name != skip:
            qs = _narrow(qs, name, chosen[name])
    return qs


def _counts(
    base: QuerySet[Any], searched: QuerySet[Any], chosen: Chosen
) -> tuple[list[Facet], int]:
    """Every filter's options with counts, and the number of results: they read the whole
    library, so they are kept until the next publish (core.page_cache.shared)."""

    def without(facet: str | None) -> QuerySet[Any]:
        return _narrowed(searched, chosen, facet)

    facets = [
        *_taxonomy_facets(base, without, chosen),
        _difficulty_facet(base, without, chosen),
        _tag_facet(base, without, chosen),
    ]
    known = {name: list(values) for name, values in chosen.items()}
    _drop_unknown(facets, known)
    return facets, _narrowed(searched, known, None).count()


def _library_result(
    index: ExerciseIndexPage, chosen: Chosen, query: str, *, page: str | None, per_page: int
) -> LibraryResult:
    base = ExercisePage.objects.live().public().child_of(index)
    searched = base
    if query:
        hits = ExercisePage.objects.live().child_of(index).search(query)[:MAX_SEARCH_RESULTS]
        searched = base.filter(pk__in=[hit.pk for hit in hits])
    key = ("library-counts", index.pk, query, _chosen_key(chosen))
    facets, total = shared.kept(key, lambda: _counts(base, searched, chosen))
    ignored = _drop_unknown(facets, chosen)
    # A Wagtail PageQuerySet (defer_streamfields), which the type checker cannot see.
    narrowed: Any = _narrowed(searched, chosen, None)
    results = (
        narrowed.order_by("title", "id")
        .select_related("image")
        .prefetch_related("categories", "body_areas", "image__renditions")
        .defer_streamfields()
    )
    paginator = CountedPaginator(results, per_page, count=total)
    page_obj = paginator.get_page(page)
    page_obj.object_list = list(page_obj.object_list)  # read now: the result may be kept
    return LibraryResult(
        facets=facets,
        page_obj=page_obj,
        total=total,
        query=query,
        active=_active_filters(facets, chosen, query),
        ignored=ignored,
    )
