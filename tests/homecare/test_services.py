"""Sending, revoking and re-sending a patient's link, and copying from the library: the
services, and the admin buttons that call them."""

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from core.outbox.models import OutboxMessage
from homecare import services
from homecare.models import HomeProgramme
from homecare.tokens import read_programme_token
from tests.admin_helpers import verified_login
from tests.booking.factories import PatientFactory
from tests.clock import PRACTICE_ZONE
from tests.homecare.factories import HomeProgrammeFactory, HomeProgrammeItemFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 9, 17, 0, tzinfo=PRACTICE_ZONE)


@pytest.fixture
def programme(clinic, staff):
    patient = PatientFactory(name="Ana Silva", email="ana@example.com")
    return HomeProgrammeFactory(
        patient=patient, practitioner=clinic.dana, built_by=staff.builder, title="Knee plan"
    )


def sent(programme, user, now=NOW):
    return services.home_programme_send(programme=programme, user=user, now=now)


def link_in(message: OutboxMessage) -> str:
    found = re.search(r"https?://\S+/my-programme/\?t=\S+", message.text)
    assert found, message.text
    return found.group()


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["t"][0]


def test_send_enqueues_exactly_one_email_to_the_patient(programme, staff):
    sent(programme, staff.builder)
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["ana@example.com"]


def test_sent_link_reads_back_to_the_programme_and_its_version(programme, staff):
    sent(programme, staff.builder)
    token = token_of(link_in(OutboxMessage.objects.get()))
    assert read_programme_token(token) == (programme.pk, 1)


def test_sent_link_is_on_the_sites_address(programme, staff, clinic):
    sent(programme, staff.builder)
    url = link_in(OutboxMessage.objects.get())
    assert url.startswith(clinic.site.root_url + "/my-programme/?t=")


def test_html_email_carries_the_same_link(programme, staff):
    sent(programme, staff.builder)
    message = OutboxMessage.objects.get()
    assert link_in(message).replace("&", "&amp;") in message.html


def test_email_names_the_programme_but_no_exercise(programme, staff, library):
    HomeProgrammeItemFactory(programme=programme, exercise=library.knee)
    sent(programme, staff.builder)
    message = OutboxMessage.objects.get()
    assert "Knee plan" in message.text
    assert "Knee circles" not in message.text + message.html


def test_send_stamps_the_link(programme, staff):
    programme = sent(programme, staff.builder)
    assert programme.sent_at == NOW
    assert programme.expires_at == NOW + timedelta(days=180)
    assert programme.revoked_at is None


def test_link_days_set_the_expiry(programme, staff):
    programme.link_days = 30
    programme.save()
    assert sent(programme, staff.builder).expires_at == NOW + timedelta(days=30)


def test_revoke_sets_revoked_at(programme, staff):
    sent(programme, staff.builder)
    later = NOW + timedelta(days=2)
    programme = services.home_programme_revoke(programme=programme, user=staff.desk, now=later)
    assert programme.revoked_at == later


def test_revoking_twice_keeps_the_first_time(programme, staff):
    sent(programme, staff.builder)
    services.home_programme_revoke(programme=programme, user=staff.desk, now=NOW)
    again = services.home_programme_revoke(
        programme=programme, user=staff.desk, now=NOW + timedelta(days=1)
    )
    assert again.revoked_at == NOW


def test_revoking_a_link_never_sent_is_refused(programme, staff):
    with pytest.raises(services.HomecareError):
        services.home_programme_revoke(programme=programme, user=staff.desk, now=NOW)


def test_resend_bumps_the_version(programme, staff):
    sent(programme, staff.builder)
    assert sent(programme, staff.builder, NOW + timedelta(days=1)).link_version == 2


def test_resend_after_revoke_opens_a_new_link(programme, staff):
    sent(programme, staff.builder)
    services.home_programme_revoke(programme=programme, user=staff.desk, now=NOW)
    assert sent(programme, staff.builder, NOW + timedelta(hours=1)).revoked_at is None


def test_resend_retires_the_old_link(programme, staff):
    sent(programme, staff.builder)
    first = token_of(link_in(OutboxMessage.objects.get()))
    programme = sent(programme, staff.builder, NOW + timedelta(days=1))
    assert read_programme_token(first)[1] != programme.link_version


def test_each_send_is_logged_in_the_programmes_history(programme, staff):
    sent(programme, staff.builder)
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action=services.SENT)
    assert entry.user == staff.builder


def test_erased_patient_cannot_be_sent_a_link(programme, staff):
    programme.patient.email = f"erased-{programme.patient.pk}@erased.invalid"
    programme.patient.save()
    with pytest.raises(services.HomecareError):
        sent(programme, staff.builder)


# --- the admin buttons --------------------------------------------------------------------


def test_send_button_asks_first(client, programme, staff):
    verified_login(client, staff.builder)
    response = client.get(f"/admin/homecare/programmes/{programme.pk}/send/")
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_send_button_sends(client, programme, staff):
    verified_login(client, staff.builder)
    response = client.post(f"/admin/homecare/programmes/{programme.pk}/send/")
    assert response["Location"] == f"/admin/homecare/programmes/inspect/{programme.pk}/"
    assert OutboxMessage.objects.count() == 1


def test_send_button_needs_the_csrf_token(programme, staff):
    client = Client(enforce_csrf_checks=True)
    verified_login(client, staff.builder)
    assert client.post(f"/admin/homecare/programmes/{programme.pk}/send/").status_code == 403
    assert not OutboxMessage.objects.exists()


def test_revoke_button_revokes(client, programme, staff):
    sent(programme, staff.builder)
    verified_login(client, staff.desk)
    client.post(f"/admin/homecare/programmes/{programme.pk}/revoke/")
    programme.refresh_from_db()
    assert programme.revoked_at is not None


def test_revoke_before_send_shows_a_message_not_an_error(client, programme, staff):
    verified_login(client, staff.desk)
    response = client.post(f"/admin/homecare/programmes/{programme.pk}/revoke/", follow=True)
    assert "No link has been sent" in response.content.decode()


# --- copy -------------------------------------------------------------------------------------


def test_copy_of_a_page_that_is_not_a_programme_or_routine_is_refused(library, clinic, staff):
    with pytest.raises(services.HomecareError):
        services.home_programme_copy(
            source=library.knee.page_ptr,
            patient=PatientFactory(),
            practitioner=clinic.dana,
            start_date=NOW.date(),
            user=staff.builder,
        )
    assert not HomeProgramme.objects.exists()
