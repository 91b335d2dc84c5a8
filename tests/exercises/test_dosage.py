"""The dosage value object: plain words, ranges, overrides, time estimates and the timer plan."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exercises.dosage import Dosage, duration_text, iso_duration, seconds_text


@pytest.mark.parametrize(
    ("dosage", "text"),
    [
        (
            Dosage(
                hold_min=30,
                hold_max=60,
                side="each-side",
                frequency="daily",
                breathe_in=4,
                breathe_out=8,
            ),
            "Hold 30–60 seconds · each side · daily · breathe in for 4, out for 8",
        ),
        (Dosage(reps_min=10, reps_max=15, side="each-direction"), "10–15 reps · each direction"),
        (Dosage(sets=3, reps_min=3), "3 sets of 3 reps"),
        (
            Dosage(sets=2, reps_min=5, hold_min=5, rest_seconds=30),
            "2 sets of 5 reps, hold each for 5 seconds · rest 30 seconds between sets",
        ),
        (Dosage(hold_min=30, side="each-side"), "Hold 30 seconds · each side"),
        (Dosage(hold_max=120), "Hold 2 minutes"),
        (Dosage(sets=1), "1 set"),
        (Dosage(frequency="3-week"), "3× a week"),
        (Dosage(breathe_in=4), ""),
        (Dosage(), ""),
    ],
)
def test_as_text(dosage, text):
    assert dosage.as_text == text
    assert str(dosage) == text


def test_override_replaces_whole_ranges():
    base = Dosage(hold_min=30, hold_max=60, side="each-side", breathe_in=4, breathe_out=8)
    merged = base.overlaid(Dosage(hold_min=20, reps_min=3))
    assert merged.hold == (20, 20)
    assert merged.reps == (3, 3)
    assert merged.side == "each-side"
    assert merged.breathing == (4, 8)
    assert base.overlaid(Dosage()) == base


def test_estimate_counts_sides_sets_rests_and_steps():
    # 2 sides × (20 s step + 30–60 s hold) + one 5 s switch.
    low, high = Dosage(hold_min=30, hold_max=60, side="each-side").estimated_seconds([20, 0])
    assert (low, high) == (2 * 50 + 5, 2 * 80 + 5)
    # reps paced by breathing: 10 reps × 12 s, 3 sets, 30 s rest between sets.
    low, high = Dosage(
        sets=3, reps_min=10, breathe_in=4, breathe_out=8, rest_seconds=30
    ).estimated_seconds()
    assert low == high == 3 * 120 + 2 * 30


def test_timer_plan_counts_holds_announces_switches_and_rests():
    dosage = Dosage(sets=2, hold_min=30, hold_max=45, side="each-side", rest_seconds=20)
    phases = dosage.timer_phases([("Step 1: settle", 10), ("Step 2", 0)])
    kinds = [p.kind for p in phases]
    assert kinds == [
        "ready",
        "step",
        "hold",
        "switch",
        "step",
        "hold",
        "rest",
        "switch",
        "step",
        "hold",
        "switch",
        "step",
        "hold",
    ]
    assert phases[2].seconds == 30  # the lower end of the range
    assert phases[3].label == "Switch to right side"
    assert phases[1].label == "Set 1 of 2: Step 1: settle (left side)"


def test_timer_paces_reps_by_breath():
    phases = Dosage(reps_min=5, breathe_in=4, breathe_out=8).timer_phases()
    assert phases[-1].kind == "reps"
    assert phases[-1].reps == 5
    assert phases[-1].seconds == 60


def test_no_timer_without_anything_timed():
    assert Dosage(frequency="daily").timer_phases([("Step 1", 0)]) == []


@pytest.mark.parametrize(
    ("seconds", "iso"),
    [(200, "PT3M20S"), (60, "PT1M"), (0, "PT0S"), (3725, "PT1H2M5S"), (None, None)],
)
def test_iso_duration(seconds, iso):
    assert iso_duration(seconds) == iso


def test_texts():
    assert seconds_text(1) == "1 second"
    assert seconds_text(180, 240) == "3–4 minutes"
    assert duration_text(100, 100) == "about 2 minutes"
    assert duration_text(10, 200) == "about 1–3 minutes"


counts = st.one_of(st.none(), st.integers(min_value=1, max_value=30))


@settings(deadline=None, max_examples=60)
@given(
    sets=counts,
    reps=st.tuples(counts, counts),
    hold=st.tuples(counts, counts),
    side=st.sampled_from(["", "each-side", "each-direction", "both"]),
)
def test_estimate_is_an_ordered_range_and_matches_the_timer(sets, reps, hold, side):
    reps_lo, reps_hi = sorted(reps, key=lambda v: v or 0)
    hold_lo, hold_hi = sorted(hold, key=lambda v: v or 0)
    dosage = Dosage(
        sets=sets, reps_min=reps_lo, reps_max=reps_hi, hold_min=hold_lo, hold_max=hold_hi, side=side
    )
    low, high = dosage.estimated_seconds()
    assert 0 <= low <= high
    phases = dosage.timer_phases()
    if phases:
        # The timer plays the lower end: its length is the low estimate plus getting ready.
        assert sum(p.seconds for p in phases) == low + 5


def test_no_numbers_means_no_time():
    dosage = Dosage(side="each-side", frequency="daily")
    assert dosage.estimated_seconds([0, 0]) == (0, 0)


def test_pace_and_duration_read_as_words():
    dosage = Dosage(
        pace="slowly", duration_min=60, duration_max=90, side="each-side", frequency="daily"
    )
    assert dosage.as_text == "Slowly for 60–90 seconds · each side · daily"


def test_pace_alone_reads_as_words_without_a_time():
    dosage = Dosage(pace="slowly", side="each-side")
    assert dosage.estimated_seconds() == (0, 0)


def test_duration_gives_the_estimate_per_side():
    dosage = Dosage(pace="slowly", duration_min=60, duration_max=90, side="each-side")
    assert dosage.estimated_seconds() == (60 * 2 + 5, 90 * 2 + 5)


def test_timer_counts_the_duration_on_each_side():
    phases = Dosage(pace="slowly", duration_min=60, side="each-side").timer_phases()
    assert [(p.kind, p.seconds, p.label) for p in phases] == [
        ("ready", 5, "Get into position"),
        ("step", 60, "Slowly (left side)"),
        ("switch", 5, "Switch to right side"),
        ("step", 60, "Slowly (right side)"),
    ]


def test_routine_override_replaces_the_duration_as_a_whole():
    base = Dosage(duration_min=60, duration_max=90)
    assert base.overlaid(Dosage(duration_min=30)).duration == (30, 30)
