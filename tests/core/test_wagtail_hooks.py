"""Admin guards registered by core: contact submissions (which can hold health details) are read
only by Reception and superusers, through the listing and the CSV export; /django-admin/ is gone."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.forms.models import FormSubmission

from tests.admin_helpers import verified_login
from tests.factories import ContactPageFactory, SuperUserFactory, UserFactory

HEALTH_DETAIL = "My left knee swells after running"


@pytest.fixture
def contact(home):
    page = ContactPageFactory(parent=home)
    FormSubmission.objects.create(
        page=page,
        form_data=json.loads(
            json.dumps({"your_name": "Robin", "e_mail": "r@example.com", "message": HEALTH_DETAIL})
        ),
    )
    return page


def staff(group):
    user = UserFactory(username=f"{group.lower()}-member")
    user.groups.add(Group.objects.get(name=group))
    return user


def listing(client, page):
    return client.get(f"/admin/forms/submissions/{page.pk}/")


def export(client, page):
    response = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content.decode()


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_can_still_edit_the_contact_page(client, contact, group):
    verified_login(client, staff(group))
    assert client.get(f"/admin/pages/{contact.pk}/edit/").status_code == 200


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_do_not_see_the_forms_listing(client, contact, group):
    verified_login(client, staff(group))
    assert contact.title not in client.get("/admin/forms/").content.decode()


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_cannot_read_submissions(client, contact, group):
    verified_login(client, staff(group))
    response = listing(client, contact)
    assert HEALTH_DETAIL not in response.content.decode()


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_are_refused_the_listing(client, contact, group):
    verified_login(client, staff(group))
    assert listing(client, contact).status_code in (302, 403)


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_cannot_export_submissions(client, contact, group):
    verified_login(client, staff(group))
    _, content = export(client, contact)
    assert HEALTH_DETAIL not in content


def test_reception_sees_the_forms_listing(client, contact):
    verified_login(client, staff("Reception"))
    assert contact.title in client.get("/admin/forms/").content.decode()


def test_reception_reads_submissions(client, contact):
    verified_login(client, staff("Reception"))
    assert HEALTH_DETAIL in listing(client, contact).content.decode()


def test_reception_exports_submissions(client, contact):
    verified_login(client, staff("Reception"))
    response, content = export(client, contact)
    assert response.status_code == 200
    assert HEALTH_DETAIL in content


def test_superuser_reads_submissions(client, contact):
    verified_login(client, SuperUserFactory(username="boss"))
    assert HEALTH_DETAIL in listing(client, contact).content.decode()


def test_superuser_exports_submissions(client, contact):
    verified_login(client, SuperUserFactory(username="boss"))
    _, content = export(client, contact)
    assert HEALTH_DETAIL in content


def test_reception_sees_the_forms_menu(client, contact):
    verified_login(client, staff("Reception"))
    assert "/admin/forms/" in client.get("/admin/").content.decode()


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_and_moderators_do_not_see_the_forms_menu(client, contact, group):
    verified_login(client, staff(group))
    assert "/admin/forms/" not in client.get("/admin/").content.decode()


def test_django_admin_is_gone(admin_client, home):
    assert admin_client.get("/django-admin/").status_code == 404


def test_django_admin_login_is_gone(client, home):
    assert client.get("/django-admin/login/").status_code == 404
