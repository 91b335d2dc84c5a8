"""The health intake form: its signed link (confirmation page, e-mails), the form, the answers."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from booking import services, tokens
from booking.blocks import ChoiceQuestionBlock, TextQuestionBlock, YesNoQuestionBlock
from booking.models import IntakeResponse, Status
from core.outbox.models import OutboxMessage
from tests.booking.intake_helpers import (
    GOOD_ANSWERS,
    confirmed,
    done_link,
    intake_link,
    with_questions,
)


@pytest.fixture
def booked(clinic):
    with_questions(clinic.site)
    return confirmed(clinic)


def test_confirmation_page_links_to_the_intake_form(client, clinic, booked):
    html = client.get(done_link(clinic, booked)).content.decode()
    assert f"{clinic.page.url}intake/?t=" in html


def test_confirmation_page_offers_no_form_without_questions(client, clinic):
    booking = confirmed(clinic)
    html = client.get(done_link(clinic, booking)).content.decode()
    assert "/intake/" not in html


def test_confirmation_email_carries_the_intake_link(clinic, booked):
    email = OutboxMessage.objects.get(kind="confirmation")
    assert "/book/intake/?t=" in email.text


def test_confirmation_email_html_carries_the_intake_link(clinic, booked):
    email = OutboxMessage.objects.get(kind="confirmation")
    assert "/book/intake/?t=" in email.html


def test_staff_email_has_no_intake_link(clinic, booked):
    email = OutboxMessage.objects.get(kind="staff_new")
    assert "/intake/" not in email.text


def test_form_shows_the_questions(client, clinic, booked):
    html = client.get(intake_link(clinic, booked)).content.decode()
    assert "Any surgery in the last year?" in html


def test_sent_form_stores_the_answers_with_the_booking(client, clinic, booked):
    response = client.post(intake_link(clinic, booked), GOOD_ANSWERS)
    assert response.status_code == 302
    assert IntakeResponse.objects.get(booking=booked).answers == [
        {"question": "What brings you in?", "answer": "Left knee, since March"},
        {"question": "Any surgery in the last year?", "answer": "No"},
        {"question": "How did you hear about us?", "answer": "My doctor"},
    ]


def test_after_sending_the_link_says_thank_you_and_shows_no_answers(client, clinic, booked):
    client.post(intake_link(clinic, booked), GOOD_ANSWERS)
    html = client.get(intake_link(clinic, booked)).content.decode()
    assert "We have your answers" in html
    assert "Left knee" not in html


def test_missing_answer_gives_a_field_error_and_keeps_the_values(client, clinic, booked):
    response = client.post(intake_link(clinic, booked), {"q1": "Sore neck <b>", "q2": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_q2_error"' in html
    assert "Sore neck &lt;b&gt;" in html
    assert not IntakeResponse.objects.exists()


def test_a_choice_not_offered_is_a_field_error(client, clinic, booked):
    response = client.post(intake_link(clinic, booked), {**GOOD_ANSWERS, "q3": "9"})
    assert response.status_code == 400
    assert 'id="id_q3_error"' in response.content.decode()


def test_tampered_link_gets_a_friendly_page(client, clinic, booked):
    response = client.get(intake_link(clinic, booked)[:-3] + "xyz")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_tampered_post_is_refused_without_saving(client, clinic, booked):
    response = client.post(intake_link(clinic, booked)[:-3] + "xyz", GOOD_ANSWERS)
    assert response.status_code == 400
    assert not IntakeResponse.objects.exists()


def test_manage_link_does_not_open_the_form(client, clinic, booked):
    url = f"{clinic.page.url}intake/?t={tokens.manage_token(booked.reference)}"
    assert client.get(url).status_code == 400


def test_expired_link_gets_a_friendly_page(client, clinic, booked):
    url = intake_link(clinic, booked)
    later = timezone.now() + timedelta(seconds=tokens.INTAKE_MAX_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(url)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()


def test_form_is_closed_for_a_cancelled_appointment(client, clinic, booked):
    services.booking_cancel(booking=booked, by="patient", settings=clinic.rules)
    response = client.post(intake_link(clinic, booked), GOOD_ANSWERS)
    assert response.status_code == 410
    assert not IntakeResponse.objects.exists()


def test_form_is_closed_once_the_appointment_started(client, clinic, booked):
    with time_machine.travel(booked.start + timedelta(minutes=5), tick=False):
        response = client.get(intake_link(clinic, booked))
    assert response.status_code == 410


def test_no_questions_means_no_form(client, clinic, booked):
    with_questions(clinic.site, questions=[])
    assert client.get(intake_link(clinic, booked)).status_code == 404


@pytest.mark.parametrize("broken", [False, True])
def test_form_pages_are_never_cached(client, clinic, booked, broken):
    url = intake_link(clinic, booked) + ("x" if broken else "")
    assert "no-store" in client.get(url)["Cache-Control"]


@pytest.mark.parametrize("broken", [False, True])
def test_form_pages_send_no_referer_to_other_sites(client, clinic, booked, broken):
    url = intake_link(clinic, booked) + ("x" if broken else "")
    assert client.get(url)["Referrer-Policy"] == "same-origin"


def test_form_page_is_not_indexed(client, clinic, booked):
    response = client.get(intake_link(clinic, booked))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_form_page_is_not_kept_by_the_page_cache(client, clinic, booked, settings):
    settings.PAGE_CACHE_ENABLED = True
    url = intake_link(clinic, booked)
    client.get(url)
    assert client.get(url).get("X-Page-Cache") != "hit"


def _remind(clinic, booking):
    with time_machine.travel(booking.start - timedelta(hours=2), tick=False):
        services.reminders_send(settings=clinic.rules)
    return OutboxMessage.objects.get(kind="reminder")


def test_reminder_carries_the_link_while_the_form_is_not_filled_in(clinic, booked):
    assert "/book/intake/?t=" in _remind(clinic, booked).text


def test_reminder_has_no_link_once_the_form_is_filled_in(client, clinic, booked):
    client.post(intake_link(clinic, booked), GOOD_ANSWERS)
    reminder = _remind(clinic, booked)
    assert "/intake/" not in reminder.text
    assert "/intake/" not in reminder.html


def test_answers_never_go_in_an_email(client, clinic, booked):
    client.post(intake_link(clinic, booked), GOOD_ANSWERS)
    _remind(clinic, booked)
    services.booking_cancel(booking=booked, by="staff", settings=clinic.rules, now=timezone.now())
    for email in OutboxMessage.objects.all():
        assert "Left knee" not in email.text + email.html + email.attachment, email.kind


def test_answers_are_replaced_when_sent_again(clinic, booked):
    services.intake_submit(booking=booked, answers=[{"question": "Q", "answer": "one"}])
    services.intake_submit(booking=booked, answers=[{"question": "Q", "answer": "two"}])
    assert IntakeResponse.objects.get(booking=booked).answers[0]["answer"] == "two"


def test_service_refuses_answers_for_a_cancelled_appointment(clinic, booked):
    booked.status = Status.CANCELLED
    booked.save()
    with pytest.raises(services.BookingError):
        services.intake_submit(booking=booked, answers=[])


@pytest.mark.parametrize("block", [TextQuestionBlock, ChoiceQuestionBlock, YesNoQuestionBlock])
def test_question_blocks_render_their_preview(block):
    instance = block()
    html = instance.render(instance.get_preview_value())
    assert instance.get_preview_value()["label"] in html


def test_staff_edit_the_questions_in_the_admin(admin_client, clinic):
    with_questions(clinic.site)
    response = admin_client.get(f"/admin/settings/booking/intakesettings/{clinic.site.pk}/")
    assert response.status_code == 200
    assert "How did you hear about us?" in response.content.decode()
