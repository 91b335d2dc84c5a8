"""Reads behind the patient's signed link: the programme a link opens (or why it opens nothing)
and the days each item was ticked done."""

from collections import defaultdict
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.db.models import Prefetch

from exercises.models import RoutineItem
from homecare.models import HomeProgramme, HomeProgrammeItem, HomeProgrammeTick
from homecare.tokens import InvalidLink, read_programme_token

# Longer than any token we make; a longer value is refused before it is unsigned.
MAX_TOKEN_LENGTH = 200


class LinkEnded(StrEnum):
    """Why a link opens nothing: it never worked (tampered, unknown, an older version, never
    sent) or it worked and has ended."""

    INVALID = "invalid"
    EXPIRED = "expired"
    REVOKED = "revoked"


def _items() -> Prefetch[Any, Any, Any]:
    routine_items = (
        RoutineItem.objects.filter(exercise__live=True)
        .select_related("exercise")
        .order_by("sort_order", "pk")
    )
    items = (
        HomeProgrammeItem.objects.select_related("exercise", "routine")
        .prefetch_related(Prefetch("routine__items", queryset=routine_items))
        .order_by("sort_order", "pk")
    )
    return Prefetch("items", queryset=items)


def programme_for_link(*, token: str, now: datetime) -> HomeProgramme | LinkEnded:
    """The programme a signed link opens, with its items, their exercises or routines (and the
    routines' exercises) loaded; or why it opens nothing.

    A link works when the token is ours, names a programme and that programme's current link
    version, the programme was sent, and it is neither revoked nor past its expiry."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return LinkEnded.INVALID
    try:
        programme_id, version = read_programme_token(token)
    except InvalidLink:
        return LinkEnded.INVALID
    # The base class is untyped (modelcluster): name what the query returns.
    programme: HomeProgramme | None = (
        HomeProgramme.objects.select_related("practitioner", "service")
        .prefetch_related(_items())
        .filter(pk=programme_id)
        .first()
    )
    if programme is None or version != programme.link_version or programme.sent_at is None:
        return LinkEnded.INVALID
    if programme.revoked_at is not None:
        return LinkEnded.REVOKED
    if programme.expires_at is None or now >= programme.expires_at:
        return LinkEnded.EXPIRED
    return programme


def shown_items(programme: HomeProgramme) -> list[HomeProgrammeItem]:
    """The items the patient sees, in order: those whose exercise or routine is still live."""
    shown = []
    for item in programme.items.all():
        target = item.exercise or item.routine
        if target is not None and target.live:
            shown.append(item)
    return shown


def ticked_days(*, programme: HomeProgramme, first: date, last: date) -> dict[int, set[date]]:
    """{item id: the days from `first` to `last` (inclusive) it was ticked done}: one query."""
    days: dict[int, set[date]] = defaultdict(set)
    ticks = HomeProgrammeTick.objects.filter(
        item__programme=programme, day__gte=first, day__lte=last
    ).values_list("item_id", "day")
    for item_id, day in ticks:
        days[item_id].add(day)
    return dict(days)
