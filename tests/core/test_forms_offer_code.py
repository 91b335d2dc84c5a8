"""The practice settings form warns at the offer code when no active promo code has its name."""

import pytest
from django.urls import reverse

from core.models import SiteSettings
from tests.booking.factories import PromoCodeFactory

pytestmark = pytest.mark.django_db

WARNING = "no active promo code “FIRST15” exists"


def settings_edit_url(site):
    return reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])


def with_offer_code(site, code):
    practice = SiteSettings.for_site(site)
    practice.offer_code = code
    practice.save()


def test_unknown_offer_code_shows_a_warning_at_the_field(admin_client, site_home):
    with_offer_code(site_home[0], "FIRST15")
    html = admin_client.get(settings_edit_url(site_home[0])).content.decode()
    assert WARNING in html


def test_active_offer_code_shows_no_warning(admin_client, site_home):
    PromoCodeFactory(code="FIRST15")
    with_offer_code(site_home[0], "first15")
    html = admin_client.get(settings_edit_url(site_home[0])).content.decode()
    assert "no active promo code" not in html


def test_inactive_offer_code_shows_a_warning(admin_client, site_home):
    PromoCodeFactory(code="FIRST15", active=False)
    with_offer_code(site_home[0], "FIRST15")
    html = admin_client.get(settings_edit_url(site_home[0])).content.decode()
    assert WARNING in html


def test_no_offer_code_shows_no_warning(admin_client, site_home):
    html = admin_client.get(settings_edit_url(site_home[0])).content.decode()
    assert "no active promo code" not in html
