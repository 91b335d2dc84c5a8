"""The admin schedule: today and the next 6 days (or one day), marking attended and no-show,
a day that prints, and a query count flat as bookings grow."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from booking.models import Booking, Status
from tests.booking.factories import BookingFactory, PatientFactory
from tests.clock import TUESDAY_MORNING

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(TUESDAY_MORNING, tick=False)]

SCHEDULE = "/admin/booking/schedule/"


def book(clinic, *, days=0, hours=0, name="Pat", practitioner=None, status=Status.CONFIRMED):
    start = TUESDAY_MORNING + timedelta(days=days, hours=hours)
    return BookingFactory(
        service=clinic.treatment,
        practitioner=practitioner or clinic.dana,
        start=start,
        status=status,
        patient=PatientFactory(email=f"{name.lower().replace(' ', '.')}@example.com", name=name),
    )


def test_the_schedule_opens_on_today(admin_client, clinic):
    html = admin_client.get(SCHEDULE).content.decode()
    assert 'aria-current="date"><a href="?date=2026-06-09&amp;view=day">Tue 9 Jun' in html


def test_the_schedule_shows_the_next_7_days(admin_client, clinic):
    html = admin_client.get(SCHEDULE).content.decode()
    assert "Mon 15 Jun" in html


def test_the_schedule_leaves_out_the_days_before_today(admin_client, clinic):
    html = admin_client.get(SCHEDULE).content.decode()
    assert "Mon 8 Jun" not in html


def test_the_schedule_leaves_out_the_eighth_day(admin_client, clinic):
    html = admin_client.get(SCHEDULE).content.decode()
    assert "Tue 16 Jun" not in html


def test_an_appointment_6_days_ahead_is_on_the_schedule(admin_client, clinic):
    book(clinic, days=6, name="Six Days")
    assert "Six Days" in admin_client.get(SCHEDULE).content.decode()


def test_an_appointment_7_days_ahead_is_on_the_next_page(admin_client, clinic):
    book(clinic, days=7, name="Seven Days")
    assert "Seven Days" not in admin_client.get(SCHEDULE).content.decode()
    later = admin_client.get(f"{SCHEDULE}?date=2026-06-16").content.decode()
    assert "Seven Days" in later


def test_next_moves_on_by_7_days(admin_client, clinic):
    html = admin_client.get(SCHEDULE).content.decode()
    assert "?date=2026-06-16&amp;view=week" in html


def test_the_day_view_shows_that_day_only(admin_client, clinic):
    book(clinic, days=2, name="Thursday Patient")
    book(clinic, days=3, name="Friday Patient")
    html = admin_client.get(f"{SCHEDULE}?view=day&date=2026-06-11").content.decode()
    assert ("Thursday Patient" in html, "Friday Patient" in html) == (True, False)


def test_a_date_that_is_not_one_opens_today(admin_client, clinic):
    html = admin_client.get(f"{SCHEDULE}?date=garbage").content.decode()
    assert "Tuesday 9 June 2026 – Monday 15 June 2026" in html


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_date_far_out_of_range_opens_today(admin_client, clinic, day):
    html = admin_client.get(f"{SCHEDULE}?date={day}&view=day").content.decode()
    assert "Tuesday 9 June 2026" in html


def test_the_day_view_links_its_print_styles(admin_client, clinic):
    html = admin_client.get(f"{SCHEDULE}?view=day").content.decode()
    assert "css/admin-schedule" in html


def test_the_print_styles_leave_menus_and_buttons_off_the_paper():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "admin-schedule.css").read_text()
    printed = css.split("@media print", 1)[1]
    assert ("#wagtail-sidebar" in printed, ".schedule-actions" in printed) == (True, True)


def test_an_appointment_that_has_begun_offers_attended_and_no_show(admin_client, clinic):
    booking = book(clinic, hours=-1, name="Earlier Today")
    html = admin_client.get(SCHEDULE).content.decode()
    assert f"/admin/booking/bookings/{booking.pk}/status/completed/?next=" in html


def test_an_appointment_still_to_come_offers_no_marking(admin_client, clinic):
    booking = book(clinic, days=1, name="Tomorrow")
    html = admin_client.get(SCHEDULE).content.decode()
    assert f"/admin/booking/bookings/{booking.pk}/status/" not in html


def test_marking_attended_from_the_schedule_returns_to_it(admin_client, clinic):
    booking = book(clinic, hours=-1, name="Earlier Today")
    response = admin_client.post(
        f"/admin/booking/bookings/{booking.pk}/status/completed/",
        {"next": f"{SCHEDULE}?view=day"},
    )
    assert response["Location"] == f"{SCHEDULE}?view=day"
    assert Booking.objects.get(pk=booking.pk).status == Status.COMPLETED


def test_marking_does_not_send_staff_to_another_site(admin_client, clinic):
    booking = book(clinic, hours=-1, name="Earlier Today")
    response = admin_client.post(
        f"/admin/booking/bookings/{booking.pk}/status/no_show/",
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == "/admin/booking/bookings/"


def count_queries(client, url):
    client.get(url)  # warm caches (site, settings, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_schedule_query_count_is_flat_as_bookings_grow(admin_client, clinic):
    book(clinic, days=1, name="One")
    small = count_queries(admin_client, SCHEDULE)
    for i in range(30):
        book(
            clinic,
            days=i % 7,
            hours=-1 + i % 5,
            name=f"Many {i}",
            practitioner=clinic.sam if i % 2 else clinic.dana,
        )
    large = count_queries(admin_client, SCHEDULE)
    assert (small, large <= 30) == (large, True)


def test_the_day_view_with_free_times_query_count_is_flat_as_bookings_grow(admin_client, clinic):
    url = f"{SCHEDULE}?view=day&date=2026-06-10&service={clinic.treatment.pk}"
    book(clinic, days=1, name="One")
    small = count_queries(admin_client, url)
    for i in range(12):
        book(
            clinic,
            days=1,
            hours=1 + i // 2,
            name=f"Many {i}",
            practitioner=clinic.sam if i % 2 else clinic.dana,
        )
    large = count_queries(admin_client, url)
    assert (small, large <= 30) == (large, True)


def test_the_day_view_offers_free_times_as_links_to_new_booking(admin_client, clinic):
    html = admin_client.get(f"{SCHEDULE}?view=day&date=2026-06-10").content.decode()
    assert "/admin/booking/new/?service=" in html
