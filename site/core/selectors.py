"""Reads of the core app."""

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import F, Model, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from core.cards import FEATURED_SECTIONS
from core.models import Person

MAX_QUERY_LENGTH = 100
FEATURED_COUNT = 3

_UNSAFE = re.compile(r"[^\w\s'\-]+", re.UNICODE)


def clean_search_query(raw: str) -> str:
    """Keep words: drop operators and punctuation the search backends treat as syntax."""
    text = _UNSAFE.sub(" ", (raw or "")[: MAX_QUERY_LENGTH * 2])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip(" '-")


def search_pages(*, query: str) -> Any:
    return Page.objects.live().public().specific().search(query)


def _models(labels: Iterable[str]) -> list[type[Model]]:
    found: list[type[Model]] = []
    for label in labels:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found


def home_featured(*, home: Any) -> dict[str, list[Page]]:
    """Editor-chosen pages grouped for the home page, topped up with the newest of each kind."""
    chosen_ids = list(home.featured_pages.order_by("sort_order").values_list("page_id", flat=True))
    by_id = {p.pk: p for p in Page.objects.filter(pk__in=chosen_ids).live().public().specific()}
    chosen_specific = [by_id[pk] for pk in chosen_ids if pk in by_id]
    sections: dict[str, list[Page]] = {}
    for key, labels in FEATURED_SECTIONS.items():
        models = _models(labels)
        if not models:
            sections[key] = []
            continue
        picked = [p for p in chosen_specific if isinstance(p, tuple(models))][:FEATURED_COUNT]
        if len(picked) < FEATURED_COUNT:
            newest = (
                Page.objects.live()
                .public()
                .type(*models)
                .exclude(pk__in=[p.pk for p in picked])
                .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
                .specific()[: FEATURED_COUNT - len(picked)]
            )
            picked += list(newest)
        sections[key] = picked
    return sections


def offer_code_is_active(*, code: str, now: dt.datetime | None = None) -> bool:
    """Whether a promo code of that name exists and is active now.

    Core imports no app: the promo code model is looked up by its label ("booking.PromoCode")
    with apps.get_model. Without the booking app there is nothing to check, so True.
    """
    try:
        model = apps.get_model("booking", "PromoCode")
    except LookupError:
        return True
    now = now or timezone.now()
    normalised = "".join((code or "").split()).upper()
    return bool(
        model._default_manager.filter(code=normalised, active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=now))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
        .exists()
    )


def _people_with_photos() -> QuerySet[Person]:
    images = get_image_model().objects.prefetch_renditions()
    return Person.objects.prefetch_related(Prefetch("photo", queryset=images))


def team_people() -> list[Person]:
    """Everyone on the team page, in the editors' order, photos and renditions prefetched (the
    count stays flat as the team grows)."""
    return list(_people_with_photos().filter(on_team_page=True))


def team_person(*, slug: str) -> Person | None:
    """The person on the team page with this slug, or None."""
    return _people_with_photos().filter(on_team_page=True, slug=slug).first()
