"""The new admin listings keep a flat query count as their rows grow: intake answers, the access
log, and one patient's record."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from booking import services
from booking.models import IntakeResponse, PatientAccess, Status
from core.outbox.models import OutboxMessage
from tests.booking.factories import BookingFactory, PatientFactory

ANSWERS = [{"question": "What brings you in?", "answer": "Left knee"}]


def count_queries(client, url):
    """Queries of one request, after a first one has warmed the per-process caches (site root
    paths, settings), so both sizes are measured alike."""
    client.get(url)
    seen = []

    def counter(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        assert client.get(url).status_code == 200
    return len(seen)


@pytest.fixture
def add_bookings(clinic):
    start = timezone.now() - timedelta(days=300)
    made = []

    def add(n, patient=None):
        for _ in range(n):
            booking = BookingFactory(
                patient=patient or PatientFactory(),
                practitioner=clinic.dana,
                service=clinic.treatment,
                start=start + timedelta(days=len(made)),
                status=Status.COMPLETED,
            )
            IntakeResponse.objects.create(booking=booking, answers=ANSWERS, submitted_at=start)
            OutboxMessage.objects.create(
                kind="reminder", to=booking.patient.email, subject="S", text="T"
            )
            made.append(booking)
        return made

    return add


def test_intake_listing_queries_stay_flat(admin_client, add_bookings):
    add_bookings(2)
    few = count_queries(admin_client, "/admin/booking/intake/")
    add_bookings(8)
    assert count_queries(admin_client, "/admin/booking/intake/") == few


def test_access_log_queries_stay_flat(admin_client, add_bookings):
    def log(n):
        for booking in add_bookings(n)[-n:]:
            services.patient_access_log(patient=booking.patient, action="viewed")

    log(2)
    few = count_queries(admin_client, "/admin/booking/access-log/")
    log(8)
    assert count_queries(admin_client, "/admin/booking/access-log/") == few


def test_patient_record_queries_stay_flat(admin_client, add_bookings):
    patient = PatientFactory(email="many@example.com")
    url = f"/admin/booking/patients/{patient.pk}/record/"
    add_bookings(2, patient=patient)
    few = count_queries(admin_client, url)
    add_bookings(8, patient=patient)
    assert count_queries(admin_client, url) == few
    assert PatientAccess.objects.count() == 4  # each view is logged, the warm-ups too
