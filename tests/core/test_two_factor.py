"""Two-factor authentication in the admin: who must set it up, the set-up page with a real TOTP
code, the code step after the password, recovery codes that work once."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.two_factor import services
from tests.factories import SuperUserFactory, UserFactory

LOGIN = "/admin/login/"
SETUP = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/"
PASSWORD = "right-horse-battery"
NOW = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def member(username, group=None):
    user = UserFactory(username=username, password=PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(client, user):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": "/admin/"})


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def with_authenticator(user):
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    codes = services.recovery_codes_issue(user=user)
    return device, codes


def test_reception_is_sent_to_set_up_after_the_password(client, clock):
    sign_in(client, member("front-desk", "Reception"))
    response = client.get("/admin/booking/patients/")
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2Fbooking%2Fpatients%2F"


def test_superuser_is_sent_to_set_up(client, clock):
    client.force_login(SuperUserFactory(username="boss"))
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_holder_of_a_patient_permission_is_sent_to_set_up(client, clock):
    from django.contrib.auth.models import Permission

    user = member("helper", "Editors")
    user.user_permissions.add(Permission.objects.get(codename="view_patient"))
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith(SETUP)


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_editors_without_patient_access_are_not_forced(client, clock, group):
    client.force_login(member("writer", group))
    assert client.get("/admin/").status_code == 200


def test_enforcement_can_be_turned_off_by_setting(client, clock, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(member("front-desk", "Reception"))
    assert client.get("/admin/").status_code == 200


def test_set_up_page_shows_a_qr_code_and_the_key(client, clock):
    client.force_login(member("front-desk", "Reception"))
    html = client.get(SETUP).content.decode()
    assert "<svg" in html
    assert "data-secret" in html


def test_set_up_with_a_real_code_turns_2fa_on_and_shows_recovery_codes(client, clock):
    user = member("front-desk", "Reception")
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(SETUP, {"code": code_for(device), "next": "/admin/"})
    assert len(response.context["codes"]) == 10


def test_set_up_confirms_the_device(client, clock):
    user = member("front-desk", "Reception")
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed


def test_after_set_up_the_admin_opens(client, clock):
    user = member("front-desk", "Reception")
    client.force_login(user)
    client.get(SETUP)
    client.post(SETUP, {"code": code_for(TOTPDevice.objects.get(user=user))})
    assert client.get("/admin/booking/patients/").status_code == 200


def test_wrong_code_at_set_up_is_a_field_error(client, clock):
    user = member("front-desk", "Reception")
    client.force_login(user)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "000000"})
    assert "That code is not right" in response.content.decode()


def test_wrong_code_at_set_up_leaves_2fa_off(client, clock):
    user = member("front-desk", "Reception")
    client.force_login(user)
    client.get(SETUP)
    client.post(SETUP, {"code": "000000"})
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_password_alone_leads_to_the_code_step(client, clock):
    user = member("front-desk", "Reception")
    with_authenticator(user)
    sign_in(client, user)
    response = client.get("/admin/booking/patients/")
    assert response["Location"].startswith(VERIFY + "?next=")


def test_code_step_lets_the_user_in(client, clock):
    user = member("front-desk", "Reception")
    device, _ = with_authenticator(user)
    sign_in(client, user)
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/booking/patients/"})
    assert response["Location"] == "/admin/booking/patients/"


def test_after_the_code_step_patients_open(client, clock):
    user = member("front-desk", "Reception")
    device, _ = with_authenticator(user)
    sign_in(client, user)
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get("/admin/booking/patients/").status_code == 200


def test_code_step_refuses_a_wrong_code(client, clock):
    user = member("front-desk", "Reception")
    with_authenticator(user)
    sign_in(client, user)
    response = client.post(VERIFY, {"code": "123456"})
    assert "That code is not right" in response.content.decode()


def test_code_step_slows_down_guessing(client, clock):
    user = member("front-desk", "Reception")
    device, _ = with_authenticator(user)
    sign_in(client, user)
    client.post(VERIFY, {"code": "123456"})
    response = client.post(VERIFY, {"code": code_for(device)})
    assert "Too many wrong codes" in response.content.decode()


def test_an_unverified_user_cannot_replace_the_authenticator(client, clock):
    user = member("front-desk", "Reception")
    with_authenticator(user)
    sign_in(client, user)
    assert client.get(SETUP)["Location"].startswith(VERIFY)


def test_a_user_with_an_authenticator_is_asked_even_when_not_required(client, clock):
    user = member("writer", "Editors")
    with_authenticator(user)
    sign_in(client, user)
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_recovery_code_lets_the_user_in(client, clock):
    user = member("front-desk", "Reception")
    _, codes = with_authenticator(user)
    sign_in(client, user)
    response = client.post(VERIFY, {"code": codes[0].upper()})
    assert response["Location"] == "/admin/"


def test_recovery_code_works_once(client, clock):
    user = member("front-desk", "Reception")
    _, codes = with_authenticator(user)
    sign_in(client, user)
    client.post(VERIFY, {"code": codes[0]})
    client.post("/admin/logout/")
    clock.shift(timedelta(minutes=5))
    sign_in(client, user)
    response = client.post(VERIFY, {"code": codes[0]})
    assert "That code is not right" in response.content.decode()


def test_recovery_code_is_used_up(client, clock):
    user = member("front-desk", "Reception")
    _, codes = with_authenticator(user)
    sign_in(client, user)
    client.post(VERIFY, {"code": codes[0]})
    assert not StaticToken.objects.filter(token=codes[0]).exists()


def test_account_page_links_to_the_set_up(client, clock):
    user = member("writer", "Editors")
    client.force_login(user)
    assert SETUP in client.get("/admin/account/").content.decode()


def test_code_step_never_sends_the_user_off_site(client, clock):
    user = member("front-desk", "Reception")
    device, _ = with_authenticator(user)
    sign_in(client, user)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_reset_command_sends_the_user_back_to_set_up(client, clock):
    from django.core.management import call_command

    user = member("front-desk", "Reception")
    with_authenticator(user)
    call_command("two_factor_reset", "front-desk", stdout=StringIO())
    sign_in(client, user)
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_reset_command_refuses_an_unknown_user(clock):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="No user named"):
        call_command("two_factor_reset", "nobody")
