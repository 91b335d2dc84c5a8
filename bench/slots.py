"""Benchmark: 60 days of slots for 3 practitioners with 200 existing bookings, computed with the
pure slot function (no database). Prints the median of repeated runs in milliseconds.

    .venv/bin/python bench/slots.py
"""

import random
import statistics
import sys
import timeit
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from booking import slots  # noqa: E402

TZ = ZoneInfo("America/Vancouver")
NOW = datetime(2026, 2, 20, 17, 0, tzinfo=UTC)  # the range crosses the 2026-03-08 change
FIRST = NOW.astimezone(TZ).date()
LAST = FIRST + timedelta(days=60)
RULES = slots.Rules(
    tz=TZ,
    step=timedelta(minutes=15),
    buffer=timedelta(minutes=10),
    min_notice=timedelta(hours=12),
    horizon=timedelta(days=60),
)
DURATION = timedelta(minutes=60)


def practitioner_data(seed):
    rng = random.Random(seed)
    windows = [slots.Window(start=time(8), end=time(12), weekday=d) for d in range(6)]
    windows += [slots.Window(start=time(13), end=time(18), weekday=d) for d in range(5)]
    days_off = [slots.DayOff(first=date(2026, 3, 16), last=date(2026, 3, 18))]
    busy = []
    for _ in range(67):  # ~200 bookings over 3 practitioners
        day = FIRST + timedelta(days=rng.randrange(60))
        start = datetime.combine(
            day, time(rng.randrange(8, 17), rng.choice([0, 15, 30, 45])), tzinfo=TZ
        )
        busy.append((start.astimezone(UTC), (start + timedelta(minutes=70)).astimezone(UTC)))
    return windows, days_off, busy


DATA = [practitioner_data(seed) for seed in range(3)]


def run():
    total = 0
    for windows, days_off, busy in DATA:
        total += len(
            slots.available_starts(
                rules=RULES,
                windows=windows,
                days_off=days_off,
                busy=busy,
                duration=DURATION,
                now=NOW,
                first_day=FIRST,
                last_day=LAST,
            )
        )
    return total


if __name__ == "__main__":
    count = run()
    times = timeit.repeat(run, number=1, repeat=50)
    median_ms = statistics.median(times) * 1000
    print(f"{count} slots over 60 days for 3 practitioners with 200 bookings")
    print(f"median {median_ms:.2f} ms over {len(times)} runs (target < 20 ms)")
