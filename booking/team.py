"""Booking's part of the team page and the profiles (registered in core.team from
BookingConfig.ready): what each person can be booked for, and the links that book them."""

from collections.abc import Sequence
from typing import Any

from booking import formatting, selectors
from core.links import booking_link
from core.team import OfferedService, PersonOffer


def person_offers(person_ids: Sequence[int], request: Any) -> dict[int, PersonOffer]:
    """For each of these people who can be booked: "Book with <name>" (the booking page with
    them pre-selected) and each service they offer, linked with them pre-selected too."""
    offers: dict[int, PersonOffer] = {}
    for practitioner in selectors.practitioners_of_people(person_ids):
        book_url = booking_link(request=request, practitioner=practitioner.slug)
        if not book_url:
            continue  # no booking page: nothing to book
        services = tuple(
            OfferedService(
                name=service.name,
                detail=f"{service.duration_minutes} minutes, {formatting.money(service.price)}",
                url=booking_link(
                    request=request, service=service.slug, practitioner=practitioner.slug
                ),
            )
            for service in practitioner.services.all()
        )
        offers[practitioner.person_id] = PersonOffer(book_url=book_url, services=services)
    return offers
