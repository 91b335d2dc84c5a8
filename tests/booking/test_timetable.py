"""The timetable of free times, as plain values: no HTTP, no database."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from booking.timetable import DAYS_PER_PAGE, DST_NOTE, DaySpan, Opening, Timetable

TZ = ZoneInfo("America/Vancouver")
# Tuesday 9 June 2026, 10:00 in Vancouver.
NOW = datetime(2026, 6, 9, 17, 0, tzinfo=UTC)


def span(start_day=None, *, now=NOW, horizon_days=60):
    return DaySpan.starting(start_day=start_day, now=now, tz=TZ, horizon_days=horizon_days)


def test_span_starts_today_and_shows_a_week():
    days = span()
    assert days.first == date(2026, 6, 9)
    assert days.end == date(2026, 6, 15)
    assert len(days.dates()) == DAYS_PER_PAGE


def test_span_never_starts_before_today():
    assert span(date(2026, 1, 1)).first == date(2026, 6, 9)


def test_span_stops_at_the_horizon():
    days = span(date(2026, 8, 5), horizon_days=60)
    assert days.last == date(2026, 8, 8)
    assert days.end == date(2026, 8, 8)


def test_span_start_beyond_the_horizon_is_brought_back():
    assert span(date(2030, 1, 1), horizon_days=60).first == date(2026, 8, 8)


def test_first_page_has_no_previous_page():
    assert span().previous_day is None


def test_later_page_links_a_week_back_and_forward():
    days = span(date(2026, 6, 16))
    assert days.previous_day == date(2026, 6, 9)
    assert days.next_day == date(2026, 6, 23)


def test_last_page_has_no_next_page():
    assert span(date(2026, 8, 5)).next_day is None


def opening(hour, minute=0, *, day=10, who="Maya Chen"):
    # Practice-local time in June is UTC-7.
    start = datetime(2026, 6, day, hour, minute, tzinfo=TZ).astimezone(UTC)
    return Opening(start=start, practitioner=who, url=f"/book/details/?at={day}-{hour}")


def build(openings, *, name_practitioner=False, next_available=None, days=None):
    return Timetable.build(
        span=days or span(),
        tz=TZ,
        openings=openings,
        name_practitioner=name_practitioner,
        next_available=next_available,
    )


def test_times_are_grouped_by_local_day():
    table = build([opening(9), opening(9, 30), opening(14, day=12)])
    counts = {day.date: len(day.slots) for day in table.days}
    assert counts[date(2026, 6, 10)] == 2
    assert counts[date(2026, 6, 12)] == 1
    assert counts[date(2026, 6, 11)] == 0


def test_every_day_of_the_span_is_listed():
    assert [day.date for day in build([]).days] == span().dates()


def test_a_time_has_its_label_link_and_practitioner():
    time = build([opening(14, 15)]).days[1].slots[0]
    assert time.label == "2:15 pm"
    assert time.url == "/book/details/?at=10-14"
    assert time.practitioner == "Maya Chen"


def test_aria_label_names_the_practitioner_only_for_anyone():
    anyone = build([opening(9)], name_practitioner=True).days[1].slots[0]
    chosen = build([opening(9)]).days[1].slots[0]
    assert anyone.aria == "Wednesday 10 June 2026, 9:00 am, with Maya Chen"
    assert chosen.aria == "Wednesday 10 June 2026, 9:00 am"


def test_has_slots_follows_the_openings():
    assert build([opening(9)]).has_slots is True
    assert build([]).has_slots is False


def test_labels_of_zone_range_and_next_available():
    table = build([], next_available=date(2026, 6, 22))
    assert table.zone == "Vancouver time (America/Vancouver)"
    assert table.range_label == "Tuesday 9 June 2026 to Monday 15 June 2026"
    assert table.next_available_label == "Monday 22 June 2026"


def test_no_next_available_label_without_a_day():
    assert build([]).next_available_label == ""


def test_paging_comes_from_the_span():
    days = span(date(2026, 6, 16))
    table = build([], days=days)
    assert table.previous_day == date(2026, 6, 9)
    assert table.next_day == date(2026, 6, 23)


def test_day_the_clocks_change_carries_a_note():
    autumn_now = datetime(2026, 10, 30, 17, 0, tzinfo=UTC)
    table = build([], days=span(now=autumn_now))
    notes = {day.date: day.dst_note for day in table.days}
    assert notes[date(2026, 11, 1)] == DST_NOTE
    assert notes[date(2026, 10, 31)] == ""
