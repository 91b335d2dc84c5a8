"""Building a home programme in the admin: the create form with items and the patient's own
dosage, starting from a booking ("after this appointment"), and copying a library programme or
routine."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from homecare.models import HomeProgramme
from tests.admin_helpers import verified_login
from tests.booking.factories import BookingFactory, PatientFactory
from tests.clock import PRACTICE_ZONE
from tests.exercises.factories import ProgramPageFactory, day_items
from tests.factories import UserFactory
from tests.homecare.factories import HomeProgrammeFactory, HomeProgrammeItemFactory

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/homecare/programmes/new/"
COPY_URL = "/admin/homecare/programmes/copy-from-library/"


def programme_form(patient, practitioner, items, **fields):
    return nested_form_data(
        {
            "title": "Knee: weeks 1 to 3",
            "patient": patient.pk,
            "practitioner": practitioner.pk,
            "service": "",
            "start_date": "2026-06-10",
            "review_in_days": "14",
            "link_days": "180",
            "note": "Little and often.",
            "items": inline_formset(items),
            **fields,
        }
    )


def item(exercise="", routine="", **dosage):
    return {"exercise": exercise, "routine": routine, "note": dosage.pop("note", ""), **dosage}


@pytest.fixture
def builder_client(client, staff):
    verified_login(client, staff.builder)
    return client


def test_programme_created_with_two_items_and_a_dosage_override(builder_client, clinic, library):
    patient = PatientFactory(name="Ana Silva")
    data = programme_form(
        patient,
        clinic.dana,
        [
            item(exercise=library.calf.pk, sets="3", hold_min="45", note="Left side first."),
            item(routine=library.routine.pk),
        ],
    )
    response = builder_client.post(ADD_URL, data)
    assert response.status_code == 302
    programme = HomeProgramme.objects.get(patient=patient)
    first, second = programme.items.order_by("sort_order")
    assert first.exercise == library.calf
    assert first.sets == 3
    assert first.dosage.hold_min == 45
    assert first.note == "Left side first."
    assert second.routine == library.routine
    assert second.own_dosage.is_empty


def test_the_builder_is_the_user_who_created_it(builder_client, clinic, library, staff):
    patient = PatientFactory()
    builder_client.post(
        ADD_URL, programme_form(patient, clinic.dana, [item(exercise=library.knee.pk)])
    )
    assert HomeProgramme.objects.get(patient=patient).built_by == staff.builder


def test_an_item_with_both_an_exercise_and_a_routine_gets_a_field_error(
    builder_client, clinic, library
):
    patient = PatientFactory()
    data = programme_form(
        patient, clinic.dana, [item(exercise=library.knee.pk, routine=library.routine.pk)]
    )
    response = builder_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Choose one exercise or one routine." in response.content.decode()
    assert not HomeProgramme.objects.filter(patient=patient).exists()


def test_a_backwards_range_override_gets_a_field_error(builder_client, clinic, library):
    patient = PatientFactory()
    data = programme_form(
        patient, clinic.dana, [item(exercise=library.knee.pk, reps_min="15", reps_max="10")]
    )
    response = builder_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "is less than the fewest" in response.content.decode()


# --- after this appointment ---------------------------------------------------------------


@pytest.fixture
def appointment(clinic):
    start = datetime(2026, 6, 8, 16, 30, tzinfo=PRACTICE_ZONE)
    return BookingFactory(
        practitioner=clinic.dana, service=clinic.treatment, start=start, status="completed"
    )


def test_booking_listing_offers_a_programme_after_the_appointment(
    builder_client, clinic, appointment
):
    html = builder_client.get("/admin/booking/bookings/").content.decode()
    assert f"{ADD_URL}?booking={appointment.pk}" in html
    assert "Home programme after this appointment" in html


def test_booking_inspect_page_offers_a_programme_after_the_appointment(builder_client, appointment):
    html = builder_client.get(f"/admin/booking/bookings/inspect/{appointment.pk}/").content.decode()
    assert f"{ADD_URL}?booking={appointment.pk}" in html


def test_staff_without_programme_permission_are_not_offered_one(client, appointment):
    user = UserFactory(username="books-only")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_booking"),
    )
    verified_login(client, user)
    response = client.get("/admin/booking/bookings/")
    assert response.status_code == 200
    assert "Home programme after this appointment" not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("patient", "patient"),
        ("practitioner", "practitioner"),
        ("service", "service"),
    ],
)
def test_create_form_is_prefilled_from_the_booking(builder_client, appointment, field, expected):
    form = builder_client.get(f"{ADD_URL}?booking={appointment.pk}").context["form"]
    assert form[field].value() == getattr(appointment, expected).pk


def test_create_form_starts_on_the_appointments_day(builder_client, appointment):
    form = builder_client.get(f"{ADD_URL}?booking={appointment.pk}").context["form"]
    assert form["start_date"].value() == date(2026, 6, 8)


def test_programme_saved_after_the_appointment_links_to_it(builder_client, appointment, library):
    data = programme_form(
        appointment.patient, appointment.practitioner, [item(exercise=library.knee.pk)]
    )
    response = builder_client.post(f"{ADD_URL}?booking={appointment.pk}", data)
    assert response.status_code == 302
    assert HomeProgramme.objects.get(patient=appointment.patient).booking == appointment


def test_programme_for_another_patient_does_not_link_the_booking(
    builder_client, appointment, library
):
    other = PatientFactory()
    data = programme_form(other, appointment.practitioner, [item(exercise=library.knee.pk)])
    builder_client.post(f"{ADD_URL}?booking={appointment.pk}", data)
    assert HomeProgramme.objects.get(patient=other).booking is None


# --- copy from the library ----------------------------------------------------------------


def copy_form(source, patient, practitioner, **fields):
    return {
        "source": source.pk,
        "patient": patient.pk,
        "practitioner": practitioner.pk,
        "service": "",
        "start_date": "2026-06-10",
        **fields,
    }


@pytest.fixture
def week_programme(library):
    return ProgramPageFactory(
        parent=library.index,
        title="Knee week",
        slug="knee-week",
        days=[
            {"title": "Day 1", "items": day_items(library.calf, note="Gently.")},
            {"title": "Day 2", "items": day_items(library.calf, library.routine)},
        ],
    )


def test_copy_from_a_programme_page_makes_one_item_per_exercise_or_routine(
    builder_client, clinic, week_programme, library
):
    patient = PatientFactory()
    response = builder_client.post(COPY_URL, copy_form(week_programme, patient, clinic.dana))
    programme = HomeProgramme.objects.get(patient=patient)
    assert response["Location"] == f"/admin/homecare/programmes/edit/{programme.pk}/"
    items = list(programme.items.order_by("sort_order"))
    assert [(i.exercise, i.routine) for i in items] == [
        (library.calf, None),
        (None, library.routine),
    ]
    assert items[0].note == "Gently."


def test_copy_takes_the_library_pages_title_and_the_builder(
    builder_client, clinic, week_programme, staff
):
    patient = PatientFactory()
    builder_client.post(COPY_URL, copy_form(week_programme, patient, clinic.dana))
    programme = HomeProgramme.objects.get(patient=patient)
    assert programme.title == "Knee week"
    assert programme.built_by == staff.builder


def test_copy_from_a_routine_keeps_the_routines_dosage(builder_client, clinic, library):
    patient = PatientFactory()
    builder_client.post(COPY_URL, copy_form(library.routine, patient, clinic.dana))
    first, second = HomeProgramme.objects.get(patient=patient).items.order_by("sort_order")
    assert first.exercise == library.calf
    assert first.hold_min == 45
    assert first.note == "Lean in slowly."
    assert second.sets == 3


def test_copy_form_is_prefilled_from_a_booking(builder_client, appointment):
    form = builder_client.get(f"{COPY_URL}?booking={appointment.pk}").context["form"]
    assert form["start_date"].value() == date(2026, 6, 8)


def test_copy_offers_only_live_programmes_and_routines(builder_client, library, week_programme):
    week_programme.unpublish()
    choices = builder_client.get(COPY_URL).context["form"].fields["source"].queryset
    assert list(choices) == [library.routine.page_ptr]


def test_copy_without_a_library_page_gets_a_field_error(builder_client, clinic):
    patient = PatientFactory()
    response = builder_client.post(
        COPY_URL, {"patient": patient.pk, "practitioner": clinic.dana.pk, "start_date": "x"}
    )
    assert response.status_code == 200
    assert "source" in response.context["form"].errors


def test_inspect_page_shows_the_items_and_the_link_state(builder_client, clinic, library, staff):
    programme = HomeProgrammeFactory(practitioner=clinic.dana, built_by=staff.builder)
    HomeProgrammeItemFactory(programme=programme, exercise=library.knee, sets=2, note="Slowly.")
    html = builder_client.get(f"/admin/homecare/programmes/inspect/{programme.pk}/").content
    text = html.decode()
    assert "Knee circles" in text
    assert "Not sent" in text


def test_listing_shows_the_link_state(builder_client, clinic, staff):
    HomeProgrammeFactory(
        practitioner=clinic.dana,
        built_by=staff.builder,
        sent_at=datetime(2026, 6, 1, tzinfo=PRACTICE_ZONE),
        expires_at=datetime(2026, 6, 1, tzinfo=PRACTICE_ZONE) + timedelta(days=180),
    )
    assert "Working" in builder_client.get("/admin/homecare/programmes/").content.decode()


@pytest.mark.parametrize("action", ["adherence", "send"])
def test_edit_page_offers_the_programmes_actions(builder_client, clinic, staff, action):
    programme = HomeProgrammeFactory(practitioner=clinic.dana, built_by=staff.builder)
    html = builder_client.get(f"/admin/homecare/programmes/edit/{programme.pk}/").content.decode()
    assert f'/admin/homecare/programmes/{programme.pk}/{action}/"' in html
