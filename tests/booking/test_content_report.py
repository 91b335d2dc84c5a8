"""The "Content that books" report through the admin: its numbers for a known script of visits
and bookings, sorting, the CSV export, the chart, who may see it, and a flat query count."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from booking import services as booking_services
from core.visits import services as visit_services
from tests.admin_helpers import verified_login
from tests.blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from tests.booking.factories import PromoCodeFactory
from tests.booking.helpers import future_slot, hold
from tests.clock import TUESDAY_MORNING
from tests.exercises.factories import (
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    ProgramPageFactory,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(TUESDAY_MORNING, tick=False)]

REPORT = "/admin/booking/content-that-books/"
RANGE = "?start=2026-06-08&end=2026-06-09"  # Monday and Tuesday (the frozen day)
MONDAY = TUESDAY_MORNING - timedelta(days=1)


@pytest.fixture(autouse=True)
def empty_buffer():
    visit_services._pending.clear()
    yield
    visit_services._pending.clear()


@pytest.fixture
def content(clinic):
    blog = BlogIndexPageFactory(parent=clinic.home)
    library = ExerciseIndexPageFactory(parent=clinic.home)
    return {
        "post": BlogPostPageFactory(parent=blog, title="Knee pain at the desk", slug="knee"),
        "exercise": ExercisePageFactory(parent=library, title="Ankle circles", slug="ankle"),
        "programme": ProgramPageFactory(parent=library, title="Knee in 7 days", slug="knee-7"),
    }


def views(page, n, *, when=TUESDAY_MORNING, kind="view"):
    for _ in range(n):
        visit_services.page_count_add(page_id=page.pk, kind=kind, now=when)


def booked(clinic, page, *, hours=10, days=3, code="", confirm=True, email="ana@example.com"):
    booking = hold(
        clinic,
        start=future_slot(clinic.rules, hh=hours, days=days),
        code=code,
        email=email,
        source_page_id=page.pk if page else None,
    )
    if confirm:
        booking_services.booking_confirm(booking=booking, settings=clinic.rules)
    return booking


@pytest.fixture
def script(clinic, content):
    """Monday and Tuesday: the post read 8 times (and once the week before), booking opened
    from it twice, two bookings from it (one with a code), a third cancelled, a hold never
    confirmed; the exercise read twice, opened once, no booking; the programme booked once by
    a journey whose visits were not counted."""
    post, exercise, programme = content["post"], content["exercise"], content["programme"]
    PromoCodeFactory(code="SPRING", percent_off=10)
    views(post, 5, when=MONDAY)
    views(post, 3)
    views(post, 1, when=TUESDAY_MORNING - timedelta(days=7))
    views(post, 2, kind="start")
    views(exercise, 2)
    views(exercise, 1, kind="start")
    visit_services.page_counts_flush()
    booked(clinic, post, hours=9, email="a@example.com")
    booked(clinic, post, hours=11, code="SPRING", email="b@example.com")
    cancelled = booked(clinic, post, hours=13, email="c@example.com")
    booking_services.booking_cancel(booking=cancelled, by="staff", settings=clinic.rules)
    booked(clinic, post, hours=15, confirm=False, email="d@example.com")
    booked(clinic, programme, hours=16, email="e@example.com")
    booked(clinic, None, hours=14, email="f@example.com")
    return content


def table(response):
    """{title: [type, views, starts, bookings, codes used, codes]} from the CSV export."""
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return {r[0]: r[1:] for r in rows[1:]}


def test_the_report_matches_the_script(admin_client, script):
    rows = table(admin_client.get(REPORT + RANGE + "&export=csv"))
    assert rows == {
        "Knee pain at the desk": ["Blog post", "8", "2", "2", "1", "SPRING × 1"],
        "Ankle circles": ["Exercise", "2", "1", "0", "0", ""],
        "Knee in 7 days": ["Programme", "0", "0", "1", "0", ""],
    }


def test_the_page_shows_the_rows_best_first_with_totals(admin_client, script):
    html = admin_client.get(REPORT + RANGE).content.decode()
    assert html.index("Knee pain at the desk") < html.index("Knee in 7 days")
    assert html.index("Knee in 7 days") < html.index("Ankle circles")


def test_sorting_by_views(admin_client, script):
    html = admin_client.get(REPORT + RANGE + "&sort=views").content.decode()
    body = html.split("<tbody>")[1]
    assert body.index("Knee in 7 days") < body.index("Ankle circles")


def test_an_unknown_sort_falls_back_to_bookings(admin_client, script):
    assert admin_client.get(REPORT + RANGE + "&sort=password").status_code == 200


def test_a_shorter_range_counts_only_its_days(admin_client, script):
    rows = table(admin_client.get(REPORT + "?start=2026-06-08&end=2026-06-08&export=csv"))
    assert rows["Knee pain at the desk"][1] == "5"


def test_the_chart_is_an_svg_drawn_here(admin_client, script):
    html = admin_client.get(REPORT + RANGE).content.decode()
    assert "<svg" in html
    assert "Knee pain at the desk: 2 bookings" in html


def test_bad_dates_are_a_field_error_with_the_values_kept(admin_client, script):
    response = admin_client.get(REPORT + "?start=2026-06-09&end=2026-06-01")
    html = response.content.decode()
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in html
    assert 'value="2026-06-01"' in html


def test_garbage_dates_are_a_400_not_a_500(admin_client, script):
    assert admin_client.get(REPORT + "?start=%00&end=yesterday").status_code == 400


def test_csv_cells_cannot_carry_a_formula(admin_client, clinic, content):
    post = content["post"]
    post.title = '=HYPERLINK("https://evil.example","x")'
    post.save_revision().publish()
    views(post, 1)
    visit_services.page_counts_flush()
    rows = table(admin_client.get(REPORT + RANGE + "&export=csv"))
    assert list(rows) == ['\'=HYPERLINK("https://evil.example","x")']


def test_reception_sees_the_report(client, script):
    reception = UserFactory(username="front-desk")
    reception.groups.add(Group.objects.get(name="Reception"))
    verified_login(client, reception)
    assert client.get(REPORT + RANGE).status_code == 200


def test_editors_do_not_see_the_report_or_its_csv(client, script):
    editor = UserFactory(username="writer")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    statuses = {client.get(REPORT + RANGE + q).status_code for q in ("", "&export=csv")}
    assert statuses <= {302, 403}


def test_the_menu_shows_the_report_to_reception(admin_client, clinic):
    assert REPORT in admin_client.get("/admin/").content.decode()


# --- queries -------------------------------------------------------------------------------


def grow(clinic, *, pages, days):
    library = ExerciseIndexPageFactory(parent=clinic.home, slug=f"lib-{pages}")
    made = [
        ExercisePageFactory(parent=library, title=f"Drill {n}", slug=f"drill-{pages}-{n}")
        for n in range(pages)
    ]
    for page in made:
        for day in range(days):
            views(page, 2, when=TUESDAY_MORNING - timedelta(days=day))
            views(page, 1, when=TUESDAY_MORNING - timedelta(days=day), kind="start")
    visit_services.page_counts_flush()
    code = PromoCodeFactory(code="SPRING", percent_off=10)
    for n, page in enumerate(made[:3]):
        booked(
            clinic,
            page,
            hours=9 + 2 * n,
            days=3 if pages < 10 else 4,
            code=code.code if n else "",
            email=f"{pages}-{n}@example.org",
        )


def queries(client, url):
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        assert client.get(url).status_code == 200
    return count


def test_the_report_runs_the_same_queries_for_more_pages_and_days(admin_client, clinic):
    url = REPORT + "?start=2026-05-01&end=2026-06-09"
    grow(clinic, pages=3, days=2)
    queries(admin_client, url)  # warm the caches (site, settings, content types)
    small = queries(admin_client, url)
    grow(clinic, pages=30, days=20)
    assert queries(admin_client, url) == small


def test_the_export_runs_the_same_queries_for_more_pages_and_days(admin_client, clinic):
    url = REPORT + "?start=2026-05-01&end=2026-06-09&export=csv"
    grow(clinic, pages=3, days=2)
    queries(admin_client, url)  # warm the caches (site, settings, content types)
    small = queries(admin_client, url)
    grow(clinic, pages=30, days=20)
    assert queries(admin_client, url) == small


def test_no_visit_is_tied_to_a_person(script):
    from core.visits.models import PageDayCount

    assert not {"ip", "user_agent", "session", "cookie"} & {
        f.name for f in PageDayCount._meta.get_fields()
    }


def test_a_bookings_page_in_the_admin_names_where_it_started(admin_client, clinic, content):
    booking = booked(clinic, content["post"])
    html = admin_client.get(f"/admin/booking/bookings/inspect/{booking.pk}/").content.decode()
    assert "Knee pain at the desk" in html
