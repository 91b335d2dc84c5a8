"""The demo practice loads, prints progress, and a second run creates nothing new."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission
from wagtail.images.models import Image
from wagtail.models import Page, Site

from core.models import ContactFormField, SiteSettings

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "images": Image.objects.count(),
        "users": get_user_model().objects.count(),
        "fields": ContactFormField.objects.count(),
        "sites": Site.objects.count(),
        "submissions": FormSubmission.objects.count(),
    }


def test_load_demo_is_idempotent(capsys, monkeypatch, client):
    monkeypatch.setenv("ADMIN_PASSWORD", "s3cret-demo")
    call_command("load_demo")
    first = counts()
    out = capsys.readouterr().out
    assert "site and home page" in out
    assert "Demo practice ready." in out
    assert "user: admin  password: s3cret-demo" in out
    call_command("load_demo")
    assert counts() == first
    assert first["pages"] >= 5
    assert first["fields"] == 4

    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    assert settings.phone.startswith("604-555-")
    assert settings.offer_code == "FIRST15"
    user = get_user_model().objects.get(username="admin")
    assert user.check_password("s3cret-demo")
    assert user.is_superuser

    Site.objects.update(hostname="testserver", port=80)
    for path in ["/", "/about/", "/contact/", "/privacy/"]:
        assert client.get(path).status_code == 200, path
    privacy = client.get("/privacy/").content.decode()
    assert "What we count, and what we do not" in privacy
