"""The demo practice loads, prints progress, and a second run creates nothing new."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from core.models import ContactFormField, SiteSettings
from tests.demo.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.django_db


def test_a_second_run_adds_nothing(demo):
    assert demo.second == demo.first


def test_progress_is_printed(demo):
    assert "site and home page" in demo.output


def test_the_end_is_announced(demo):
    assert "Demo practice ready." in demo.output


def test_the_admin_sign_in_is_printed(demo):
    assert f"user: admin  password: {ADMIN_PASSWORD}" in demo.output


def test_the_site_has_its_pages(demo):
    assert demo.first["wagtailcore.Page"] >= 5


def test_the_contact_form_has_four_fields(demo):
    assert ContactFormField.objects.count() == 4


def test_the_practice_phone_is_a_fictional_number(demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.phone.startswith("604-555-")


def test_the_offer_code_is_set(demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.offer_code == "FIRST15"


def test_the_admin_password_comes_from_the_environment(demo):
    assert get_user_model().objects.get(username="admin").check_password(ADMIN_PASSWORD)


def test_the_admin_is_a_superuser(demo):
    assert get_user_model().objects.get(username="admin").is_superuser


@pytest.mark.parametrize("path", ["/", "/about/", "/contact/", "/privacy/"])
def test_core_pages_render(demo, client, path):
    assert client.get(path).status_code == 200


def test_the_privacy_page_says_what_is_counted(demo, client):
    assert "What we count, and what we do not" in client.get("/privacy/").content.decode()
