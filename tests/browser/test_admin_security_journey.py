"""The admin's sign-in guards in a browser: a lockout after five wrong passwords, and a superuser
setting up two-factor authentication, then signing in with a code."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOT_DIR, assert_accessible
from tests.factories import SuperUserFactory, UserFactory

PASSWORD = "right-horse-battery"
NOW = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    # Ticking, so the live server and the browser see time pass; TOTP codes follow this clock.
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


def save(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True, animations="disabled")


def code_for(device):
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_five_wrong_passwords_lock_the_sign_in(browser_page, site_tree, clock):
    UserFactory(username="writer", password=PASSWORD)
    page = browser_page
    for _ in range(4):
        sign_in(page, "writer", "wrong")
        expect(page.get_by_role("status")).to_contain_text("didn't match")
    sign_in(page, "writer", "wrong")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Too many failed sign-in attempts")
    expect(alert).to_contain_text("Try again in 15 minutes")
    assert_accessible(page, "sign-in locked")
    save(page, "lockout")

    sign_in(page, "writer", PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("Too many failed sign-in attempts")
    expect(page).to_have_url(f"{page.url.split('/admin/')[0]}/admin/login/")


def test_superuser_sets_up_two_factor_then_signs_in_with_a_code(
    browser_page, live_server, site_tree, clock
):
    boss = SuperUserFactory(username="boss", password=PASSWORD)
    page = browser_page

    # The password alone leads to the set-up page.
    sign_in(page, "boss", PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/set-up/?next=%2Fadmin%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page, "2FA set-up")
    save(page, "2fa-setup")

    # A code from the app turns it on and shows the recovery codes once.
    device = TOTPDevice.objects.get(user=boss)
    page.get_by_label("Code from the app").fill(code_for(device))
    page.get_by_role("button", name="Confirm code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor authentication is on")
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    assert_accessible(page, "2FA recovery codes")
    page.get_by_role("link", name="I have saved them, continue").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    # Next sign-in: password, then the code step before any admin page.
    page.context.clear_cookies()
    clock.shift(timedelta(seconds=60))
    sign_in(page, "boss", PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/?next=%2Fadmin%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page, "2FA code step")
    save(page, "2fa-verify")
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
