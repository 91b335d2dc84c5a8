"""The clock the test suite runs on: a fixed instant, never the real date, time or weekday.

Every test session travels to one instant and the clock ticks on from there (see the
`pytest_configure` in tests/conftest.py):

- by default an ordinary Tuesday morning in the practice's time zone (`SESSION_START`);
- with `PRACTICE_TEST_NOW` set, that instant instead: practice-local wall time such as
  `2026-12-05T23:30` (a Saturday night) or `2026-03-08T01:30` (the day clocks spring forward),
  or an ISO time with an offset. CI runs the booking tests at such awkward instants.

A test that needs an exact, still instant freezes it itself, on top of the session clock:
`@pytest.mark.time_machine(TUESDAY_MORNING, tick=False)` (time-machine's own marker).
"""

import datetime as dt
from zoneinfo import ZoneInfo

PRACTICE_ZONE = ZoneInfo("America/Vancouver")
ENV_VARIABLE = "PRACTICE_TEST_NOW"

# Far from midnight, weekends, month ends and the DST changes.
TUESDAY_MORNING = dt.datetime(2026, 6, 9, 10, 0, tzinfo=PRACTICE_ZONE)
SESSION_START = TUESDAY_MORNING


def session_start(raw: str | None) -> dt.datetime:
    """The instant a test session starts at: `raw` (the environment variable) or the default.

    A wall time without an offset is read in the practice's time zone; on the autumn change,
    an ambiguous time (01:00-01:59 on 2026-11-01) is its first occurrence (still daylight time).
    """
    if not raw or not raw.strip():
        return SESSION_START
    try:
        when = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(
            f"{ENV_VARIABLE}={raw!r} is not an ISO date and time; "
            "use e.g. 2026-12-05T23:30 (practice time) or 2026-12-06T07:30+00:00."
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=PRACTICE_ZONE)
    return when
