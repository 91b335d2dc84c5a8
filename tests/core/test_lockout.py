"""Sign-in lockout through the Wagtail login page: five failures lock the user name and the
address, the right password is refused while locked, the cool-off ends it, a superuser lifts it."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.test import RequestFactory
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.lockout import client_ip
from tests.admin_helpers import verified_login
from tests.factories import SuperUserFactory, UserFactory

LOGIN = "/admin/login/"
LOCKED = "Too many failed sign-in attempts"
NOW = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def writer():
    user = UserFactory(username="writer", password="right-horse-battery")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, username, password, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def fail(client, username, times, **extra):
    return [sign_in(client, username, "wrong", **extra) for _ in range(times)]


def test_four_failures_still_let_the_right_password_in(client, writer, clock):
    fail(client, "writer", 4)
    assert sign_in(client, "writer", "right-horse-battery").status_code == 302


def test_fifth_failure_locks_with_a_message(client, writer, clock):
    responses = fail(client, "writer", 5)
    assert responses[-1].status_code == 429
    assert LOCKED in responses[-1].content.decode()


def test_lockout_message_names_the_cool_off(client, writer, clock):
    response = fail(client, "writer", 5)[-1]
    assert "Try again in 15 minutes" in response.content.decode()


def test_lockout_page_is_the_login_form(client, writer, clock):
    response = fail(client, "writer", 5)[-1]
    assert 'name="password"' in response.content.decode()


def test_right_password_is_refused_while_locked(client, writer, clock):
    fail(client, "writer", 5)
    response = sign_in(client, "writer", "right-horse-battery")
    assert response.status_code == 429


def test_locked_user_gets_no_session(client, writer, clock):
    fail(client, "writer", 5)
    sign_in(client, "writer", "right-horse-battery")
    assert "_auth_user_id" not in client.session


def test_user_is_locked_from_another_address_too(client, writer, clock):
    fail(client, "writer", 5)
    response = sign_in(client, "writer", "right-horse-battery", REMOTE_ADDR="198.51.100.20")
    assert response.status_code == 429


def test_address_is_locked_for_every_user_name(client, writer, clock):
    for name in ["a", "b", "c", "d", "e"]:
        sign_in(client, name, "wrong")
    assert sign_in(client, "writer", "right-horse-battery").status_code == 429


def test_forwarded_for_header_does_not_dodge_the_address_lock(client, writer, clock):
    for n, name in enumerate(["a", "b", "c", "d", "e"]):
        sign_in(client, name, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = sign_in(client, "writer", "right-horse-battery", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def test_cool_off_ends_the_lockout(client, writer, clock):
    fail(client, "writer", 5)
    clock.shift(timedelta(minutes=16))
    assert sign_in(client, "writer", "right-horse-battery").status_code == 302


def test_password_reset_does_not_lift_the_lockout(client, writer, clock):
    fail(client, "writer", 5)
    uid = urlsafe_base64_encode(force_bytes(writer.pk))
    token = default_token_generator.make_token(writer)
    start = client.get(f"/admin/password_reset/confirm/{uid}/{token}/")
    new_password = "another-long-passphrase-9"
    done = client.post(
        start["Location"], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.status_code == 302
    assert sign_in(client, "writer", new_password).status_code == 429


def test_superuser_sees_and_lifts_a_lockout(client, writer, clock):
    fail(client, "writer", 5)
    admin = SuperUserFactory(username="boss")
    verified_login(client, admin)
    listing = client.get("/admin/login-lockouts/")
    assert "writer" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="writer")
    response = client.post(f"/admin/login-lockouts/{attempt.pk}/unlock/")
    assert response.status_code == 302
    client.logout()
    assert sign_in(client, "writer", "right-horse-battery").status_code == 302


def test_unlock_clears_every_record_of_the_user_and_address(client, writer, clock):
    fail(client, "writer", 3)
    fail(client, "writer", 2, REMOTE_ADDR="198.51.100.20")
    verified_login(client, SuperUserFactory(username="boss"))
    attempt = AccessAttempt.objects.filter(username="writer").first()
    client.post(f"/admin/login-lockouts/{attempt.pk}/unlock/")
    assert not AccessAttempt.objects.filter(username="writer").exists()


@pytest.mark.parametrize("group", ["Reception", "Editors"])
def test_only_superusers_see_lockouts(client, writer, clock, group):
    fail(client, "writer", 5)
    staff = UserFactory(username="staff")
    staff.groups.add(Group.objects.get(name=group))
    verified_login(client, staff)
    assert b"writer" not in client.get("/admin/login-lockouts/").content


@pytest.mark.parametrize("group", ["Reception", "Editors"])
def test_only_superusers_unlock(client, writer, clock, group):
    fail(client, "writer", 5)
    staff = UserFactory(username="staff")
    staff.groups.add(Group.objects.get(name=group))
    verified_login(client, staff)
    attempt = AccessAttempt.objects.get(username="writer")
    client.post(f"/admin/login-lockouts/{attempt.pk}/unlock/")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_client_address_is_remote_addr_by_default(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "10.0.0.1"


def test_client_address_behind_one_trusted_proxy_is_the_last_forwarded(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"


def test_client_address_falls_back_when_the_header_is_short_or_garbage(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="junk")
    assert client_ip(request) == "10.0.0.1"


def count_queries(client, url):
    from django.db import connection

    calls = []

    def counter(execute, sql, params, many, context):
        calls.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(url)
    assert response.status_code == 200
    return len(calls)


def test_lockout_listing_query_count_is_flat(client, clock):
    verified_login(client, SuperUserFactory(username="boss"))
    AccessAttempt.objects.create(
        username="u0", ip_address="10.0.0.0", user_agent="x", failures_since_start=5
    )
    few = count_queries(client, "/admin/login-lockouts/")
    AccessAttempt.objects.bulk_create(
        AccessAttempt(
            username=f"u{n}", ip_address=f"10.0.0.{n}", user_agent="x", failures_since_start=5
        )
        for n in range(1, 20)
    )
    assert count_queries(client, "/admin/login-lockouts/") == few
