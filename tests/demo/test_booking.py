"""The booking demo: services, people, codes and a closure, bookable from its page."""

import pytest
from wagtail.models import Site

from booking.models import (
    Booking,
    BookingPage,
    Closure,
    IntakeSettings,
    Practitioner,
    PromoCode,
    Service,
)
from core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_three_services(demo):
    assert Service.objects.count() == 3


def test_two_practitioners(demo):
    assert Practitioner.objects.count() == 2


def test_one_closure(demo):
    assert Closure.objects.count() == 1


def test_some_bookings(demo):
    assert Booking.objects.count() >= 5


def test_the_codes(demo):
    assert set(PromoCode.objects.values_list("code", flat=True)) >= {
        "FIRST15",
        "SUMMER10",
        "SHORT20",
        "FRIENDS5",
    }


def test_the_settings_point_at_the_booking_page(demo):
    site = Site.objects.get(is_default_site=True)
    assert SiteSettings.for_site(site).booking_page_id == BookingPage.objects.get().pk


def test_a_link_with_service_and_code_preselects_the_service(demo, client):
    html = client.get("/book/?service=initial-assessment&promo=FIRST15").content.decode()
    assert 'value="initial-assessment" checked' in html


def test_times_render(demo, client):
    assert client.get("/book/times/?service=treatment-45").status_code == 200


def test_five_intake_questions_once(demo):
    settings = IntakeSettings.for_site(Site.objects.get(is_default_site=True))
    assert len(settings.questions) == 5
