"""Closed days on the time list over HTTP: "Closed", with the reason when it is public, and
"No free times" only for a working day with every time taken or past."""

import datetime as dt
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from booking.models import Closure
from tests.booking.helpers import future_slot
from tests.clock import PRACTICE_ZONE

pytestmark = pytest.mark.django_db

TIMES = "/book/times/?service=treatment&practitioner={who}&from={day}"


def day_section(html, day):
    start = html.index(f'id="day-{day:%Y%m%d}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_practice_closure_shows_closed_with_its_public_reason(client, clinic):
    day = future_slot(clinic.rules, days=3).date()
    Closure.objects.create(
        start_date=day, end_date=day, reason="Boiler repair", public_reason="Canada Day"
    )
    for who in ("any", "dana", "sam"):
        html = client.get(TIMES.format(who=who, day=day.isoformat())).content.decode()
        section = day_section(html, day)
        assert "Closed: Canada Day" in section
        assert "No free times" not in section
        assert "Boiler repair" not in html  # the staff's reason stays in the admin


def test_closure_without_a_public_reason_says_closed_only(client, clinic):
    day = future_slot(clinic.rules, days=3).date()
    Closure.objects.create(start_date=day, end_date=day, reason="Dana's course")
    html = client.get(TIMES.format(who="dana", day=day.isoformat())).content.decode()
    section = day_section(html, day)
    assert "Closed</p>" in section
    assert "Dana" not in section.split("</h2>", 1)[1]


def test_one_practitioner_away_is_not_a_closed_day_for_anyone(client, clinic):
    day = future_slot(clinic.rules, days=3).date()
    Closure.objects.create(
        practitioner=clinic.dana, start_date=day, end_date=day, public_reason="Dana is away"
    )
    html = client.get(TIMES.format(who="any", day=day.isoformat())).content.decode()
    section = day_section(html, day)
    assert "Closed" not in section
    assert 'class="slot"' in section  # Sam's times
    html = client.get(TIMES.format(who="dana", day=day.isoformat())).content.decode()
    assert "Closed: Dana is away" in day_section(html, day)


def test_a_day_without_working_hours_is_closed(client, clinic):
    today = timezone.now().astimezone(clinic.rules.zone).date()
    sunday = today + timedelta(days=(6 - today.weekday()) % 7 or 7)
    html = client.get(TIMES.format(who="any", day=sunday.isoformat())).content.decode()
    assert "Closed</p>" in day_section(html, sunday)


@pytest.mark.time_machine(dt.datetime(2026, 6, 9, 18, 30, tzinfo=PRACTICE_ZONE), tick=False)
def test_today_after_hours_says_no_free_times(client, clinic):
    """A Tuesday evening: today is a working day whose times are too soon, not a closed day."""
    today = timezone.now().astimezone(clinic.rules.zone).date()
    html = client.get(TIMES.format(who="dana", day=today.isoformat())).content.decode()
    section = day_section(html, today)
    assert 'class="slot"' not in section
    assert "No free times." in section


@pytest.mark.parametrize("day", ["2026-02-30", "9999-12-31", "0001-01-01", "x" * 300, "%00"])
def test_bad_days_never_fail(client, clinic, day):
    response = client.get(TIMES.format(who="any", day=day))
    assert response.status_code in (200, 400)


def test_closure_with_a_public_reason_created_in_the_admin(admin_client, client, clinic):
    day = future_slot(clinic.rules, days=3).date()
    form = {
        "practitioner": "",
        "start_date": day.isoformat(),
        "end_date": day.isoformat(),
        "reason": "Boiler repair",
        "public_reason": "Canada Day",
    }
    r = admin_client.post("/admin/booking/closures/new/", form)
    assert r.status_code == 302, r.content[:500]
    assert Closure.objects.get().public_reason == "Canada Day"
    # the end before the start: a field error, the values kept, no 500
    r = admin_client.post(
        "/admin/booking/closures/new/",
        {**form, "end_date": (day - timedelta(days=1)).isoformat(), "public_reason": "x" * 121},
    )
    assert r.status_code == 200
    page = r.content.decode()
    assert "at most 120 characters" in page
    assert 'value="Boiler repair"' in page
    assert Closure.objects.count() == 1
    html = client.get(TIMES.format(who="any", day=day.isoformat())).content.decode()
    assert "Closed: Canada Day" in day_section(html, day)


def test_closed_days_cost_the_same_queries_however_many_closures(
    client, clinic, django_assert_max_num_queries
):
    day = future_slot(clinic.rules, days=3).date()
    url = TIMES.format(who="any", day=day.isoformat())
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        Closure.objects.create(
            start_date=day + timedelta(days=i),
            end_date=day + timedelta(days=i),
            public_reason=f"R{i}",
        )
    with django_assert_max_num_queries(len(few)):
        html = client.get(url).content.decode()
    assert "Closed: R5" in html
