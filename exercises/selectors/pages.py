"""Reads behind the library's pages: collections, chains, related exercises, what an exercise
page lists, programme days and the clinical-review list. Each runs a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from exercises.models import (
    Caution,
    CautionItem,
    ExerciseIndexPage,
    ExercisePage,
    ExerciseSettings,
    ProgramDay,
    ProgramPage,
    RoutinePage,
)
from exercises.models.pages import CHAIN_LIMIT

REVIEW_WARNING_DAYS = 30
CHAIN_FIELDS = ("id", "title", "url_path", "path", "depth", "easier_id", "harder_id", "difficulty")


def library_page_size(*, request: HttpRequest) -> int:
    """How many exercises the library shows per page (a site setting)."""
    size: int = ExerciseSettings.for_request(request).library_page_size
    return size


def library_collections(*, index: ExerciseIndexPage) -> dict[str, list[Any]]:
    """Routines and programmes in the library, for the side list."""
    pages = (
        Page.objects.live()
        .public()
        .child_of(index)
        .type(RoutinePage, ProgramPage)
        .order_by("title")
        .specific()
    )
    out: dict[str, list[Any]] = {"routines": [], "programs": []}
    for page in pages:
        out["routines" if isinstance(page, RoutinePage) else "programs"].append(page)
    return out


def library_url_for(page: Any) -> str:
    """The URL of the library the page sits in."""
    parent = page.get_parent()
    url: str = parent.url if parent is not None else ""
    return url


def progression_chain(*, page: ExercisePage) -> list[ExercisePage]:
    """Easier versions (easiest first), the page, then harder versions: one query per link,
    at most CHAIN_LIMIT each way. Stops at unpublished pages and loops."""
    seen = {page.pk}
    easier: list[ExercisePage] = []
    harder: list[ExercisePage] = []
    for attr, out in (("easier_id", easier), ("harder_id", harder)):
        next_id = getattr(page, attr)
        while next_id and next_id not in seen and len(out) < CHAIN_LIMIT:
            live = ExercisePage.objects.live().public()
            found = live.filter(pk=next_id).only(*CHAIN_FIELDS).first()
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


@dataclass
class ExerciseTerms:
    """What an exercise page lists about itself, each loaded once."""

    categories: list[Any]
    body_areas: list[Any]
    equipment_items: list[Any]
    tissues: list[Any]
    tags: list[Any]


def exercise_terms(*, page: ExercisePage) -> ExerciseTerms:
    return ExerciseTerms(
        categories=list(page.categories.all()),
        body_areas=list(page.body_areas.all()),
        equipment_items=list(page.equipment_items.select_related("equipment").all()),
        tissues=list(page.tissues.all()),
        tags=list(page.tags.all()),
    )


def exercise_cautions(*, page: ExercisePage, request: HttpRequest | None) -> list[CautionItem]:
    """The page's own cautions, else the default caution of the request's site."""
    items: list[CautionItem] = page.own_cautions
    if items:
        return items
    default = ExerciseSettings.for_request(request).default_caution if request else None
    return [default] if default else []


def own_cautions_of(pages: Iterable[ExercisePage]) -> dict[int, list[CautionItem]]:
    """Each page's own cautions (as `own_cautions` gives them), reading the reused cautions of
    all the pages in one query instead of one per page."""
    pages = list(pages)
    wanted = {
        raw["value"]
        for page in pages
        for raw in page.cautions.raw_data
        if raw["type"] == "reusable" and raw["value"]
    }
    reused = Caution.objects.in_bulk(wanted) if wanted else {}
    found: dict[int, list[CautionItem]] = {}
    for page in pages:
        items = []
        for raw in page.cautions.raw_data:
            if raw["type"] == "reusable":
                snippet = reused.get(raw["value"])
                if snippet is not None:
                    items.append(CautionItem(snippet.get_kind_display(), snippet.text))
            else:
                block = page.cautions.stream_block.child_blocks[raw["type"]]
                value = block.to_python(raw["value"])
                items.append(CautionItem(value.kind_label, value["text"]))
        found[page.pk] = items
    return found


@dataclass
class DayView:
    number: int
    title: str
    note: str
    members_only: bool
    url: str
    day: ProgramDay


def program_days(*, program: ProgramPage) -> list[DayView]:
    return [
        DayView(
            number=n,
            title=day.title,
            note=day.note,
            members_only=day.members_only or program.is_restricted,
            url=program.day_url(n),
            day=day,
        )
        for n, day in enumerate(program.days.all(), start=1)
    ]


def program_day_items(*, day: ProgramDay) -> list[dict[str, Any]]:
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


def exercises_due_for_review(
    *, today: date, within_days: int = REVIEW_WARNING_DAYS
) -> QuerySet[ExercisePage]:
    """Exercises whose next clinical review date has passed or falls within `within_days` of
    `today`, soonest first, with their reviewer. One query."""
    due: QuerySet[ExercisePage] = (
        ExercisePage.objects.filter(next_review__lte=today + timedelta(days=within_days))
        .select_related("reviewer")
        .defer_streamfields()
        .order_by("next_review", "title")
    )
    return due
