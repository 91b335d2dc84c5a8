"""Cache purges for changes made in the admin to what free times depend on: hours, closures,
extra hours, practitioners, services and the booking rules. (Bookings themselves purge from
their services: hold, confirm, release, cancel, move.) Connected in BookingConfig.ready."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from booking.models import (
    BookingSettings,
    Closure,
    ExtraHours,
    Practitioner,
    Service,
    WorkingHours,
)
from booking.next_free_cache import next_free_purge_on_commit

WATCHED = (BookingSettings, Closure, ExtraHours, Practitioner, Service, WorkingHours)


def connect() -> None:
    for model in WATCHED:
        post_save.connect(next_free_purge_on_commit, sender=model, dispatch_uid=f"nf-s-{model}")
        post_delete.connect(next_free_purge_on_commit, sender=model, dispatch_uid=f"nf-d-{model}")
    m2m_changed.connect(
        next_free_purge_on_commit, sender=Practitioner.services.through, dispatch_uid="nf-m2m"
    )
