"""Every e-mail is sent in the practice's name, read from the practice settings at send time."""

import pytest
from django.core import mail

from core.models import SiteSettings

pytestmark = pytest.mark.django_db


def send():
    mail.EmailMessage(subject="Hello", body="Body", to=["patient@example.com"]).send()
    return mail.outbox[-1].message()["From"]


def test_sender_name_is_the_practice_name(site_home):
    assert send() == "Willow Lane Therapy <noreply@example.com>"


def test_sender_name_follows_the_settings_at_send_time(site_home):
    practice = SiteSettings.for_site(site_home[0])
    practice.practice_name = "Cedar & Tide"
    practice.save()
    assert send() == "Cedar & Tide <noreply@example.com>"


def test_sender_without_a_site_keeps_the_configured_name(db):
    from wagtail.models import Site

    Site.objects.all().delete()
    assert send() == "Practice <noreply@example.com>"


def test_configured_address_is_kept_with_the_practice_name(site_home):
    from core.mail import practice_from_email

    assert practice_from_email("Other <sender@example.org>") == (
        "Willow Lane Therapy <sender@example.org>"
    )
