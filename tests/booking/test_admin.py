"""The admin: creating data, the bookings list (filters, search, export, actions), privacy."""

import datetime as dt
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking.models import Booking, PromoCode, Service, Status
from tests.admin_helpers import verified_login
from tests.booking.factories import BookingFactory, PatientFactory, PromoCodeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_service_and_code_in_the_admin(admin_client, clinic):
    r = admin_client.post(
        "/admin/booking/services/new/",
        {
            "name": "Sports massage",
            "slug": "sports-massage",
            "description": "",
            "duration_minutes": "50",
            "price": "105.00",
            "active": "on",
            "sort_order": "3",
        },
    )
    assert r.status_code == 302, r.content[:500]
    assert Service.objects.get(slug="sports-massage").price == 105
    r = admin_client.post(
        "/admin/booking/codes/new/",
        {
            "code": " spring 10 ",
            "description": "Spring",
            "percent_off": "10",
            "amount_off": "",
            "max_uses": "",
            "max_uses_per_patient": "1",
            "active": "on",
            "services": [clinic.treatment.pk],
        },
    )
    assert r.status_code == 302, r.content[:500]
    code = PromoCode.objects.get()
    assert code.code == "SPRING10"
    assert list(code.services.all()) == [clinic.treatment]
    # both kinds of discount: refused with a message at the fields
    r = admin_client.post(
        "/admin/booking/codes/new/",
        {
            "code": "BOTH",
            "percent_off": "10",
            "amount_off": "5",
            "max_uses_per_patient": "1",
        },
    )
    assert r.status_code == 200
    assert "not both" in r.content.decode()
    r = admin_client.post(
        "/admin/booking/codes/new/",
        {"code": "spring10", "percent_off": "5", "max_uses_per_patient": "1"},
    )
    assert "already exists" in r.content.decode()


def make_bookings(clinic, n, start=None):
    start = start or timezone.now() + timedelta(days=2)
    promo = PromoCode.objects.filter(code="FIRST15").first() or PromoCodeFactory(code="FIRST15")
    for i in range(n):
        BookingFactory(
            service=clinic.treatment,
            practitioner=clinic.dana if i % 2 else clinic.sam,
            start=start + timedelta(hours=2 * i),
            promo=promo if i % 3 == 0 else None,
            promo_code_text="FIRST15" if i % 3 == 0 else "",
            patient=PatientFactory(email=f"p{start:%d%H}{i}@example.com", name=f"Pat {i}"),
        )


def test_bookings_list_filters_search_and_export(admin_client, clinic):
    make_bookings(clinic, 6)
    BookingFactory(
        service=clinic.assessment,
        practitioner=clinic.dana,
        status=Status.CANCELLED,
        start=timezone.now() + timedelta(days=20),
        patient=PatientFactory(email="zed@example.com", name="Zed Quill"),
    )

    def listed(query=""):
        html = admin_client.get(f"/admin/booking/bookings/{query}").content.decode()
        return {b.patient_name for b in Booking.objects.all() if b.reference in html}

    assert listed() == {f"Pat {i}" for i in range(6)} | {"Zed Quill"}
    assert "Zed Quill" not in listed("?status=confirmed")
    assert listed(f"?service={clinic.assessment.pk}") == {"Zed Quill"}
    promo = PromoCode.objects.get(code="FIRST15")
    assert listed(f"?promo={promo.pk}") == {"Pat 0", "Pat 3"}
    assert listed(f"?practitioner={clinic.dana.pk}") == {"Pat 1", "Pat 3", "Pat 5", "Zed Quill"}
    later = (timezone.now() + timedelta(days=10)).date().isoformat()
    assert listed(f"?start_from={later}") == {"Zed Quill"}
    assert "Zed Quill" not in listed(f"?start_to={later}")
    assert (
        "Zed Quill" in admin_client.get("/admin/booking/bookings/?q=zed@example").content.decode()
    )
    ref = Booking.objects.first().reference
    assert ref in admin_client.get(f"/admin/booking/bookings/?q={ref}").content.decode()

    csv = b"".join(
        admin_client.get("/admin/booking/bookings/?export=csv").streaming_content
    ).decode()
    assert csv.splitlines()[0].startswith("Reference,Status,Start")
    assert "zed@example.com" in csv
    assert "FIRST15" in csv
    xlsx = admin_client.get("/admin/booking/bookings/?export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_cancel_and_outcome_actions_call_the_services(
    admin_client, clinic, django_capture_on_commit_callbacks
):
    from django.core import mail

    make_bookings(clinic, 2)
    booking = Booking.objects.order_by("start").first()
    url = f"/admin/booking/bookings/{booking.pk}/status/cancel/"
    assert "Cancel this appointment?" in admin_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert booking.cancelled_by == "staff"
    assert any("cancelled" in m.subject for m in mail.outbox)
    other = Booking.objects.exclude(pk=booking.pk).get()
    # Reception marks an appointment once its time has come.
    refused = admin_client.post(f"/admin/booking/bookings/{other.pk}/status/no_show/", follow=True)
    assert "not started yet" in refused.content.decode()
    ago = timezone.now() - other.start - timedelta(hours=1)
    Booking.objects.filter(pk=other.pk).update(
        start=other.start + ago, end=other.end + ago, blocked_until=other.blocked_until + ago
    )
    admin_client.post(f"/admin/booking/bookings/{other.pk}/status/no_show/")
    other.refresh_from_db()
    assert other.status == Status.NO_SHOW
    # unknown actions are refused (Wagtail turns the 403 into a redirect with a message)
    assert admin_client.get(
        f"/admin/booking/bookings/{other.pk}/status/delete-all/"
    ).status_code in (302, 403)
    other.refresh_from_db()
    assert other.status == Status.NO_SHOW


def test_promo_code_shows_uses_and_its_bookings(admin_client, clinic):
    make_bookings(clinic, 6)
    promo = PromoCode.objects.get(code="FIRST15")
    listing = admin_client.get("/admin/booking/codes/").content.decode()
    assert "FIRST15" in listing
    assert "15 % off" in listing
    html = admin_client.get(f"/admin/booking/codes/inspect/{promo.pk}/").content.decode()
    assert "Uses so far: 2" in html
    for booking in promo.bookings.all():
        assert booking.reference in html


def test_dashboard_shows_coming_appointments_and_the_chart(admin_client, clinic):
    make_bookings(clinic, 3)
    home = admin_client.get("/admin/").content.decode()
    assert "Coming up" in home
    assert "Appointments per week" in home
    assert "<svg" in home
    assert "cdn" not in home.split("Appointments per week")[1][:4000].lower()


def test_reception_sees_bookings_and_editors_do_not(client, clinic):
    make_bookings(clinic, 1)
    reception = UserFactory(username="front-desk")
    reception.groups.add(Group.objects.get(name="Reception"))
    verified_login(client, reception)
    home = client.get("/admin/").content.decode()
    assert "Bookings" in home
    assert "Coming up" in home
    assert client.get("/admin/booking/bookings/").status_code == 200
    assert client.get("/admin/booking/patients/").status_code == 200
    assert client.get("/admin/booking/bookings/new/").status_code in (302, 403, 404)

    editor = UserFactory(username="writer")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    home = client.get("/admin/")
    assert home.status_code == 200
    text = home.content.decode()
    assert "Pat 0" not in text
    assert "Coming up" not in text
    assert "/admin/booking/" not in text
    for url in [
        "/admin/booking/bookings/",
        "/admin/booking/patients/",
        "/admin/booking/schedule/",
        "/admin/booking/codes/",
        "/admin/booking/outbox/",
        "/admin/booking/bookings/?export=csv",
    ]:
        r = client.get(url)
        assert r.status_code in (302, 403), url
        assert b"Pat 0" not in r.content


def test_reception_sees_every_site_email_in_the_outbox_under_bookings(client, clinic):
    from core.models import OutboxMessage

    OutboxMessage.objects.create(
        kind="contact",
        to="clinic@example.com",
        subject="Question about parking",
        text="Hi",
        status=OutboxMessage.State.FAILED,
        attempts=2,
        last_error="SMTP down",
    )
    reception = UserFactory(username="desk")
    reception.groups.add(Group.objects.get(name="Reception"))
    verified_login(client, reception)
    html = client.get("/admin/booking/outbox/").content.decode()
    assert "Question about parking" in html
    assert "Retry now" in html
    assert "/admin/booking/outbox/" in client.get("/admin/").content.decode()


def test_outbox_shows_failures_and_retries(admin_client, clinic):
    from unittest import mock

    from django.core import mail

    from core.models import OutboxMessage

    message = OutboxMessage.objects.create(
        kind="confirmation",
        to="a@example.com",
        subject="Hello",
        text="Hi",
        status=OutboxMessage.State.GAVE_UP,
        attempts=8,
        last_error="SMTP down",
    )
    html = admin_client.get("/admin/booking/outbox/").content.decode()
    assert "SMTP down" in html
    assert "Retry now" in html
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=OSError("still down"),
    ):
        admin_client.post(f"/admin/booking/outbox/{message.pk}/send-again/")
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.FAILED
    assert "still down" in message.last_error
    admin_client.post(f"/admin/booking/outbox/{message.pk}/send-again/")
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.SENT
    assert len(mail.outbox) == 1


# --- query counts: flat as data grows ----------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm caches (site, settings, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_admin_bookings_list_query_count_is_flat(admin_client, clinic):
    make_bookings(clinic, 3)
    small = count_queries(admin_client, "/admin/booking/bookings/")
    make_bookings(clinic, 30, start=timezone.now() + timedelta(days=5))
    large = count_queries(admin_client, "/admin/booking/bookings/")
    assert small == large
    assert large <= 30, large


def test_slot_page_query_count_is_flat(client, clinic):
    url = "/book/times/?service=treatment&practitioner=any"
    small = count_queries(client, url)
    make_bookings(clinic, 40)
    large = count_queries(client, url)
    assert small == large
    assert large <= 25, large


EVIL = '=HYPERLINK("https://evil.example","x")'
SOME_TIME = dt.datetime(2027, 3, 1, 17, 0, tzinfo=dt.UTC)


def exported_rows(admin_client, url):
    import csv

    response = admin_client.get(url)
    return list(csv.DictReader(b"".join(response.streaming_content).decode().splitlines()))


def test_bookings_csv_export_writes_a_formula_name_as_text(admin_client, clinic):
    BookingFactory(
        service=clinic.treatment, practitioner=clinic.dana, start=SOME_TIME, patient_name=EVIL
    )
    rows = exported_rows(admin_client, "/admin/booking/bookings/?export=csv")
    assert rows[0]["Patient name"] == "'" + EVIL


def test_bookings_csv_export_keeps_plain_names(admin_client, clinic):
    BookingFactory(
        service=clinic.treatment,
        practitioner=clinic.dana,
        start=SOME_TIME,
        patient_name="Ana Silva",
    )
    rows = exported_rows(admin_client, "/admin/booking/bookings/?export=csv")
    assert rows[0]["Patient name"] == "Ana Silva"


def test_bookings_xlsx_export_keeps_a_formula_name_as_a_string(admin_client, clinic):
    import io

    from openpyxl import load_workbook

    BookingFactory(
        service=clinic.treatment, practitioner=clinic.dana, start=SOME_TIME, patient_name=EVIL
    )
    response = admin_client.get("/admin/booking/bookings/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=5)  # "Patient name"
    assert (cell.value, cell.data_type) == (EVIL, "s")
