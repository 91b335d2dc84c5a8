"""A patient's home programmes on their record page (booking's patient record): the practitioner
who built one sees it there, Reception and superusers see every one, another practitioner sees
none of it, and the page's queries stay flat as programmes are added."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.admin_helpers import verified_login
from tests.booking.factories import PatientFactory
from tests.homecare.factories import HomeProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana(clinic, staff):
    patient = PatientFactory(name="Ana Ruiz", email="ana@example.com")
    HomeProgrammeFactory(
        patient=patient, practitioner=clinic.dana, built_by=staff.builder, title="Knee plan"
    )
    return patient


def record(client, user, patient):
    verified_login(client, user)
    response = client.get(f"/admin/booking/patients/{patient.pk}/record/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["builder", "desk", "root"])
def test_those_allowed_see_the_programme_on_the_record(client, staff, ana, who):
    assert "Knee plan" in record(client, getattr(staff, who), ana)


@pytest.mark.parametrize("who", ["builder", "desk"])
def test_the_programme_links_to_its_page(client, staff, ana, who):
    programme = ana.home_programmes.get()
    page = record(client, getattr(staff, who), ana)
    assert f'/admin/homecare/programmes/inspect/{programme.pk}/"' in page


@pytest.mark.parametrize("who", ["builder", "desk"])
def test_the_programme_links_to_its_adherence(client, staff, ana, who):
    programme = ana.home_programmes.get()
    page = record(client, getattr(staff, who), ana)
    assert f'/admin/homecare/programmes/{programme.pk}/adherence/"' in page


def test_the_link_state_is_shown(client, staff, ana):
    assert "<td>Not sent</td>" in record(client, staff.desk, ana)


def test_another_practitioner_does_not_see_it(client, staff, ana):
    assert "Knee plan" not in record(client, staff.other, ana)


def test_another_practitioner_is_told_the_list_holds_only_their_own(client, staff, ana):
    assert "None that you built." in record(client, staff.other, ana)


def test_another_patients_programme_is_not_listed(client, clinic, staff, ana):
    HomeProgrammeFactory(practitioner=clinic.dana, built_by=staff.builder, title="Hip plan")
    assert "Hip plan" not in record(client, staff.desk, ana)


def test_a_patient_with_no_programme_shows_none(client, staff, clinic):
    assert "<p>None.</p>" in record(client, staff.desk, PatientFactory())


def test_the_record_page_queries_stay_flat_as_programmes_are_added(client, clinic, staff, ana):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            record(client, staff.desk, ana)
        return len(captured)

    queries()  # signs in and warms the caches
    few = queries()
    for n in range(6):
        HomeProgrammeFactory(patient=ana, practitioner=clinic.dana, title=f"Plan {n}")
    assert queries() == few
