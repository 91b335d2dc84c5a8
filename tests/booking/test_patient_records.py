"""A patient's record in the admin: who sees it and the intake answers, its JSON and CSV export,
erasure, and the access log that superusers read."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from booking import services
from booking.models import Booking, IntakeResponse, Patient, PatientAccess, Status
from core.outbox.models import OutboxMessage
from tests.admin_helpers import verified_login
from tests.booking.factories import BookingFactory, PatientFactory
from tests.booking.intake_helpers import confirmed, with_questions
from tests.factories import UserFactory

ANSWERS = [{"question": "What brings you in?", "answer": "Left knee, since March"}]


def member(username, group):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def patient_booking(clinic):
    with_questions(clinic.site)
    booking = confirmed(clinic, name="Ana Silva", email="ana@example.com")
    services.intake_submit(booking=booking, answers=ANSWERS)
    return booking


def record_url(patient):
    return f"/admin/booking/patients/{patient.pk}/record/"


def export_url(patient, fmt):
    return f"/admin/booking/patients/{patient.pk}/export/{fmt}/"


# --- who sees what -------------------------------------------------------------------------


def test_reception_sees_the_record_with_intake_answers(client, patient_booking):
    verified_login(client, member("desk", "Reception"))
    html = client.get(record_url(patient_booking.patient)).content.decode()
    assert "Left knee, since March" in html
    assert "Export as CSV" in html


def test_practitioner_reads_intake_answers(client, patient_booking):
    verified_login(client, member("dana", "Practitioners"))
    response = IntakeResponse.objects.get(booking=patient_booking)
    html = client.get(f"/admin/booking/intake/inspect/{response.pk}/").content.decode()
    assert "Left knee, since March" in html


def test_practitioner_cannot_export(client, patient_booking):
    verified_login(client, member("dana", "Practitioners"))
    response = client.get(export_url(patient_booking.patient, "json"))
    assert response.status_code in (302, 403)
    assert PatientAccess.objects.count() == 0


def test_nobody_edits_intake_answers_in_the_admin(admin_client, patient_booking):
    response = IntakeResponse.objects.get(booking=patient_booking)
    assert admin_client.get(f"/admin/booking/intake/edit/{response.pk}/").status_code in (
        302,
        403,
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/booking/intake/",
        "/admin/booking/access-log/",
        "record",
        "export-json",
        "export-csv",
        "erase",
        "intake-inspect",
    ],
)
def test_editor_cannot_see_answers_exports_or_the_log(client, patient_booking, url):
    patient = patient_booking.patient
    url = {
        "record": record_url(patient),
        "export-json": export_url(patient, "json"),
        "export-csv": export_url(patient, "csv"),
        "erase": f"/admin/booking/patients/{patient.pk}/erase/",
        "intake-inspect": f"/admin/booking/intake/inspect/{patient_booking.intake.pk}/",
    }.get(url, url)
    client.force_login(member("writer", "Editors"))
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert b"Left knee" not in response.content


def test_editor_menu_has_no_intake_or_log(client, patient_booking):
    client.force_login(member("writer", "Editors"))
    html = client.get("/admin/").content.decode()
    assert "/admin/booking/intake/" not in html
    assert "/admin/booking/access-log/" not in html


def test_reception_cannot_see_the_access_log(client, patient_booking):
    verified_login(client, member("desk", "Reception"))
    assert client.get("/admin/booking/access-log/").status_code in (302, 403)


def test_superuser_sees_the_access_log(admin_client, patient_booking):
    admin_client.get(record_url(patient_booking.patient))
    html = admin_client.get("/admin/booking/access-log/").content.decode()
    assert "Viewed the patient record" in html


# --- the access log ------------------------------------------------------------------------


def test_viewing_a_record_is_logged(client, patient_booking):
    user = verified_login(client, member("desk", "Reception"))
    client.get(record_url(patient_booking.patient))
    entry = PatientAccess.objects.get()
    assert (entry.user, entry.action, entry.patient) == (
        user,
        PatientAccess.Action.VIEWED,
        patient_booking.patient,
    )


@pytest.mark.parametrize(
    ("fmt", "action"),
    [("json", PatientAccess.Action.EXPORTED_JSON), ("csv", PatientAccess.Action.EXPORTED_CSV)],
)
def test_exports_are_logged(client, patient_booking, fmt, action):
    verified_login(client, member("desk", "Reception"))
    client.get(export_url(patient_booking.patient, fmt))
    assert PatientAccess.objects.get().action == action


def test_reading_intake_answers_is_logged_with_the_booking(client, patient_booking):
    verified_login(client, member("dana", "Practitioners"))
    client.get(f"/admin/booking/intake/inspect/{patient_booking.intake.pk}/")
    entry = PatientAccess.objects.get()
    assert (entry.action, entry.detail) == (
        PatientAccess.Action.VIEWED_INTAKE,
        patient_booking.reference,
    )


@pytest.mark.parametrize(
    ("view", "action"),
    [("inspect", PatientAccess.Action.VIEWED), ("edit", PatientAccess.Action.EDITED)],
)
def test_patient_admin_pages_are_logged(client, patient_booking, view, action):
    verified_login(client, member("desk", "Reception"))
    client.get(f"/admin/booking/patients/{view}/{patient_booking.patient.pk}/")
    assert PatientAccess.objects.get().action == action


def test_patients_listing_links_to_each_record(client, patient_booking):
    verified_login(client, member("desk", "Reception"))
    html = client.get("/admin/booking/patients/").content.decode()
    assert record_url(patient_booking.patient) in html


# --- export --------------------------------------------------------------------------------


def _json_export(client, patient):
    verified_login(client, member("desk", "Reception"))
    return json.loads(client.get(export_url(patient, "json")).content)


def test_json_export_holds_the_bookings(client, patient_booking):
    data = _json_export(client, patient_booking.patient)
    assert [b["reference"] for b in data["bookings"]] == [patient_booking.reference]


def test_json_export_holds_the_intake_answers(client, patient_booking):
    data = _json_export(client, patient_booking.patient)
    assert data["intake"][0]["answers"] == ANSWERS


def test_json_export_holds_the_consents(client, patient_booking):
    data = _json_export(client, patient_booking.patient)
    assert data["consents"][0]["booking"] == patient_booking.reference


def test_json_export_holds_the_emails_sent_to_the_patient(client, patient_booking):
    data = _json_export(client, patient_booking.patient)
    assert [e["kind"] for e in data["emails"]] == ["confirmation"]


def test_json_export_holds_the_contact_details(client, patient_booking):
    data = _json_export(client, patient_booking.patient)
    assert data["patient"]["email"] == "ana@example.com"


def test_export_is_a_download_never_cached(client, patient_booking):
    verified_login(client, member("desk", "Reception"))
    response = client.get(export_url(patient_booking.patient, "csv"))
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


def test_unknown_export_format_is_not_found(client, patient_booking):
    verified_login(client, member("desk", "Reception"))
    assert client.get(export_url(patient_booking.patient, "xml")).status_code == 404


def test_csv_export_neutralises_formulas(client, clinic):
    booking = confirmed(
        clinic, name='=HYPERLINK("https://evil.example","x")', email="e@example.com"
    )
    verified_login(client, member("desk", "Reception"))
    rows = list(
        csv.reader(io.StringIO(client.get(export_url(booking.patient, "csv")).content.decode()))
    )
    names = [row[3] for row in rows if row[0] == "patient" and row[2] == "name"]
    assert names == ['\'=HYPERLINK("https://evil.example","x")']


def test_csv_export_holds_the_intake_answers(client, patient_booking):
    verified_login(client, member("desk", "Reception"))
    text = client.get(export_url(patient_booking.patient, "csv")).content.decode()
    assert 'What brings you in?,"Left knee, since March"' in text


def _count_export_queries(client, patient):
    seen = []

    def counter(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        assert client.get(export_url(patient, "json")).status_code == 200
    return len(seen)


def test_export_queries_stay_flat_as_bookings_grow(client, clinic):
    patient = PatientFactory(email="many@example.com")
    verified_login(client, member("desk", "Reception"))
    start = timezone.now() - timedelta(days=400)

    def add(n, offset):
        for i in range(n):
            booking = BookingFactory(
                patient=patient,
                practitioner=clinic.dana,
                service=clinic.treatment,
                start=start + timedelta(days=offset + i),
                status=Status.COMPLETED,
            )
            IntakeResponse.objects.create(booking=booking, answers=ANSWERS, submitted_at=start)
            OutboxMessage.objects.create(kind="reminder", to=patient.email, subject="S", text="T")

    add(2, 0)
    few = _count_export_queries(client, patient)
    add(8, 10)
    assert _count_export_queries(client, patient) == few


# --- erase ---------------------------------------------------------------------------------


def _past_booking(clinic, **kw):
    booking = BookingFactory(
        practitioner=clinic.dana,
        service=clinic.treatment,
        start=timezone.now() - timedelta(days=30),
        status=Status.COMPLETED,
        patient=PatientFactory(name="Ana Silva", email="ana@example.com", phone="604 555 0101"),
        patient_phone="604 555 0101",
        notes="Left knee",
        staff_notes="Prefers mornings",
        discount=Decimal("10.00"),
        **kw,
    )
    IntakeResponse.objects.create(booking=booking, answers=ANSWERS, submitted_at=timezone.now())
    OutboxMessage.objects.create(kind="confirmation", to="ana@example.com", subject="S", text="T")
    return booking


def _erase_in_admin(client, booking):
    verified_login(client, member("desk", "Reception"))
    return client.post(f"/admin/booking/patients/{booking.patient.pk}/erase/")


def test_erase_removes_the_contact_details(client, clinic):
    booking = _past_booking(clinic)
    _erase_in_admin(client, booking)
    patient = Patient.objects.get(pk=booking.patient.pk)
    assert (patient.name, patient.phone) == ("Erased patient", "")
    assert "ana" not in patient.email


def test_erase_removes_what_the_booking_held_about_the_patient(client, clinic):
    booking = _past_booking(clinic)
    _erase_in_admin(client, booking)
    booking.refresh_from_db()
    assert (booking.patient_name, booking.patient_phone, booking.notes, booking.staff_notes) == (
        "Erased patient",
        "",
        "",
        "",
    )


def test_erase_removes_intake_answers_and_emails(client, clinic):
    booking = _past_booking(clinic)
    _erase_in_admin(client, booking)
    assert not IntakeResponse.objects.exists()
    assert not OutboxMessage.objects.filter(to="ana@example.com").exists()


def test_erase_keeps_times_and_money(client, clinic):
    booking = _past_booking(clinic)
    before = Booking.objects.values("start", "end", "price", "discount", "total", "status").get()
    _erase_in_admin(client, booking)
    assert (
        Booking.objects.values("start", "end", "price", "discount", "total", "status").get()
        == before
    )


def test_erase_is_logged(client, clinic):
    booking = _past_booking(clinic)
    _erase_in_admin(client, booking)
    assert PatientAccess.objects.get().action == PatientAccess.Action.ERASED


def test_erase_twice_changes_nothing_more(clinic):
    booking = _past_booking(clinic)
    assert services.patient_erase(patient=booking.patient) is True
    assert services.patient_erase(patient=booking.patient) is False


def test_erase_is_refused_with_an_upcoming_appointment(client, patient_booking):
    response = _erase_in_admin(client, patient_booking)
    assert response.status_code == 302
    assert Patient.objects.get(pk=patient_booking.patient.pk).name == "Ana Silva"


def test_erase_asks_for_confirmation_first(client, clinic):
    booking = _past_booking(clinic)
    verified_login(client, member("desk", "Reception"))
    html = client.get(f"/admin/booking/patients/{booking.patient.pk}/erase/").content.decode()
    assert "This cannot be undone" in html
    assert Patient.objects.get(pk=booking.patient.pk).name == "Ana Silva"
