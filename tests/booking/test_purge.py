"""`manage.py purge_patient_data`: anonymise patients with no appointment for N years."""

import datetime as dt
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from booking.models import Booking, Patient, PatientAccess, Status
from tests.booking.factories import BookingFactory, PatientFactory
from tests.clock import PRACTICE_ZONE, TUESDAY_MORNING

pytestmark = pytest.mark.time_machine(TUESDAY_MORNING, tick=False)


def _patient_with_visit(clinic, email, start):
    patient = PatientFactory(email=email, name=email.split("@")[0].title())
    Patient.objects.filter(pk=patient.pk).update(created_at=start - timedelta(days=10))
    BookingFactory(
        patient=patient,
        practitioner=clinic.dana,
        service=clinic.treatment,
        start=start,
        status=Status.COMPLETED,
        discount=Decimal("5.00"),
    )
    return patient


@pytest.fixture
def patients(clinic):
    old = _patient_with_visit(
        clinic, "old@example.com", dt.datetime(2018, 3, 1, 10, tzinfo=PRACTICE_ZONE)
    )
    recent = _patient_with_visit(
        clinic, "recent@example.com", dt.datetime(2022, 3, 1, 10, tzinfo=PRACTICE_ZONE)
    )
    return old, recent


def purge(*args):
    out = StringIO()
    call_command("purge_patient_data", *args, stdout=out)
    return out.getvalue()


def test_anonymises_patients_with_no_appointment_for_seven_years(patients):
    old, recent = patients
    purge()
    assert Patient.objects.get(pk=old.pk).name == "Erased patient"
    assert Patient.objects.get(pk=recent.pk).name == "Recent"


def test_prints_what_it_did(patients):
    old, _ = patients
    output = purge()
    assert f"anonymised patient #{old.pk} (last appointment: 2018-03-01)" in output
    assert "1 patient(s) anonymised" in output


def test_second_run_changes_nothing(patients):
    purge()
    before = list(Patient.objects.values_list("pk", "name", "email").order_by("pk"))
    output = purge()
    assert "0 patient(s) anonymised" in output
    assert list(Patient.objects.values_list("pk", "name", "email").order_by("pk")) == before


def test_second_run_logs_nothing_more(patients):
    purge()
    purge()
    assert PatientAccess.objects.filter(action=PatientAccess.Action.PURGED).count() == 1


def test_dry_run_changes_nothing(patients):
    old, _ = patients
    output = purge("--dry-run")
    assert f"would anonymise patient #{old.pk}" in output
    assert Patient.objects.get(pk=old.pk).name == "Old"


def test_keeps_times_and_money(patients):
    old, _ = patients
    before = Booking.objects.filter(patient=old).values("start", "end", "total", "discount").get()
    purge()
    assert (
        Booking.objects.filter(patient=old).values("start", "end", "total", "discount").get()
        == before
    )


def test_setting_sets_the_years(patients, settings):
    settings.PATIENT_RETENTION_YEARS = 3
    purge()
    assert Patient.objects.filter(name="Erased patient").count() == 2


def test_years_option_overrides_the_setting(patients):
    assert "2 patient(s) anonymised" in purge("--years", "3")


def test_patient_never_booked_is_anonymised_after_the_years(clinic):
    patient = PatientFactory(email="never@example.com")
    Patient.objects.filter(pk=patient.pk).update(
        created_at=TUESDAY_MORNING - timedelta(days=365 * 8)
    )
    assert "last appointment: never" in purge()
