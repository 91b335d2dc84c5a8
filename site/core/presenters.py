"""Template context of core's pages."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from core import selectors
from core.models import Person, SiteSettings, TeamPage
from core.page_cache import memo
from core.team import PersonOffer, offers_for

JsonLd = dict[str, Any]
CONTEXT = "https://schema.org"
PORTRAIT_FILTER = "fill-600x600|format-jpeg"
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def home_context(*, home: Any) -> dict[str, Any]:
    """The home page's featured exercises and articles, grouped by section."""
    featured = memo.memoised(
        ("home-featured", home.pk), lambda: _with_images(selectors.home_featured(home=home))
    )
    return {"featured": featured}


def _with_images(sections: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Load each card's image once, with the pages, so a memoised section never queries."""
    for pages in sections.values():
        for page in pages:
            getattr(page, "card_image", None)
    return sections


# --- the team page and profiles -------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One person as the team page and their profile show them."""

    person: Person
    url: str
    offer: PersonOffer | None

    @property
    def book_url(self) -> str:
        return self.offer.book_url if self.offer is not None else ""


def json_scripts(items: Sequence[JsonLd]) -> list[SafeString]:
    """JSON strings with <, > and & escaped, so no value can close the script element. Printed
    in <script type="application/ld+json">: data, not script, so no nonce (the page is cached)."""
    return [
        mark_safe(json.dumps(item, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308
        for item in items
        if item
    ]


def _absolute(request: HttpRequest | None, url: str) -> str:
    if not url or url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


def person_jsonld(*, person: Any, request: HttpRequest | None, url: str = "") -> JsonLd:
    """schema.org Person: name, job title, qualifications, portrait and profile address."""
    data: JsonLd = {"@type": "Person", "name": person.name}
    if person.role:
        data["jobTitle"] = person.role
    credentials = person.qualification_list
    if credentials:
        data["hasCredential"] = [
            {"@type": "EducationalOccupationalCredential", "name": text} for text in credentials
        ]
    if url:
        data["url"] = _absolute(request, url)
    if person.photo is not None:
        data["image"] = _absolute(request, person.photo.get_rendition(PORTRAIT_FILTER).url)
    return data


def practice_jsonld(*, request: HttpRequest, members: Sequence[Member]) -> JsonLd:
    """The practice as a schema.org MedicalBusiness, with the team as its employees."""
    practice = SiteSettings.for_request(request)
    data: JsonLd = {
        "@context": CONTEXT,
        "@type": "MedicalBusiness",
        "name": practice.practice_name,
        "url": request.build_absolute_uri("/"),
    }
    if practice.phone:
        data["telephone"] = practice.phone
    if practice.street_address or practice.locality:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": practice.street_address,
            "addressLocality": practice.locality,
            "addressRegion": practice.region,
            "postalCode": practice.postal_code,
        }
    data["employee"] = [person_jsonld(person=m.person, request=request, url=m.url) for m in members]
    return data


def _members(page: TeamPage, request: HttpRequest, people: Sequence[Person]) -> list[Member]:
    offers = offers_for([p.pk for p in people], request)
    return [
        Member(person=p, url=page.profile_url(p.slug, request=request), offer=offers.get(p.pk))
        for p in people
    ]


def team_context(*, page: TeamPage, request: HttpRequest) -> dict[str, Any]:
    members = _members(page, request, selectors.team_people())
    return {
        "members": members,
        "structured_data": json_scripts([practice_jsonld(request=request, members=members)]),
    }


def profile_context(*, page: TeamPage, request: HttpRequest, person: Person) -> dict[str, Any]:
    (member,) = _members(page, request, [person])
    person_data = {
        "@context": CONTEXT,
        **person_jsonld(person=person, request=request, url=member.url),
        "worksFor": {
            "@type": "MedicalBusiness",
            "name": SiteSettings.for_request(request).practice_name,
            "url": request.build_absolute_uri("/"),
        },
    }
    if person.bio:
        person_data["description"] = person.bio
    return {
        "member": member,
        "person": person,
        "team_url": page.get_url(request=request),
        "structured_data": json_scripts([person_data]),
    }


def team_sitemap_urls(
    *, page: TeamPage, urls: list[dict[str, Any]], people: Sequence[Person]
) -> list[dict[str, Any]]:
    if not urls:
        return urls
    base = urls[0]["location"].rstrip("/") + "/"
    return [
        *urls,
        *(
            {"location": base + page.reverse_subpage("profile", args=[p.slug]).lstrip("/")}
            for p in people
        ),
    ]
