"""A patient's data rights: erase a patient (the books keep times and money), anonymise those
the retention rule says to, and log every staff look at a record."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from booking.models import ACTIVE_STATUSES, Booking, IntakeResponse, Patient, PatientAccess
from booking.selectors.patients import ERASED_DOMAIN, ERASED_NAME, is_erased, purge_candidates
from booking.services.errors import BookingError
from booking.services.guards import now_or
from core.outbox.models import OutboxMessage
from core.patient_data import patient_data_erase


@dataclass(frozen=True)
class Purged:
    patient_number: int
    last_appointment: datetime | None


def patient_access_log(
    *,
    patient: Patient,
    action: str,
    user: Any = None,
    detail: str = "",
    now: datetime | None = None,
) -> PatientAccess:
    """Record that a staff member (or the retention command, user None) used a patient record."""
    signed_in = user is not None and user.is_authenticated
    return PatientAccess.objects.create(
        at=now_or(now),
        user=user if signed_in else None,
        username=user.get_username() if signed_in else "",
        action=action,
        patient=patient,
        patient_number=patient.pk,
        detail=detail[:200],
    )


def _erase_rows(patient: Patient) -> None:
    bookings = Booking.objects.filter(patient=patient)
    references = list(bookings.values_list("reference", flat=True))
    bookings.update(
        patient_name=ERASED_NAME, patient_phone="", notes="", staff_notes="", promo_attempt=""
    )
    IntakeResponse.objects.filter(booking__patient=patient).delete()
    # The e-mails' copies hold the name, address and phone too: the patient's own, and the
    # practice's notices about the patient's bookings.
    OutboxMessage.objects.filter(to__iexact=patient.email).delete()
    OutboxMessage.objects.filter(reference__in=references).delete()
    # What other apps hold about the patient (home programmes…), registered in core.
    patient_data_erase(patient.pk)


def patient_erase(
    *,
    patient: Patient,
    user: Any = None,
    action: str = PatientAccess.Action.ERASED,
    now: datetime | None = None,
) -> bool:
    """Remove the patient's name, e-mail, phone, notes, intake answers, e-mails and what other
    apps registered in core.patient_data (home programmes); keep each
    booking's times, service, practitioner and money for the books. False when already erased.
    Refused while the patient has an upcoming appointment or hold (cancel it first)."""
    now = now_or(now)
    with transaction.atomic():
        patient = Patient.objects.select_for_update().get(pk=patient.pk)
        if is_erased(patient):
            return False
        upcoming = Booking.objects.filter(
            patient=patient, status__in=ACTIVE_STATUSES, end__gt=now
        ).exists()
        if upcoming:
            raise BookingError(
                "This patient has an upcoming appointment. Cancel it first, then erase."
            )
        _erase_rows(patient)
        patient.name = ERASED_NAME
        patient.email = f"erased-{patient.pk}@{ERASED_DOMAIN}"
        patient.phone = ""
        patient.save(update_fields=["name", "email", "phone"])
        patient_access_log(patient=patient, action=action, user=user, now=now)
    return True


def retention_cutoff(*, years: int, now: datetime) -> datetime:
    """The same day and time `years` years back (28 February for a 29 February)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def patients_purge(
    *, years: int, now: datetime | None = None, dry_run: bool = False
) -> list[Purged]:
    """Anonymise every patient with no appointment for `years` years (and on record that long).
    Idempotent: anonymised patients are never picked again. With dry_run, only say who."""
    now = now_or(now)
    done = []
    for patient, last in purge_candidates(cutoff=retention_cutoff(years=years, now=now)):
        if dry_run or patient_erase(patient=patient, action=PatientAccess.Action.PURGED, now=now):
            done.append(Purged(patient_number=patient.pk, last_appointment=last))
    return done
