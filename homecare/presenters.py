"""What the patient's pages print: their programme with each item's cautions, their own dosage,
steps, video and timer, the days they ticked, the review booking link and the handout's QR code.
Plain values from the programme the selector loaded: no queries beyond the ticks and settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from core.links import booking_link_for
from exercises.dosage import Dosage, Phase
from exercises.models import ExercisePage, ExerciseSettings, RoutinePage
from exercises.models.taxonomy import CautionItem
from exercises.presenters.handout import qr_svg
from exercises.selectors import own_cautions_of
from homecare import selectors
from homecare.models import HomeProgramme, HomeProgrammeItem
from homecare.selectors import LinkEnded

Context = dict[str, Any]


@dataclass(frozen=True)
class RoutineEntry:
    """One exercise of a routine item, with the patient's dosage on top of the routine's."""

    exercise: ExercisePage
    dosage: Dosage
    note: str


@dataclass
class ItemView:
    item: HomeProgrammeItem
    title: str
    url: str
    cautions: list[CautionItem]
    dosage: Dosage
    note: str
    exercise: ExercisePage | None
    routine: RoutinePage | None
    entries: list[RoutineEntry] = field(default_factory=list)
    timer_phases: list[Phase] = field(default_factory=list)
    done_today: bool = False
    days_this_week: int = 0

    @property
    def anchor(self) -> str:
        return f"item-{self.item.pk}"

    @property
    def breathing(self) -> tuple[int, int] | None:
        return self.dosage.breathing if self.exercise is not None else None


def link_url(name: str, token: str, *, request: HttpRequest | None = None) -> str:
    """A page behind the link: /my-programme/?t=<token> (absolute with a request)."""
    path = f"{reverse(name)}?{urlencode({'t': token})}"
    return request.build_absolute_uri(path) if request is not None else path


def _default_cautions(request: HttpRequest) -> list[CautionItem]:
    default = ExerciseSettings.for_request(request).default_caution
    return [default] if default else []


def _routine_entries(item: HomeProgrammeItem, routine: RoutinePage) -> list[RoutineEntry]:
    own = item.own_dosage
    return [
        RoutineEntry(
            exercise=entry.exercise, dosage=entry.dosage.overlaid(own), note=entry.note or ""
        )
        for entry in routine.items.all()
    ]


def _routine_phases(entries: list[RoutineEntry]) -> list[Phase]:
    """The whole routine with the patient's dosage; each exercise's first phase names it."""
    phases = []
    for number, entry in enumerate(entries, start=1):
        for phase in entry.dosage.timer_phases(entry.exercise.timed_steps):
            if phase.kind == "ready":
                label = f"Exercise {number}: {entry.exercise.title}"
                phase = Phase("ready", phase.seconds, label)
            phases.append(phase)
    return phases


def _routine_cautions(
    entries: list[RoutineEntry], request: HttpRequest, own: Mapping[int, list[CautionItem]]
) -> list[CautionItem]:
    """The routine's cautions: those of its exercises without repeats, else the site's."""
    seen: set[str] = set()
    cautions: list[CautionItem] = []
    for entry in entries:
        for caution in own.get(entry.exercise.pk, []):
            if caution.text not in seen:
                seen.add(caution.text)
                cautions.append(caution)
    return cautions or _default_cautions(request)


def _own_cautions(items: list[HomeProgrammeItem]) -> dict[int, list[CautionItem]]:
    """The own cautions of every exercise on the page, its routines' included, read at once."""
    pages = [item.exercise for item in items if item.exercise is not None]
    pages += [
        entry.exercise
        for item in items
        if item.exercise is None and item.routine is not None
        for entry in item.routine.items.all()
    ]
    return own_cautions_of(pages)


def item_view(
    item: HomeProgrammeItem, *, request: HttpRequest, own: Mapping[int, list[CautionItem]]
) -> ItemView:
    if item.exercise is not None:
        exercise: ExercisePage = item.exercise
        dosage = item.dosage
        return ItemView(
            item=item,
            title=exercise.title,
            url=exercise.get_url(request=request) or "",
            cautions=own.get(exercise.pk) or _default_cautions(request),
            dosage=dosage,
            note=item.note,
            exercise=exercise,
            routine=None,
            timer_phases=dosage.timer_phases(exercise.timed_steps),
        )
    routine: RoutinePage = item.routine
    entries = _routine_entries(item, routine)
    return ItemView(
        item=item,
        title=routine.title,
        url=routine.get_url(request=request) or "",
        cautions=_routine_cautions(entries, request, own),
        dosage=item.own_dosage,
        note=item.note,
        exercise=None,
        routine=routine,
        entries=entries,
        timer_phases=_routine_phases(entries),
    )


def review_link(programme: HomeProgramme, *, request: HttpRequest) -> str:
    """The booking page with the same practitioner and service chosen ("" without one)."""
    link = booking_link_for(
        request=request,
        service=programme.service.slug if programme.service is not None else None,
        practitioner=programme.practitioner.slug,
        use_offer=False,
    )
    return link.href if link is not None else ""


def programme_context(
    *, programme: HomeProgramme, token: str, today: date, request: HttpRequest
) -> Context:
    shown = selectors.shown_items(programme)
    own = _own_cautions(shown)
    items = [item_view(item, request=request, own=own) for item in shown]
    monday = today - timedelta(days=today.weekday())
    ticked = selectors.ticked_days(programme=programme, first=monday, last=today)
    for view in items:
        days = ticked.get(view.item.pk, set())
        view.done_today = today in days
        view.days_this_week = len(days)
    review = programme.review_in_days
    return {
        "programme": programme,
        "items": items,
        "token": token,
        "today": today,
        "review_date": programme.start_date + timedelta(days=review) if review else None,
        "review_url": review_link(programme, request=request),
        "tick_url": link_url("homecare_tick", token),
        "handout_url": link_url("homecare_handout", token),
        "page_count": {},
        "meta_title": programme.title,
    }


def handout_context(
    *, programme: HomeProgramme, token: str, today: date, request: HttpRequest
) -> Context:
    context = programme_context(programme=programme, token=token, today=today, request=request)
    page_url = link_url("homecare_programme", token, request=request)
    return {
        **context,
        "is_print": True,
        "page_url": page_url,
        "back_url": link_url("homecare_programme", token),
        "qr_svg": qr_svg(page_url, label="QR code linking to your home programme"),
    }


ENDED_TEXT = {
    LinkEnded.INVALID: (
        "This link does not work",
        "The link may be cut short or mistyped, or a newer one has been sent to you. Please "
        "use the latest e-mail from us, or call us and we will send it again.",
        404,
    ),
    LinkEnded.EXPIRED: (
        "This link has ended",
        "Links to home programmes work for a set time, and this one has ended. Call us and we "
        "will send you a new one, or book a visit to review your programme.",
        410,
    ),
    LinkEnded.REVOKED: (
        "This link has ended",
        "Your practitioner has ended this link, perhaps because your programme changed. Call "
        "us and we will send you the current one.",
        410,
    ),
}


def ended_context(reason: LinkEnded) -> tuple[Context, int]:
    title, message, status = ENDED_TEXT[reason]
    return {"title": title, "message": message, "meta_title": title}, status


def refused_context(message: str, *, token: str) -> Context:
    """A tick we could not save: say why, and lead back to the programme."""
    title = "We could not save that"
    back_url = link_url("homecare_programme", token)
    return {"title": title, "message": message, "back_url": back_url, "meta_title": title}
