import pytest

from core.links import booking_link
from core.models import SiteSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking_site(site_home):
    site, home = site_home
    settings = SiteSettings.for_site(site)
    settings.booking_page = StandardPageFactory(parent=home, title="Book", slug="book")
    settings.offer_code = "FIRST15"
    settings.save()
    return site


def test_booking_link_carries_service_and_offer(booking_site):
    assert booking_link(site=booking_site) == "/book/?promo=FIRST15"
    assert booking_link(site=booking_site, service="initial-assessment", promo="SPRING 10") == (
        "/book/?service=initial-assessment&promo=SPRING+10"
    )
    assert booking_link(site=booking_site, use_offer=False) == "/book/"


def test_booking_link_is_empty_without_a_booking_page(site_home):
    assert booking_link(site=site_home[0]) == ""
    assert booking_link() == ""


def test_booking_link_names_the_page_it_is_on(booking_site):
    page = booking_site.root_page
    assert booking_link(site=booking_site, source=page, use_offer=False) == f"/book/?from={page.pk}"


def test_booking_link_from_the_booking_page_names_no_page(booking_site):
    booking_page = SiteSettings.for_site(booking_site).booking_page
    assert booking_link(site=booking_site, source=booking_page, use_offer=False) == "/book/"
