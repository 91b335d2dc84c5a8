"""The whole home programme journey: the practitioner opens a patient's appointment in the admin,
builds the home programme from it (copying a library routine), sends the link; the patient opens
the e-mailed link on a phone, runs the timer, ticks an exercise done and books the review.
axe on every page."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from booking.models import Status
from core.models import OutboxMessage
from homecare.models import HomeProgramme, HomeProgrammeTick
from tests.booking.factories import BookingFactory, PatientFactory
from tests.browser.conftest import VIEWPORTS, admin_sign_in, assert_accessible
from tests.factories import UserFactory, build_site
from tests.homecare.helpers import library, practice


def practitioners_group():
    """The Practitioners group as the migrations leave it (a live-server test flushes their
    rows afterwards, so it is made again when missing)."""
    group, _ = Group.objects.get_or_create(name="Practitioners")
    group.permissions.add(
        *Permission.objects.filter(
            Q(content_type__app_label="wagtailadmin", codename="access_admin")
            | Q(content_type__app_label="booking", codename__in=["view_booking", "view_patient"])
            | Q(
                content_type__app_label="homecare",
                codename__in=[
                    "add_homeprogramme",
                    "change_homeprogramme",
                    "view_homeprogramme",
                    "send_homeprogramme",
                ],
            )
        )
    )
    return group


def header_action(page, name):
    """Follow a link of the page header's "Actions" menu."""
    page.get_by_role("button", name="Actions").first.click()
    page.get_by_role("link", name=name).first.click()


@pytest.fixture
def clinic(transactional_db, live_server):
    site, home = build_site()
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    found = practice(site, home)
    found.lib = library(home)
    found.patient = PatientFactory(name="Ana Silva", email="ana@example.com")
    start = timezone.now() - timedelta(hours=2)
    found.booking = BookingFactory(
        patient=found.patient,
        practitioner=found.dana,
        service=found.follow_up,
        start=start,
        status=Status.CONFIRMED,
    )
    user = UserFactory(username="dana")
    user.set_password("password")
    user.save()
    user.groups.add(practitioners_group())
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return found


def test_practitioner_builds_and_sends_and_the_patient_follows(browser_page, clinic):
    page = browser_page
    admin_sign_in(page, "dana", "password")
    page.goto(f"/admin/booking/bookings/inspect/{clinic.booking.pk}/")
    assert_accessible(page, "booking: inspect")
    header_action(page, "Home programme from the library")

    expect(page.get_by_label("Patient")).to_have_value(str(clinic.patient.pk))
    assert_accessible(page, "home programme: copy from the library")
    page.get_by_label("Programme or routine of the library").select_option(label="Knee reset")
    page.get_by_role("button", name="Copy and edit").click()
    expect(page.locator(".messages")).to_contain_text("Copied 'Knee reset'")
    # Wagtail fades its message in: check contrast once the colours have settled.
    page.locator(".messages").evaluate(
        "el => Promise.all(el.getAnimations({subtree: true}).map((a) => a.finished))"
    )
    programme = HomeProgramme.objects.get()
    assert (programme.patient, programme.booking) == (clinic.patient, clinic.booking)
    assert programme.items.count() == 2
    assert_accessible(page, "home programme: edit")

    page.goto(f"/admin/homecare/programmes/inspect/{programme.pk}/")
    header_action(page, "Send link")
    assert_accessible(page, "home programme: send")
    page.get_by_role("button", name="Send link").click()
    expect(page.locator(".messages")).to_contain_text("Link e-mailed to ana@example.com")
    message = OutboxMessage.objects.get(to="ana@example.com")
    link = re.search(r"(/my-programme/\?t=[^\s\"<]+)", message.text).group(1)

    page.goto(f"/admin/booking/patients/{clinic.patient.pk}/record/")
    row = page.get_by_role("row", name=re.compile(re.escape(programme.title)))
    expect(row).to_contain_text("Working")
    assert_accessible(page, "patient record: home programmes")

    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(programme.title)
    assert_accessible(page, "patient: home programme")
    first = programme.items.order_by("sort_order").first()
    card = page.locator(f"#item-{first.pk}")
    timer = card.locator("[data-timer]").first
    timer.get_by_role("button", name="Start", exact=True).click()
    expect(timer.locator("[data-timer-phase]")).not_to_have_text("Ready when you are")
    timer.get_by_role("button", name="Pause", exact=True).click()
    card.get_by_role("button", name=re.compile("^Done today")).click()
    expect(card.get_by_text("Done today ✓")).to_be_visible()
    assert HomeProgrammeTick.objects.filter(item=first).count() == 1
    assert_accessible(page, "patient: ticked")

    page.get_by_role("link", name="Book your review").first.click()
    expect(page.locator('input[name="practitioner"][value="dana"]')).to_be_checked()
    assert_accessible(page, "patient: booking the review")
    assert page.blocked_requests == []
