"""Slot computation as a pure function: no database, plain values in, UTC instants out."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking import slots

VAN = ZoneInfo("America/Vancouver")
MONDAY = date(2026, 6, 1)  # a Monday, far from any clock change
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def local(day, hh, mm=0):
    return datetime.combine(day, time(hh, mm), tzinfo=VAN)


def rules(**kw):
    base = {
        "tz": VAN,
        "step": timedelta(minutes=30),
        "buffer": timedelta(0),
        "min_notice": timedelta(hours=12),
        "horizon": timedelta(days=400),
    }
    return slots.Rules(**{**base, **kw})


def starts(*, windows, day=MONDAY, last=None, busy=(), days_off=(), duration=60, now=NOW, **kw):
    return slots.available_starts(
        rules=rules(**kw),
        windows=windows,
        days_off=days_off,
        busy=busy,
        duration=timedelta(minutes=duration),
        now=now,
        first_day=day,
        last_day=last or day,
    )


def labels(values):
    return [v.astimezone(VAN).strftime("%H:%M") for v in values]


def weekly(weekday, start, end):
    return slots.Window(
        start=time.fromisoformat(start), end=time.fromisoformat(end), weekday=weekday
    )


def test_working_hours_on_the_step_grid_and_appointment_must_end_in_time():
    found = starts(windows=[weekly(0, "09:00", "12:00")])
    assert labels(found) == ["09:00", "09:30", "10:00", "10:30", "11:00"]
    assert all(s.tzinfo is UTC for s in found)


def test_several_ranges_per_weekday_and_other_weekdays_closed():
    windows = [
        weekly(0, "09:00", "10:00"),
        weekly(0, "13:00", "14:30"),
        weekly(1, "09:00", "17:00"),
    ]
    assert labels(starts(windows=windows)) == ["09:00", "13:00", "13:30"]
    assert starts(windows=windows, day=MONDAY + timedelta(days=2)) == []  # Wednesday


def test_overlapping_ranges_merge():
    windows = [weekly(0, "09:00", "10:30"), weekly(0, "10:00", "11:00")]
    assert labels(starts(windows=windows)) == ["09:00", "09:30", "10:00"]


def test_closures_close_whole_days_inclusive():
    windows = [weekly(d, "09:00", "10:00") for d in range(7)]
    off = [slots.DayOff(first=MONDAY + timedelta(days=1), last=MONDAY + timedelta(days=2))]
    found = starts(windows=windows, last=MONDAY + timedelta(days=3), days_off=off)
    assert sorted({s.astimezone(VAN).date() for s in found}) == [MONDAY, MONDAY + timedelta(days=3)]


def test_one_off_extra_hours_add_to_the_week():
    extra = slots.Window(start=time(18), end=time(20), day=MONDAY)
    assert labels(starts(windows=[weekly(0, "09:00", "10:00"), extra])) == [
        "09:00",
        "18:00",
        "18:30",
        "19:00",
    ]
    # ...only on that date
    assert labels(starts(windows=[extra], day=MONDAY + timedelta(days=7))) == []


def test_busy_intervals_and_buffer_block_overlapping_starts():
    busy = [(local(MONDAY, 10), local(MONDAY, 11, 15))]  # 10:00-11:00 plus a 15-minute buffer
    found = starts(windows=[weekly(0, "09:00", "13:00")], busy=busy, buffer=timedelta(minutes=15))
    # 09:00 would run to 10:00 + 15 min buffer = 10:15 > 10:00: refused; 09:30? ends 10:30: refused
    assert labels(found) == ["11:30", "12:00"]
    # without a buffer of our own, 09:00 fits exactly before the busy block
    assert labels(starts(windows=[weekly(0, "09:00", "13:00")], busy=busy))[:1] == ["09:00"]


def test_partly_overlapping_appointment_of_another_length_counts():
    busy = [(local(MONDAY, 9, 45), local(MONDAY, 10, 15))]  # a 30-minute booking at 9:45
    found = starts(windows=[weekly(0, "09:00", "12:00")], busy=busy, step=timedelta(minutes=15))
    assert "09:00" not in labels(found)
    assert "09:30" not in labels(found)
    assert labels(found)[0] == "10:15"


def test_held_slots_are_just_busy_intervals():
    hold = [(local(MONDAY, 9), local(MONDAY, 10))]
    assert labels(starts(windows=[weekly(0, "09:00", "11:00")], busy=hold)) == ["10:00"]


def test_minimum_notice():
    now = local(MONDAY, 0).astimezone(UTC)  # midnight; 12 h notice → from noon
    found = starts(windows=[weekly(0, "09:00", "15:00")], now=now)
    assert labels(found) == ["12:00", "12:30", "13:00", "13:30", "14:00"]


def test_horizon():
    windows = [weekly(d, "09:00", "10:00") for d in range(7)]
    now = local(MONDAY, 9).astimezone(UTC)
    found = starts(
        windows=windows,
        now=now,
        last=MONDAY + timedelta(days=30),
        horizon=timedelta(days=3),
        min_notice=timedelta(0),
    )
    assert max(found) <= now + timedelta(days=3)
    assert sorted({s.astimezone(VAN).date() for s in found})[-1] == MONDAY + timedelta(days=3)


def test_past_days_are_never_offered():
    now = local(MONDAY, 9).astimezone(UTC)
    found = starts(
        windows=[weekly(d, "09:00", "10:00") for d in range(7)],
        now=now,
        day=MONDAY - timedelta(days=5),
        last=MONDAY + timedelta(days=1),
        min_notice=timedelta(0),
    )
    assert min(found) >= now


def test_spring_forward_day_2026_03_08_keeps_wall_clock_times():
    sunday = date(2026, 3, 8)  # clocks jump from 02:00 PST to 03:00 PDT
    jan = datetime(2026, 1, 1, tzinfo=UTC)
    found = starts(windows=[weekly(6, "09:00", "11:00")], day=sunday, now=jan)
    assert labels(found) == ["09:00", "09:30", "10:00"]
    assert found[0] == datetime(2026, 3, 8, 16, 0, tzinfo=UTC)  # 09:00 PDT = UTC-7
    # the day before is still PST
    saturday = starts(windows=[weekly(5, "09:00", "10:00")], day=date(2026, 3, 7), now=jan)
    assert saturday == [datetime(2026, 3, 7, 17, 0, tzinfo=UTC)]


def test_spring_forward_skips_the_missing_hour_and_keeps_real_durations():
    sunday = date(2026, 3, 8)
    found = starts(
        windows=[weekly(6, "01:00", "05:00")], day=sunday, now=datetime(2026, 1, 1, tzinfo=UTC)
    )
    # 02:00 and 02:30 do not exist; a 60-min slot at 01:30 PST ends 03:30 PDT (real hour)
    assert labels(found) == ["01:00", "01:30", "03:00", "03:30", "04:00"]
    assert found[1] + timedelta(minutes=60) == datetime.combine(
        sunday, time(3, 30), tzinfo=VAN
    ).astimezone(UTC)


def test_fall_back_day_2026_11_01_keeps_wall_clock_times():
    sunday = date(2026, 11, 1)  # clocks go from 02:00 PDT back to 01:00 PST
    found = starts(windows=[weekly(6, "09:00", "11:00")], day=sunday)
    assert labels(found) == ["09:00", "09:30", "10:00"]
    assert found[0] == datetime(2026, 11, 1, 17, 0, tzinfo=UTC)  # 09:00 PST = UTC-8
    friday = starts(windows=[weekly(4, "09:00", "10:00")], day=date(2026, 10, 30))
    assert friday == [datetime(2026, 10, 30, 16, 0, tzinfo=UTC)]  # still PDT


def test_fall_back_night_range_uses_real_elapsed_time():
    sunday = date(2026, 11, 1)
    found = starts(
        windows=[weekly(6, "00:00", "03:00")], day=sunday, now=datetime(2026, 1, 1, tzinfo=UTC)
    )
    # the wall clock has 3 hours, the night has 4: ends are checked in real time
    assert all(
        s + timedelta(minutes=60) <= datetime.combine(sunday, time(3), tzinfo=VAN).astimezone(UTC)
        for s in found
    )
    assert labels(found)[0] == "00:00"


def test_local_day_bounds_on_dst_days():
    start, end = slots.local_day_bounds(date(2026, 3, 8), VAN)
    assert end - start == timedelta(hours=23)
    start, end = slots.local_day_bounds(date(2026, 11, 1), VAN)
    assert end - start == timedelta(hours=25)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((9, 10), (10, 11), False),
        ((9, 10), (9.5, 11), True),
        ((9, 12), (10, 11), True),
        ((11, 12), (9, 11), False),
    ],
)
def test_overlap_is_half_open(a, b, expected):
    def at(h):
        return local(MONDAY, int(h), int((h % 1) * 60))

    assert slots.overlaps(at(a[0]), at(a[1]), at(b[0]), at(b[1])) is expected
    assert slots.Busy([(at(b[0]), at(b[1]))]).overlaps(at(a[0]), at(a[1])) is expected


def test_group_by_local_day():
    late = datetime(2026, 6, 2, 6, 30, tzinfo=UTC)  # 23:30 on 1 June in Vancouver
    grouped = slots.group_by_local_day([late, datetime(2026, 6, 2, 17, tzinfo=UTC)], VAN)
    assert [d for d, _ in grouped] == [date(2026, 6, 1), date(2026, 6, 2)]
