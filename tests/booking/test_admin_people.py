"""A practitioner is created in the admin for one of the practice's people, and is then offered
for booking from that person's profile."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from booking.models import Practitioner
from tests.factories import PersonFactory, TeamPageFactory

pytestmark = pytest.mark.django_db


def practitioner_form(**fields):
    return nested_form_data(
        {
            "name": "Robin Hale",
            "slug": "robin",
            "services": [],
            "active": "on",
            "sort_order": "0",
            "working_hours": inline_formset([]),
            **fields,
        }
    )


def test_practitioner_created_in_admin_for_a_person(admin_client, clinic):
    person = PersonFactory(name="Robin Hale", slug="robin-hale")
    TeamPageFactory(parent=clinic.home)
    response = admin_client.post(
        "/admin/booking/practitioners/new/",
        practitioner_form(person=person.pk, services=[clinic.treatment.pk]),
    )
    assert response.status_code == 302
    assert Practitioner.objects.get(slug="robin").person == person
    html = admin_client.get("/team/robin-hale/").content.decode()
    assert 'href="/book/?practitioner=robin' in html


def test_practitioner_without_a_person_gets_a_field_error(admin_client, clinic):
    response = admin_client.post("/admin/booking/practitioners/new/", practitioner_form())
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert 'value="Robin Hale"' in response.content.decode()
