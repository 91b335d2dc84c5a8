"""Home programmes are part of the patient's data rights (issue 7): the patient's JSON and CSV
export include them, and erasing the patient deletes them with their items and ticks."""

import csv
import io
import json
from datetime import date

import pytest
from wagtail.models import ModelLogEntry

from booking import services as booking_services
from homecare import services
from homecare.models import HomeProgramme, HomeProgrammeItem, HomeProgrammeTick
from homecare.patient_data import programmes_export
from tests.booking.factories import PatientFactory
from tests.homecare.factories import (
    HomeProgrammeFactory,
    HomeProgrammeItemFactory,
    HomeProgrammeTickFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(clinic, library, staff):
    patient = PatientFactory(name="Ana Silva", email="ana@example.com")
    programme = HomeProgrammeFactory(
        patient=patient, practitioner=clinic.dana, built_by=staff.builder, title="Knee plan"
    )
    item = HomeProgrammeItemFactory(
        programme=programme, exercise=library.calf, sets=3, note="Left side first."
    )
    HomeProgrammeItemFactory(programme=programme, routine=library.routine)
    HomeProgrammeTickFactory(item=item, day=date(2026, 6, 2))
    return programme


def export_of(admin_client, patient, fmt):
    return admin_client.get(f"/admin/booking/patients/{patient.pk}/export/{fmt}/").content


def test_json_export_holds_the_programme(admin_client, programme):
    data = json.loads(export_of(admin_client, programme.patient, "json"))
    assert [p["title"] for p in data["home_programmes"]] == ["Knee plan"]


def test_json_export_holds_each_items_title_dosage_and_note(admin_client, programme):
    data = json.loads(export_of(admin_client, programme.patient, "json"))
    first = data["home_programmes"][0]["items"][0]
    assert (first["what"], first["note"]) == ("Calf stretch", "Left side first.")
    assert first["dosage"].startswith("3 sets")


def test_json_export_holds_the_days_ticked_done(admin_client, programme):
    data = json.loads(export_of(admin_client, programme.patient, "json"))
    assert data["home_programmes"][0]["items"][0]["days_done"] == ["2026-06-02"]


def test_csv_export_holds_the_programme_rows(admin_client, programme):
    rows = list(csv.reader(io.StringIO(export_of(admin_client, programme.patient, "csv").decode())))
    assert ["home_programmes", str(programme.pk), "items.1.what", "Calf stretch"] in rows


def test_csv_export_holds_the_days_ticked_done(admin_client, programme):
    rows = list(csv.reader(io.StringIO(export_of(admin_client, programme.patient, "csv").decode())))
    assert ["home_programmes", str(programme.pk), "items.1.days_done.1", "2026-06-02"] in rows


def test_export_holds_only_this_patients_programmes(programme, clinic):
    HomeProgrammeFactory(practitioner=clinic.dana, title="Someone else")
    assert [p["id"] for p in programmes_export(programme.patient.pk)] == [programme.pk]


def test_export_queries_stay_flat(programme, library, django_assert_max_num_queries):
    for _ in range(5):
        extra = HomeProgrammeFactory(patient=programme.patient, practitioner=programme.practitioner)
        item = HomeProgrammeItemFactory(programme=extra, exercise=library.knee)
        HomeProgrammeTickFactory(item=item)
    with django_assert_max_num_queries(3):
        programmes_export(programme.patient.pk)


def test_erase_deletes_the_programme(programme):
    booking_services.patient_erase(patient=programme.patient)
    assert not HomeProgramme.objects.filter(pk=programme.pk).exists()


def test_erase_deletes_the_items_and_ticks(programme):
    booking_services.patient_erase(patient=programme.patient)
    assert (HomeProgrammeItem.objects.count(), HomeProgrammeTick.objects.count()) == (0, 0)


def test_erase_deletes_the_programmes_history_that_names_the_patient(programme, staff):
    services.home_programme_send(programme=programme, user=staff.builder)
    booking_services.patient_erase(patient=programme.patient)
    assert not ModelLogEntry.objects.filter(label__contains="Ana Silva").exists()


def test_erase_keeps_other_patients_programmes(programme, clinic):
    other = HomeProgrammeFactory(practitioner=clinic.dana)
    booking_services.patient_erase(patient=programme.patient)
    assert HomeProgramme.objects.filter(pk=other.pk).exists()


def test_erase_from_the_admin_deletes_the_programme(admin_client, programme):
    admin_client.post(f"/admin/booking/patients/{programme.patient.pk}/erase/")
    assert not HomeProgramme.objects.filter(pk=programme.pk).exists()
