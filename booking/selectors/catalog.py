"""Reads of the booking app: the services that can be booked and who offers them."""

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet

from booking.models import (
    Practitioner,
    Service,
)


def bookable_services() -> QuerySet[Service]:
    """Active services that at least one active practitioner offers, in display order."""
    return (
        Service.objects.filter(active=True, practitioners__active=True)
        .distinct()
        .order_by("sort_order", "name")
    )


def service_by_slug(slug: str | None) -> Service | None:
    if not slug or len(slug) > 80:
        return None
    return bookable_services().filter(slug=slug).first()


def practitioners_for(service: Service) -> QuerySet[Practitioner]:
    # Practitioner's base class is untyped (modelcluster): name the queryset's type.
    rows: QuerySet[Practitioner] = Practitioner.objects.filter(active=True, services=service)
    return rows.order_by("sort_order", "name")


def practitioner_by_slug(service: Service, slug: str | None) -> Practitioner | None:
    if not slug or len(slug) > 80:
        return None
    return practitioners_for(service).filter(slug=slug).first()


def active_practitioners() -> QuerySet[Practitioner]:
    """Everyone who can be booked, with the services they offer, in display order."""
    # Practitioner's base class is untyped (modelcluster): name the queryset's type.
    rows: QuerySet[Practitioner] = Practitioner.objects.filter(active=True)
    return rows.select_related("person").prefetch_related("services").order_by("sort_order", "name")


def practitioners_of_people(person_ids: Sequence[int]) -> QuerySet[Practitioner]:
    """The active practitioners who are these people, with the active services they offer.
    Two queries however many people are asked about."""
    rows: QuerySet[Practitioner] = Practitioner.objects.filter(
        active=True, person_id__in=list(person_ids)
    )
    offered = Service.objects.filter(active=True).order_by("sort_order", "name")
    return rows.prefetch_related(Prefetch("services", queryset=offered))
