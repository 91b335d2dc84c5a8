"""Reads of the core app."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import F, Model, Prefetch, Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.cards import FEATURED_SECTIONS
from core.models import Person

MAX_QUERY_LENGTH = 100
FEATURED_COUNT = 3

_UNSAFE = re.compile(r"[^\w\s'\-]+", re.UNICODE)


def clean_search_query(raw: str) -> str:
    """Keep words: drop operators and punctuation the search backends treat as syntax."""
    text = _UNSAFE.sub(" ", (raw or "")[: MAX_QUERY_LENGTH * 2])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip(" '-")


# --- site search ---------------------------------------------------------------------------------
# Site search with a bounded cost however many pages a word is on.
#
# Wagtail's database backend ranks every page that matches before it takes one page of results:
# with 20,000 pages, a word on nearly all of them ("knee") costs time in proportion. Here:
#
# - the matches are counted up to SEARCH_COUNT_LIMIT only ("more than 100 results"): counting
#   reads each match's text, so a count to 1,000 cost ten times as much for what a reader can
#   see anyway, the best 100;
# - when more than SEARCH_RANKED_RESULTS pages match, and the backend is PostgreSQL's full-text search,
#   only a bounded set of candidates is ranked: the pages whose *title* matches, shortest title
#   first (an exact title comes first; an index on the title's length hands them out in order,
#   migration core 0007), then, to fill up, other pages that match in their text, as the GIN index
#   hands them out. Wagtail then ranks those with its own formula. A reader sees the
#   SEARCH_RANKED_RESULTS best and is asked to add a word.
#
# With fewer matches, or another backend (SQLite's FTS5 in development, OpenSearch), every match
# is ranked as before.

SEARCH_RANKED_RESULTS = 100
SEARCH_COUNT_LIMIT = SEARCH_RANKED_RESULTS


@dataclass
class SiteSearch:
    results: Any  # sliceable search results, best first, for the paginator
    total: int  # pages that match, counted up to SEARCH_COUNT_LIMIT + 1
    bounded: bool  # only the best SEARCH_RANKED_RESULTS are offered

    @property
    def total_label(self) -> str:
        """ "87", or "More than 100" past the count limit."""
        if self.total > SEARCH_COUNT_LIMIT:
            return f"More than {SEARCH_COUNT_LIMIT:,}"
        return f"{self.total:,}"


def _ranks_on_postgresql(backend: Any) -> bool:
    return connection.vendor == "postgresql" and type(backend).__module__.startswith(
        ("wagtail.search.backends.database", "modelsearch.backends.database")
    )


def _candidate_ids(backend: Any, query: str, limit: int) -> list[int]:
    """Up to `limit` matching page ids: title matches, shortest title first, then text matches."""
    from wagtail.search.models import IndexEntry
    from wagtail.search.utils import get_descendants_content_types_pks

    compiler = backend.query_compiler_class(Page.objects.none(), query)
    tsquery = compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))
    entries = IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(Page))
    by_title = (
        entries.filter(title=tsquery)
        .order_by(Length("title_text"), "pk")
        .values_list("object_id", flat=True)
    )
    ids = list(by_title[:limit])
    if len(ids) < limit:
        by_text = entries.filter(body=tsquery).exclude(object_id__in=ids)
        ids += list(by_text.values_list("object_id", flat=True)[: limit - len(ids)])
    return [int(pk) for pk in ids]


def site_search(*, query: str) -> SiteSearch:
    """Live, public pages matching `query`, best first, with a bounded count."""
    backend = get_search_backend()
    pages = Page.objects.live().public()
    total = backend.search(query, pages, order_by_relevance=False)[: SEARCH_COUNT_LIMIT + 1].count()
    bounded = total > SEARCH_RANKED_RESULTS and _ranks_on_postgresql(backend)
    if bounded:
        pages = pages.filter(pk__in=_candidate_ids(backend, query, SEARCH_RANKED_RESULTS))
    results = backend.search(query, pages.specific())
    return SiteSearch(results=results, total=total, bounded=bounded)


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
