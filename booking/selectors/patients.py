"""Reads about one patient: the whole record (for the export and the record page), the intake
questions and answers, and the patients the retention rule anonymises."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Q
from wagtail.models import Site

from booking.models import Booking, IntakeResponse, IntakeSettings, Patient
from core.outbox.models import OutboxMessage

ERASED_DOMAIN = "erased.invalid"
ERASED_NAME = "Erased patient"


@dataclass(frozen=True)
class PatientRecord:
    patient: Patient
    bookings: list[Booking]
    emails: list[OutboxMessage]

    @property
    def erased(self) -> bool:
        return is_erased(self.patient)


def is_erased(patient: Patient) -> bool:
    return patient.email.endswith("@" + ERASED_DOMAIN)


def patient_record(*, patient_id: int) -> PatientRecord | None:
    """Everything held about one patient, in three queries however many bookings there are:
    the patient, the bookings (with practitioner and intake answers) and the e-mails sent to
    the patient's address."""
    patient = Patient.objects.filter(pk=patient_id).first()
    if patient is None:
        return None
    bookings = list(
        Booking.objects.filter(patient=patient)
        .select_related("practitioner", "intake")
        .order_by("start")
    )
    emails = list(OutboxMessage.objects.filter(to__iexact=patient.email).order_by("created_at"))
    return PatientRecord(patient=patient, bookings=bookings, emails=emails)


def intake_response(booking: Booking) -> IntakeResponse | None:
    return IntakeResponse.objects.filter(booking=booking).first()


def intake_settings(*, site: Site | None) -> IntakeSettings | None:
    if site is None:
        return None
    # Wagtail's settings lookups are untyped: name the type they return.
    settings: IntakeSettings = IntakeSettings.for_site(site)
    return settings


def intake_offered(*, booking: Booking, site: Site | None) -> bool:
    """The patient is sent to the intake form: there are questions, and no answers yet."""
    settings = intake_settings(site=site)
    if settings is None or not len(settings.questions):
        return False
    return not IntakeResponse.objects.filter(booking=booking).exists()


def purge_candidates(*, cutoff: datetime) -> list[tuple[Patient, datetime | None]]:
    """Patients not yet anonymised, on record since before `cutoff`, with no appointment since:
    each with the start of their last appointment (None if they never had one)."""
    rows = (
        Patient.objects.exclude(email__endswith="@" + ERASED_DOMAIN)
        .filter(created_at__lt=cutoff)
        .annotate(last_start=Max("bookings__start"))
        .filter(Q(last_start__isnull=True) | Q(last_start__lt=cutoff))
        .order_by("pk")
    )
    return [(patient, patient.last_start) for patient in rows]
