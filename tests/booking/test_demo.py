import pytest
from django.core.management import call_command
from wagtail.models import Site

from booking.models import (
    Booking,
    BookingPage,
    Closure,
    Practitioner,
    PromoCode,
    Service,
    WorkingHours,
)
from core.models import SiteSettings

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (Booking, BookingPage, Closure, Practitioner, PromoCode, Service, WorkingHours)
    ]


def test_booking_demo_is_idempotent_and_bookable(client):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert Service.objects.count() == 3
    assert Practitioner.objects.count() == 2
    assert Closure.objects.count() == 1
    assert Booking.objects.count() >= 5
    assert set(PromoCode.objects.values_list("code", flat=True)) >= {
        "FIRST15",
        "SUMMER10",
        "SHORT20",
        "FRIENDS5",
    }
    site = Site.objects.get(is_default_site=True)
    page = BookingPage.objects.get()
    assert SiteSettings.for_site(site).booking_page_id == page.pk
    Site.objects.update(hostname="testserver", port=80)
    html = client.get("/book/?service=initial-assessment&promo=FIRST15").content.decode()
    assert 'value="initial-assessment" checked' in html
    assert client.get("/book/times/?service=treatment-45").status_code == 200
