"""Adherence: which days the patient ticked each item done, from the programme's start to today.
Pure: plain dates and ids in, a grid and its counts out; the staff view prints it."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 60


@dataclass(frozen=True)
class ItemAdherence:
    item_id: int
    label: str
    cells: tuple[bool, ...]  # one per day of the window, oldest first

    @property
    def done(self) -> int:
        return sum(self.cells)

    @property
    def days(self) -> int:
        return len(self.cells)


@dataclass(frozen=True)
class Adherence:
    days: tuple[date, ...]
    items: tuple[ItemAdherence, ...]
    capped: bool  # the programme runs longer than the window: only the last days are shown

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def possible(self) -> int:
        return len(self.days) * len(self.items)

    @property
    def days_all_done(self) -> int:
        """Days on which every item was ticked."""
        if not self.items:
            return 0
        return sum(all(item.cells[n] for item in self.items) for n in range(len(self.days)))


def adherence_window(*, start: date, today: date, max_days: int = MAX_DAYS) -> tuple[date, ...]:
    """The days from the start to today, at most the last `max_days`; none before the start."""
    if today < start:
        return ()
    first = max(start, today - timedelta(days=max_days - 1))
    return tuple(first + timedelta(days=n) for n in range((today - first).days + 1))


def adherence(
    *,
    start: date,
    today: date,
    items: Sequence[tuple[int, str]],
    ticks: Iterable[tuple[int, date]],
    max_days: int = MAX_DAYS,
) -> Adherence:
    """`items` as (id, label) in order; `ticks` as (item id, day). Ticks outside the window
    (before the start, in the future, or older than the window) are not counted."""
    days = adherence_window(start=start, today=today, max_days=max_days)
    done = set(ticks)
    rows = tuple(
        ItemAdherence(
            item_id=item_id,
            label=label,
            cells=tuple((item_id, day) in done for day in days),
        )
        for item_id, label in items
    )
    capped = bool(days) and days[0] > start
    return Adherence(days=days, items=rows, capped=capped)
