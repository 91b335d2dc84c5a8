"""The printable handout of a home programme: each item's cautions and the patient's dosage,
and a QR code back to the page. Private like the page."""

import pytest

from exercises.presenters.handout import qr_svg
from tests.homecare.helpers import KNEE_CAUTION, NOW

pytestmark = pytest.mark.django_db


def handout(client, care):
    response = client.get(f"/my-programme/print/?t={care.token}")
    assert response.status_code == 200
    return response.content.decode()


def test_handout_has_no_site_navigation(client, care, frozen):
    html = handout(client, care)
    assert "site-header" not in html
    assert "<nav" not in html


def test_handout_qr_code_opens_the_programme_page(client, care, frozen):
    page_url = f"http://testserver/my-programme/?t={care.token.replace(':', '%3A')}"
    expected = qr_svg(page_url, label="QR code linking to your home programme")
    assert str(expected) in handout(client, care)


def test_handout_prints_the_token_nowhere_but_the_qr_code_and_back_link(client, care, frozen):
    html = handout(client, care)
    assert html.count(care.token.replace(":", "%3A")) == 1  # the link back to the page


def test_handout_shows_cautions_before_the_dosage(client, care, frozen):
    html = handout(client, care)
    assert html.index(KNEE_CAUTION) < html.index("3 sets, hold each for 45 seconds")


def test_handout_lists_the_routines_exercises_with_the_patients_dosage(client, care, frozen):
    html = handout(client, care)
    assert "<strong>Ankle circles</strong>: 12 reps · daily" in html


def test_handout_has_print_styles(client, care, frozen):
    html = handout(client, care)
    assert 'href="/static/css/homecare.css"' in html
    assert 'href="/static/css/exercises.css"' in html


def test_handout_shows_the_practice_phone(client, care, frozen):
    assert "Willow Lane Therapy · 604-555-0199" in handout(client, care)


def test_handout_is_private(client, care, frozen):
    response = client.get(f"/my-programme/print/?t={care.token}")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_handout_of_an_ended_link_is_the_friendly_page(client, care, frozen):
    care.programme.revoked_at = NOW
    care.programme.save()
    response = client.get(f"/my-programme/print/?t={care.token}")
    assert response.status_code == 410
    assert "This link has ended" in response.content.decode()
