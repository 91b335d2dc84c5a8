"""The booking flow over HTTP: every step, deep links, bad input, signed links, and a property
test that posts generated data to each step (never a 500)."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import signing
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.test.utils.form_data import rich_text

from booking import services, tokens
from booking.models import Booking, BookingPage, Status
from booking.selectors import encode_slot
from tests.admin_helpers import admin_create_page
from tests.booking.factories import PatientFactory, PromoCodeFactory
from tests.booking.helpers import future_slot, hold

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Ana Silva",
    "email": "ana@example.com",
    "phone": "604 555 0101",
    "consent": "on",
}


def first_slot_link(client, url="/book/times/?service=treatment&practitioner=dana"):
    html = client.get(url).content.decode()
    return re.search(r'href="(/book/details/[^"]+)"', html).group(1).replace("&amp;", "&")


def details_url(clinic, start, service="treatment", practitioner=None, promo=""):
    practitioner = practitioner or clinic.dana
    url = f"/book/details/?service={service}&practitioner=any&slot={encode_slot(practitioner.pk, start)}"
    return url + (f"&promo={promo}" if promo else "")


def test_booking_page_created_in_admin_and_rendered(admin_client, clinic):
    clinic.page.delete()
    page = admin_create_page(
        admin_client,
        BookingPage,
        clinic.home,
        {
            "title": "Book a visit",
            "slug": "book",
            "intro": rich_text("<p>Pay at the clinic.</p>"),
            "confirmation_text": rich_text("<p>Arrive early.</p>"),
            "privacy_page": clinic.privacy.pk,
        },
    )
    html = admin_client.get(page.url).content.decode()
    assert "<h1>Book a visit</h1>" in html
    assert "Initial assessment" in html
    assert "$120.00" in html
    assert html.count("<h1") == 1
    assert ".booking-form" in html.split("</head>")[0]  # booking's styles, inline
    assert "<title>" in html
    assert 'rel="canonical"' in html


def test_deep_link_preselects_service_and_carries_code(client, clinic):
    html = client.get("/book/?service=treatment&promo=%20first15%20").content.decode()
    assert 'value="treatment" checked' in html
    assert 'name="promo" value="FIRST15"' in html
    html = client.get("/book/?service=nothing-like-this").content.decode()
    assert "could not find the service" in html


def test_times_are_grouped_by_day_and_labelled_with_the_zone(client, clinic):
    r = client.get("/book/times/?service=treatment&practitioner=any&promo=FIRST15")
    html = r.content.decode()
    assert r.status_code == 200
    assert "All times are Vancouver time (America/Vancouver)." in html
    assert re.search(r"<h2 id=\"day-\d{8}\">\w+day \d+ \w+ \d{4}</h2>", html)
    link = first_slot_link(client, "/book/times/?service=treatment&practitioner=any&promo=FIRST15")
    assert "promo=FIRST15" in link
    assert "practitioner=any" in link
    assert 'name="robots" content="noindex' in html


def test_full_journey_with_a_discount(client, clinic, django_capture_on_commit_callbacks):
    PromoCodeFactory(code="FIRST15", percent_off="15", first_visit_only=True)
    link = first_slot_link(client, "/book/times/?service=treatment&practitioner=dana&promo=FIRST15")
    page = client.get(link).content.decode()
    assert 'value="FIRST15"' in page
    assert 'href="/privacy/"' in page
    r = client.post(link, {**DETAILS, "promo_code": "first15"})
    assert r.status_code == 302
    review = client.get(r["Location"]).content.decode()
    assert "Code FIRST15" in review
    assert "\u2212$14.25" in review
    assert "$80.75" in review
    assert "You pay at the clinic" in review
    assert "We are holding this time for you until" in review
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(r["Location"], {"action": "confirm", "accept_policy": "on"})
    html = client.get(done["Location"]).content.decode()
    booking = Booking.objects.get()
    assert booking.status == Status.CONFIRMED
    assert booking.reference in html
    ics = re.search(r'href="(/book/calendar/[^"]+)"', html).group(1).replace("&amp;", "&")
    response = client.get(ics)
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content
    assert "calendar.google.com" in html
    assert "outlook.live.com" in html


def test_failed_code_reason_and_continue_without_it(client, clinic):
    PatientFactory(email="ana@example.com", known_to_clinic=True)
    PromoCodeFactory(code="FIRST15", first_visit_only=True)
    r = client.post(first_slot_link(client), {**DETAILS, "promo_code": "FIRST15"})
    review = client.get(r["Location"]).content.decode()
    assert "for first appointments only" in review
    assert "Confirm without the code" in review
    done = client.post(r["Location"], {"action": "confirm", "accept_policy": "on"})
    assert done.status_code == 302
    assert str(Booking.objects.get().total) == "95.00"


def test_apply_and_remove_a_code_on_review(client, clinic):
    PromoCodeFactory(code="TEN", amount_off="10.00", percent_off=None)
    review_url = client.post(first_slot_link(client), DETAILS)["Location"]
    client.post(review_url, {"action": "apply_code", "promo_code": " ten "})
    assert "\u2212$10.00" in client.get(review_url).content.decode()
    client.post(review_url, {"action": "remove_code"})
    assert Booking.objects.get().discount == 0


def test_release_frees_the_slot(client, clinic):
    link = first_slot_link(client)
    review_url = client.post(link, DETAILS)["Location"]
    assert client.get(link).status_code == 409  # held: no longer offered
    client.post(review_url, {"action": "release"})
    assert client.get(link).status_code == 200


def test_resending_the_review_form_of_a_released_hold_is_refused(client, clinic):
    review_url = client.post(first_slot_link(client), DETAILS)["Location"]
    client.post(review_url, {"action": "release"})
    r = client.post(review_url, {"action": "confirm", "accept_policy": "on"})
    assert r.status_code == 409
    assert "You let this time go" in r.content.decode()
    assert Booking.objects.get().status == Status.EXPIRED


def test_the_review_page_of_a_released_hold_says_so(client, clinic):
    review_url = client.post(first_slot_link(client), DETAILS)["Location"]
    client.post(review_url, {"action": "release"})
    r = client.get(review_url)
    assert r.status_code == 409
    assert "See the available times" in r.content.decode()


def held_reference(response) -> str:
    """The booking a redirect to the review page names."""
    token = parse_qs(urlparse(response["Location"]).query)["t"][0]
    return tokens.read_access_token(token)


def test_double_click_on_continue_leads_to_the_same_review(client, clinic):
    link = first_slot_link(client)
    first = client.post(link, DETAILS)
    second = client.post(link, DETAILS)
    assert second.status_code == 302
    assert held_reference(second) == held_reference(first)
    assert Booking.objects.count() == 1


def test_the_same_details_from_another_browser_lead_to_their_hold(client, clinic):
    from django.test import Client

    link = first_slot_link(client)
    first = client.post(link, DETAILS)
    again = Client().post(link, DETAILS)
    assert held_reference(again) == held_reference(first)


def test_another_patient_on_a_held_time_gets_not_available(client, clinic):
    from django.test import Client

    link = first_slot_link(client)
    client.post(link, DETAILS)
    r = Client().post(link, {**DETAILS, "email": "someone@example.com"})
    assert r.status_code == 409


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Ana \u202eavliS"),
        ("name", "Ana\x00"),
        ("phone", "604 555 0101\x1b"),
        ("notes", "knee\u2066pain\u2069"),
        ("notes", "bell\x07"),
    ],
)
def test_control_and_bidi_characters_are_refused_at_the_field(client, clinic, field, value):
    r = client.post(first_slot_link(client), {**DETAILS, field: value})
    assert r.status_code == 400
    assert "invisible control or text-direction characters" in r.content.decode()
    assert Booking.objects.count() == 0


def test_accents_emoji_and_cjk_are_kept(client, clinic):
    name = "Zoë Ñúñez 😀 中文"
    client.post(first_slot_link(client), {**DETAILS, "name": name, "notes": "膝\nline two"})
    booking = Booking.objects.get()
    assert booking.patient_name == name
    assert booking.notes == "膝\nline two"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/book/?service=%00", 200),
        ("/book/times/?service=%00", 404),
        ("/book/times/?service=treatment&practitioner=%00&from=%00", 200),
        ("/book/details/?service=%00&slot=1-202601011000", 404),
        ("/book/details/?service=treatment&slot=%00", 400),
    ],
)
def test_nul_in_query_values_is_ignored_or_refused(client, clinic, url, status):
    assert client.get(url).status_code == status


@pytest.mark.parametrize("stamp", ["999912312359", "000101010000", "000101010001"])
def test_slots_in_year_1_or_9999_are_not_available(client, clinic, stamp):
    r = client.get(f"/book/details/?service=treatment&slot={clinic.dana.pk}-{stamp}")
    assert r.status_code == 409
    assert "no longer available" in r.content.decode()


@pytest.mark.parametrize("stamp", ["999912312359", "000101010000"])
def test_moving_to_year_1_or_9999_is_not_available(client, clinic, stamp):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    token = tokens.manage_token(booking.reference)
    r = client.get(f"/book/manage/move/?t={token}&slot={clinic.dana.pk}-{stamp}")
    assert r.status_code == 409
    r = client.post(f"/book/manage/move/?t={token}", {"slot": f"{clinic.dana.pk}-{stamp}"})
    assert r.status_code == 409


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("service=treatment", 400),  # no slot
        ("service=treatment&slot=garbage", 400),
        ("service=treatment&slot=99999-202601011000", 400),  # unknown practitioner
        ("service=nope&slot=1-202601011000", 404),  # unknown service
        ("service=treatment&slot=DANA-202613451000", 400),
        ("service=treatment&slot=\u00b2-202601011000", 400),  # a digit int() refuses
    ],
)
def test_malformed_details_links(client, clinic, query, status):
    r = client.get(f"/book/details/?{query}")
    assert r.status_code == status
    assert "notice--error" in r.content.decode()


def test_past_far_future_and_unoffered_slots_are_refused(client, clinic):
    for start in [
        timezone.now() - timedelta(days=1),
        future_slot(clinic.rules, days=200),
        future_slot(clinic.rules, hh=9, mm=5),
    ]:
        r = client.get(details_url(clinic, start))
        assert r.status_code == 409
        assert "no longer available" in r.content.decode()
        r = client.post(details_url(clinic, start), DETAILS)
        assert r.status_code == 409
    assert Booking.objects.count() == 0


def test_unknown_service_on_times(client, clinic):
    assert client.get("/book/times/?service=nope").status_code == 404
    assert client.get("/book/times/?service=treatment&from=not-a-date").status_code == 200
    assert client.get("/book/times/?service=treatment&from=1999-01-01").status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "not an email"}, "email", "Enter a valid e-mail address"),
        ({"consent": ""}, "consent", "Please agree"),
        ({"name": "x" * 5000}, "name", "shorten your name"),
        ({"notes": "y" * 50000}, "notes", "keep notes to 1000"),
        ({"promo_code": "Z" * 500}, "promo_code", "Codes are at most 40"),
        ({"phone": "12"}, "phone", "at least 7 digits"),
    ],
)
def test_bad_details_get_a_message_at_the_field(client, clinic, data, field, message):
    link = first_slot_link(client)
    payload = {**DETAILS, **data}
    if payload.get("consent") == "":
        payload.pop("consent")
    r = client.post(link, payload)
    assert r.status_code == 400
    html = r.content.decode()
    assert message in html
    assert Booking.objects.count() == 0
    if field == "name":
        return
    assert 'value="Ana Silva"' in html  # nothing valid is lost


def test_codes_with_spaces_and_lower_case_work(client, clinic):
    PromoCodeFactory(code="SPRING10", percent_off="10")
    r = client.post(first_slot_link(client), {**DETAILS, "promo_code": "  spring 10 "})
    assert Booking.objects.get().promo_code_text == "SPRING10"
    assert "Code SPRING10" in client.get(r["Location"]).content.decode()


def test_honeypot_and_rate_limit(client, clinic, settings):
    link = first_slot_link(client)
    r = client.post(link, {**DETAILS, "website": "http://spam.example"})
    assert r.status_code == 400
    assert Booking.objects.count() == 0
    settings.BOOKING_RATE_LIMIT = "1/h"
    assert client.post(link, DETAILS).status_code == 302
    r = client.post(first_slot_link(client), {**DETAILS, "email": "b@example.com"})
    assert r.status_code == 429
    assert "Several bookings" in r.content.decode()


def test_signed_links_tampered_or_expired_are_refused(client, clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    token = tokens.manage_token(booking.reference)
    assert client.get(f"/book/manage/?t={token}").status_code == 200
    for bad in [
        token[:-2] + "xx",
        "garbage",
        "",
        tokens.access_token(booking.reference),
        signing.dumps("NOPE", salt=tokens.MANAGE_SALT),
    ]:
        r = client.get("/book/manage/", {"t": bad})
        assert r.status_code == 400, bad
        assert "This link does not work" in r.content.decode()
        assert client.post("/book/manage/", {"t": bad, "action": "cancel"}).status_code == 400
    from unittest import mock

    with mock.patch(
        "django.core.signing.time.time", return_value=__import__("time").time() + 60 * 60 * 24 * 500
    ):
        r = client.get("/book/manage/", {"t": token})
    assert r.status_code == 400
    assert "expired" in r.content.decode()
    assert client.get("/book/review/?t=zzz").status_code == 400
    assert Booking.objects.get().status == Status.CONFIRMED


def test_manage_cancel_and_cutoff(client, clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    url = f"/book/manage/?t={tokens.manage_token(booking.reference)}"
    html = client.get(url).content.decode()
    assert "Cancel this appointment" in html
    assert "Move to another time" in html
    cancel_url = url.replace("/book/manage/", "/book/manage/cancel/")
    assert "Yes, cancel this appointment" in client.get(cancel_url).content.decode()
    r = client.post(cancel_url, {"action": "cancel"})
    assert r.status_code == 302
    assert "This appointment is cancelled" in client.get(r["Location"]).content.decode()
    # after the cut-off: call us
    late = services.booking_confirm(
        booking=hold(clinic, start=future_slot(clinic.rules, hh=14), email="l@example.com"),
        settings=clinic.rules,
    )
    from booking.models import BookingSettings

    BookingSettings.objects.update(cancel_cutoff_hours=24 * 30)
    html = client.get(f"/book/manage/?t={tokens.manage_token(late.reference)}").content.decode()
    assert "Please call us" in html
    assert "604-555-0199" in html
    assert "Cancel this appointment" not in html
    assert (
        client.post(
            f"/book/manage/cancel/?t={tokens.manage_token(late.reference)}", {"action": "cancel"}
        ).status_code
        == 409
    )


def test_reschedule_via_link(client, clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    token = tokens.manage_token(booking.reference)
    html = client.get(f"/book/manage/move/?t={token}").content.decode()
    link = re.findall(r'href="(/book/manage/move/\?[^"]+slot=[^"]+)"', html)[-1].replace(
        "&amp;", "&"
    )
    assert "Move my appointment" in client.get(link).content.decode()
    r = client.post(link, {"slot": parse_qs(urlparse(link).query)["slot"][0]})
    assert r.status_code == 302
    assert "moved=1" in r["Location"]
    booking.refresh_from_db()
    assert booking.sequence == 1
    assert client.get(f"/book/manage/move/?t={token}&slot=1-200001010000").status_code == 409


GENERATED = st.dictionaries(
    st.sampled_from(
        [
            "name",
            "email",
            "phone",
            "notes",
            "promo_code",
            "consent",
            "website",
            "action",
            "slot",
            "t",
        ]
    ),
    st.one_of(
        st.text(max_size=300),
        st.sampled_from(["on", "confirm", "apply_code", "FIRST15", "a@b.co", ""]),
    ),
    max_size=10,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=GENERATED, query=st.text(max_size=80))
def test_generated_posts_never_500(client, clinic, data, query):
    from django.core.cache import caches

    for each in caches.all():  # page caches and rate-limit counts start empty for every example
        each.clear()
    start = future_slot(clinic.rules)
    steps = [
        f"/book/?service={query}",
        f"/book/times/?service=treatment&from={query}&practitioner={query}",
        details_url(clinic, start),
        f"/book/details/?service=treatment&slot={query}",
        f"/book/review/?t={query}",
        f"/book/done/?t={query}",
        f"/book/manage/?t={query}",
        f"/book/manage/move/?t={query}&slot={query}",
        f"/book/calendar/?t={query}",
    ]
    for url in steps:
        for response in (client.get(url, data), client.post(url, data)):
            assert response.status_code < 500, (url, data)
    Booking.objects.all().delete()


def test_details_post_over_one_megabyte_is_refused_with_413(client, clinic):
    link = details_url(clinic, future_slot(clinic.rules))
    response = client.post(link, {**DETAILS, "name": "A" * (2 * 1024 * 1024)})
    assert response.status_code == 413
