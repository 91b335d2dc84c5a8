"""The context each library page's template prints: the library, an exercise, a routine, a
programme and one of its days."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest

from core.links import profile_link
from core.page_cache import memo
from exercises import selectors
from exercises.dosage import Phase, duration_text
from exercises.models import ExerciseIndexPage, ExercisePage, ProgramPage, RoutinePage
from exercises.presenters import jsonld
from exercises.presenters.handout import short_url
from exercises.selectors import DayView

Context = dict[str, Any]


def booking_cta(page: ExercisePage | RoutinePage | ProgramPage, request: HttpRequest) -> Context:
    """The 'Book' link and the data of its "Next free" line (filled after load by a script)."""
    link = page.booking_link(request)
    return {
        "booking_url": link.href if link is not None else "",
        "next_free": link.next_free() if link is not None else None,
    }


def library_context(*, page: ExerciseIndexPage, request: HttpRequest) -> Context:
    per_page = selectors.library_page_size(request=request)
    return {
        "library": selectors.library_search(index=page, params=request.GET, per_page=per_page),
        "collections": selectors.library_collections(index=page),
    }


def exercise_page_context(*, page: ExercisePage, request: HttpRequest) -> Context:
    """Built once per page, host and purge: nothing in it depends on who is reading."""
    key = ("exercise-page", page.pk, request.scheme, request.get_host())
    return memo.memoised(key, lambda: _exercise_page_context(page=page, request=request))


def _exercise_page_context(*, page: ExercisePage, request: HttpRequest) -> Context:
    library_url = selectors.library_url_for(page)
    terms = selectors.exercise_terms(page=page)
    equipment = [
        {"item": item, "url": f"{library_url}?{urlencode({'equipment': item.equipment.slug})}"}
        for item in terms.equipment_items
    ]
    estimate = page.estimated_seconds
    reviewer_url = profile_link(request=request, person=page.reviewer)
    graph = jsonld.exercise_page_graph(
        page=page,
        request=request,
        categories=terms.categories,
        equipment=terms.equipment_items,
        body_areas=terms.body_areas,
        reviewer_url=reviewer_url,
    )
    return {
        "cautions": selectors.exercise_cautions(page=page, request=request),
        "equipment": equipment,
        "library_url": library_url,
        "categories": terms.categories,
        "body_areas": terms.body_areas,
        "tissues": terms.tissues,
        "tags": terms.tags,
        "dosage": page.dosage,
        "time_text": duration_text(*estimate) if any(estimate) else "",
        "timer_phases": page.timer_phases,
        "chain": selectors.progression_chain(page=page),
        "related": selectors.related_exercises(page=page),
        **booking_cta(page, request),
        "reviewer_url": reviewer_url,
        "print_url": page.url + page.reverse_subpage("print"),
        "short_url": short_url(page, request),
        "structured_data": jsonld.scripts(graph),
    }


def routine_timer_phases(page: RoutinePage) -> list[Phase]:
    """The follow-along plan of the whole routine; each exercise's first phase names it."""
    phases = []
    for number, item in enumerate(page.live_items, start=1):
        for phase in item.dosage.timer_phases(item.exercise.timed_steps):
            if phase.kind == "ready":
                phase = Phase("ready", phase.seconds, f"Exercise {number}: {item.exercise.title}")
            phases.append(phase)
    return phases


def routine_page_context(*, page: RoutinePage, request: HttpRequest) -> Context:
    """Built once per page, host and purge, like an exercise's."""
    key = ("routine-page", page.pk, request.scheme, request.get_host())
    return memo.memoised(key, lambda: _routine_page_context(page=page, request=request))


def _routine_page_context(*, page: RoutinePage, request: HttpRequest) -> Context:
    graph = jsonld.routine_page_graph(page=page, request=request)
    return {
        "items": page.live_items,
        "cautions": page.cautions_for_display,
        "time_text": page.total_time_text,
        "timer_phases": routine_timer_phases(page),
        **booking_cta(page, request),
        "print_url": page.url + page.reverse_subpage("print"),
        "short_url": short_url(page, request),
        "structured_data": jsonld.scripts(graph),
    }


def program_page_context(*, page: ProgramPage, request: HttpRequest) -> Context:
    days = selectors.program_days(program=page)
    return {
        "days": days,
        "has_members_days": any(day.members_only for day in days),
        **booking_cta(page, request),
    }


def program_day_context(*, days: list[DayView], number: int) -> Context:
    """What a day adds to the programme's context: the day, its items and its neighbours."""
    current = days[number - 1]
    return {
        "current": current,
        "items": selectors.program_day_items(day=current.day),
        "previous_day": days[number - 2] if number > 1 else None,
        "next_day": days[number] if number < len(days) else None,
    }
