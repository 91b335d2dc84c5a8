"""Home programmes are health data: only the practitioner who built one, Reception and
superusers see it in the admin. Another practitioner gets a 404 on every view of it; an editor
gets nothing at all."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from homecare.models import HomeProgramme
from tests.admin_helpers import verified_login
from tests.factories import UserFactory
from tests.homecare.factories import HomeProgrammeFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/homecare/programmes"
VIEWS = {
    "edit": BASE + "/edit/{pk}/",
    "inspect": BASE + "/inspect/{pk}/",
    "delete": BASE + "/delete/{pk}/",
    "history": BASE + "/history/{pk}/",
    "adherence": BASE + "/{pk}/adherence/",
    "send": BASE + "/{pk}/send/",
    "revoke": BASE + "/{pk}/revoke/",
}
ALLOWED = {"builder": True, "other": False, "desk": True, "editor": False, "root": True}


@pytest.fixture
def programme(clinic, staff):
    return HomeProgrammeFactory(
        practitioner=clinic.dana, built_by=staff.builder, title="Knee plan for Ana"
    )


@pytest.mark.parametrize("who", ALLOWED)
def test_listing_shows_the_programme_only_to_those_allowed(client, staff, programme, who):
    verified_login(client, getattr(staff, who))
    response = client.get(BASE + "/")
    shown = response.status_code == 200 and "Knee plan for Ana" in response.content.decode()
    assert shown == ALLOWED[who]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("who", ["other", "editor"])
def test_others_get_not_found_on_every_view_of_it(client, staff, programme, view, who):
    verified_login(client, getattr(staff, who))
    assert client.get(VIEWS[view].format(pk=programme.pk)).status_code == 404


@pytest.mark.parametrize("view", ["edit", "inspect", "adherence", "send"])
@pytest.mark.parametrize("who", ["builder", "desk", "root"])
def test_those_allowed_open_every_view_of_it(client, staff, programme, view, who):
    verified_login(client, getattr(staff, who))
    assert client.get(VIEWS[view].format(pk=programme.pk)).status_code == 200


def test_another_practitioner_cannot_delete_it(client, staff, programme):
    verified_login(client, staff.other)
    client.post(VIEWS["delete"].format(pk=programme.pk))
    assert HomeProgramme.objects.filter(pk=programme.pk).exists()


def test_another_practitioner_cannot_send_it(client, staff, programme):
    verified_login(client, staff.other)
    assert client.post(VIEWS["send"].format(pk=programme.pk)).status_code == 404
    programme.refresh_from_db()
    assert programme.sent_at is None


def test_a_practitioner_without_the_send_permission_is_refused(client, staff, programme):
    group = Group.objects.get(name="Practitioners")
    group.permissions.remove(group.permissions.get(codename="send_homeprogramme"))
    verified_login(client, staff.builder)
    response = client.post(VIEWS["send"].format(pk=programme.pk))
    assert response["Location"] == "/admin/"  # Wagtail's answer to PermissionDenied
    programme.refresh_from_db()
    assert programme.sent_at is None


def test_a_programme_nobody_built_is_for_reception_only(client, staff, clinic):
    orphan = HomeProgrammeFactory(practitioner=clinic.dana, built_by=None)
    verified_login(client, staff.builder)
    assert client.get(VIEWS["edit"].format(pk=orphan.pk)).status_code == 404


def test_editor_has_no_menu_item(client, staff):
    verified_login(client, staff.editor)
    assert "Home programmes" not in client.get("/admin/").content.decode()


def test_practitioner_has_the_menu_item(client, staff):
    verified_login(client, staff.builder)
    assert "Home programmes" in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("group", "codename", "held"),
    [
        ("Reception", "view_all_homeprogrammes", True),
        ("Practitioners", "view_all_homeprogrammes", False),
        ("Practitioners", "send_homeprogramme", True),
        ("Practitioners", "add_homeprogramme", True),
        ("Editors", "view_homeprogramme", False),
    ],
)
def test_groups_hold_the_programme_permissions(group, codename, held):
    permissions = Group.objects.get(name=group).permissions
    assert permissions.filter(codename=codename).exists() == held


def test_seeing_programmes_needs_two_factor_authentication(client, db):
    user = UserFactory(username="programmes-only")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_homeprogramme"),
    )
    client.force_login(user)
    response = client.get(BASE + "/")
    assert response["Location"].startswith(reverse("core_two_factor_setup"))
