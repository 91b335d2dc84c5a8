"""What the apps add to the team page and the profiles, without core importing any app.

A person's profile shows what they can be booked for, and "Book with <name>" leads into the
booking flow. Those are booking's data: booking registers a provider here from its
AppConfig.ready() (`register_offers`), and core's selectors ask every provider for the people on
one page in one call, so the team page's query count does not grow with the team.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OfferedService:
    """A service a person can be booked for, with the link that books it with them."""

    name: str
    detail: str  # e.g. "60 minutes, $120.00"
    url: str


@dataclass(frozen=True)
class PersonOffer:
    """What one person can be booked for, and the link that books them (pre-selected)."""

    book_url: str
    services: Sequence[OfferedService] = field(default_factory=tuple)


# A provider takes the people's ids and the request, and returns an offer for each bookable one.
OfferProvider = Callable[[Sequence[int], object], Mapping[int, PersonOffer]]
OFFER_PROVIDERS: list[OfferProvider] = []


def register_offers(provider: OfferProvider) -> None:
    """Let the team page and profiles show what these people can be booked for."""
    if provider not in OFFER_PROVIDERS:
        OFFER_PROVIDERS.append(provider)


def offers_for(person_ids: Sequence[int], request: object) -> dict[int, PersonOffer]:
    """Every registered provider's offers for these people (the first provider wins a tie)."""
    found: dict[int, PersonOffer] = {}
    for provider in OFFER_PROVIDERS:
        for person_id, offer in provider(person_ids, request).items():
            found.setdefault(person_id, offer)
    return found
