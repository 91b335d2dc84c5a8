"""Dosage as a value object: plain words, a time estimate and the follow-along timer's plan.

Pure Python: no database, no templates. ExercisePage and RoutineItem hold the typed fields
(see exercises.models.DosageFields); `Dosage.from_fields(obj)` reads them into this object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

SIDE_CHOICES = [
    ("each-side", "each side"),
    ("each-direction", "each direction"),
    ("both", "both at once"),
]
FREQUENCY_CHOICES = [
    ("daily", "daily"),
    ("twice-daily", "twice a day"),
    ("5-week", "5× a week"),
    ("3-week", "3× a week"),
    ("2-week", "2× a week"),
    ("weekly", "once a week"),
    ("as-needed", "as needed"),
]
# Repetitions per week, for structured data; None where a number would be misleading.
FREQUENCY_PER_WEEK = {
    "daily": 7,
    "twice-daily": 14,
    "5-week": 5,
    "3-week": 3,
    "2-week": 2,
    "weekly": 1,
}
# A repetition without a breathing pattern is estimated at this many seconds.
SECONDS_PER_REP = 4
# Time to get into position or change sides, used by the estimate and the timer.
SWITCH_SECONDS = 5

DOSAGE_FIELD_NAMES = (
    "sets",
    "reps_min",
    "reps_max",
    "hold_min",
    "hold_max",
    "rest_seconds",
    "side",
    "frequency",
    "breathe_in",
    "breathe_out",
    "pace",
    "duration_min",
    "duration_max",
)


def _range(low: int | None, high: int | None) -> tuple[int | None, int | None]:
    if low is None and high is None:
        return None, None
    low = low if low is not None else high
    high = high if high is not None else low
    return low, high


def _range_text(low: int, high: int, unit: str, plural: str) -> str:
    if low == high:
        return f"{low} {unit if low == 1 else plural}"
    return f"{low}–{high} {plural}"


def seconds_text(low: int, high: int | None = None) -> str:
    """30 → '30 seconds'; (30, 60) → '30–60 seconds'; (120, 180) → '2–3 minutes'."""
    high = low if high is None else high
    if low >= 120 and low % 60 == 0 and high % 60 == 0:
        return _range_text(low // 60, high // 60, "minute", "minutes")
    return _range_text(low, high, "second", "seconds")


def duration_text(low: int, high: int) -> str:
    """A rough reading time for totals: 'about 1 minute', 'about 3–5 minutes'."""
    lo = max(1, round(low / 60))
    hi = max(1, round(high / 60))
    if lo == hi:
        return f"about {lo} minute{'s' if lo != 1 else ''}"
    return f"about {lo}–{hi} minutes"


def iso_duration(seconds: int | None) -> str | None:
    """Seconds as an ISO 8601 duration: 200 → 'PT3M20S'."""
    if seconds is None:
        return None
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if secs or out == "PT":
        out += f"{secs}S"
    return out


@dataclass(frozen=True)
class Phase:
    """One stretch of the follow-along timer."""

    kind: str  # "ready" | "switch" | "step" | "hold" | "reps" | "rest"
    seconds: int
    label: str
    reps: int = 0
    side: str = ""


@dataclass(frozen=True)
class Dosage:
    """How much of an exercise to do. Every field is optional."""

    sets: int | None = None
    reps_min: int | None = None
    reps_max: int | None = None
    hold_min: int | None = None
    hold_max: int | None = None
    rest_seconds: int | None = None
    side: str = ""
    frequency: str = ""
    breathe_in: int | None = None
    breathe_out: int | None = None
    # For rolling and massage, where neither reps nor a hold fit: 'slowly, 60–90 s per side'.
    pace: str = ""
    duration_min: int | None = None
    duration_max: int | None = None

    @classmethod
    def from_fields(cls, obj: Any) -> Dosage:
        """Read the typed dosage fields of a model instance (ExercisePage, RoutineItem)."""
        values: dict[str, Any] = {name: getattr(obj, name, None) for name in DOSAGE_FIELD_NAMES}
        values["side"] = values["side"] or ""
        values["frequency"] = values["frequency"] or ""
        values["pace"] = values["pace"] or ""
        return cls(**values)

    def overlaid(self, override: Dosage) -> Dosage:
        """This dosage with every field the override sets replacing ours.

        Ranges and the breathing pattern are replaced as a whole, so a routine that sets only
        'hold 30' does not inherit a stale upper bound.
        """
        changes = {}
        groups = [
            ("reps_min", "reps_max"),
            ("hold_min", "hold_max"),
            ("breathe_in", "breathe_out"),
            ("duration_min", "duration_max"),
        ]
        grouped = {name for group in groups for name in group}
        for group in groups:
            if any(getattr(override, name) not in (None, "") for name in group):
                changes.update({name: getattr(override, name) for name in group})
        for f in fields(self):
            if f.name in grouped:
                continue
            value = getattr(override, f.name)
            if value not in (None, ""):
                changes[f.name] = value
        return replace(self, **changes)

    # --- derived values -----------------------------------------------------------------

    @property
    def reps(self) -> tuple[int | None, int | None]:
        return _range(self.reps_min, self.reps_max)

    @property
    def hold(self) -> tuple[int | None, int | None]:
        return _range(self.hold_min, self.hold_max)

    @property
    def duration(self) -> tuple[int | None, int | None]:
        return _range(self.duration_min, self.duration_max)

    @property
    def breathing(self) -> tuple[int, int] | None:
        if self.breathe_in and self.breathe_out:
            return self.breathe_in, self.breathe_out
        return None

    @property
    def side_label(self) -> str:
        return dict(SIDE_CHOICES).get(self.side, "")

    @property
    def frequency_label(self) -> str:
        return dict(FREQUENCY_CHOICES).get(self.frequency, "")

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))

    @property
    def sides(self) -> list[str]:
        if self.side == "each-side":
            return ["left side", "right side"]
        if self.side == "each-direction":
            return ["one direction", "the other direction"]
        return [""]

    @property
    def reps_text(self) -> str:
        low, high = self.reps
        return _range_text(low, low if high is None else high, "rep", "reps") if low else ""

    @property
    def hold_text(self) -> str:
        low, high = self.hold
        return seconds_text(low, high) if low else ""

    @property
    def duration_text(self) -> str:
        """'slowly for 60–90 seconds', 'for 2 minutes' or just the pace: 'slowly'."""
        low, high = self.duration
        pace = self.pace.strip()
        if not low:
            return pace
        time = seconds_text(low, high)
        return f"{pace} for {time}" if pace else f"for {time}"

    @property
    def breathing_text(self) -> str:
        pattern = self.breathing
        return f"breathe in for {pattern[0]}, out for {pattern[1]}" if pattern else ""

    @property
    def parts(self) -> list[str]:
        """The dosage as short phrases, in reading order."""
        first = []
        sets_text = f"{self.sets} set{'s' if self.sets != 1 else ''}" if self.sets else ""
        if self.reps_text and sets_text:
            first.append(f"{sets_text} of {self.reps_text}")
        elif self.reps_text or sets_text:
            first.append(self.reps_text or sets_text)
        if self.hold_text:
            first.append(f"hold each for {self.hold_text}" if first else f"hold {self.hold_text}")
        if self.duration_text:
            first.append(self.duration_text)
        parts = [", ".join(first)] if first else []
        if self.side_label:
            parts.append(self.side_label)
        if self.rest_seconds:
            between = " between sets" if (self.sets or 1) > 1 else ""
            parts.append(f"rest {seconds_text(self.rest_seconds)}{between}")
        if self.frequency_label:
            parts.append(self.frequency_label)
        if self.breathing_text:
            parts.append(self.breathing_text)
        return parts

    @property
    def as_text(self) -> str:
        """'Hold 30–60 seconds · each side · daily · breathe in for 4, out for 8'."""
        text = " · ".join(self.parts)
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        return self.as_text

    # --- time ---------------------------------------------------------------------------

    @property
    def rep_seconds(self) -> int:
        pattern = self.breathing
        return sum(pattern) if pattern else SECONDS_PER_REP

    def _per_side(
        self, hold: int | None, reps: int | None, step_seconds: int, work: int | None
    ) -> int:
        seconds = step_seconds + (work or 0)
        if hold:
            seconds += hold * (reps or 1)
        elif reps:
            seconds += reps * self.rep_seconds
        return seconds

    def is_timed(self, step_holds: tuple[int, ...] | list[int] = ()) -> bool:
        """Whether any number gives a time: a hold, reps, a duration or a timed step."""
        return bool(self.hold[0] or self.reps[0] or self.duration[0] or any(step_holds))

    def estimated_seconds(self, step_holds: tuple[int, ...] | list[int] = ()) -> tuple[int, int]:
        """(shortest, longest) time in seconds for one session, from the dosage and step holds.

        (0, 0) when no number gives a time: side switches alone are not an exercise.
        """
        if not self.is_timed(step_holds):
            return 0, 0
        step_seconds = sum(s for s in step_holds if s)
        sets = self.sets or 1
        sides = len(self.sides)
        rest = (self.rest_seconds or 0) * (sets - 1)
        switches = SWITCH_SECONDS * (sides * sets - 1) if sides > 1 else 0
        out = []
        lows_highs = zip(self.hold, self.reps, self.duration, strict=True)
        for hold, reps, work in lows_highs:
            per_side = self._per_side(hold, reps, step_seconds, work)
            out.append(per_side * sides * sets + rest + switches)
        return out[0], out[1]

    def timer_phases(self, steps: Sequence[tuple[str, int]] = ()) -> list[Phase]:
        """The follow-along plan: each timed step and hold, reps paced by breath, side switches
        and rests. `steps` holds (label, seconds) for every step with a timed hold.

        The timer uses the lower end of each range: it is the safe place to start.
        """
        hold, _ = self.hold
        reps, _ = self.reps
        work, _ = self.duration
        timed_steps = [(label, seconds) for label, seconds in steps if seconds]
        if not (timed_steps or hold or reps or work):
            return []
        sets = self.sets or 1
        phases = [Phase("ready", SWITCH_SECONDS, "Get into position")]
        for set_number in range(1, sets + 1):
            set_label = f"Set {set_number} of {sets}: " if sets > 1 else ""
            for index, side in enumerate(self.sides):
                if side and (index or set_number > 1):
                    phases.append(Phase("switch", SWITCH_SECONDS, f"Switch to {side}", side=side))
                suffix = f" ({side})" if side else ""
                for label, seconds in timed_steps:
                    phases.append(Phase("step", seconds, f"{set_label}{label}{suffix}", side=side))
                if work:
                    what = (self.pace.strip() or "keep going").capitalize()
                    phases.append(Phase("step", work, f"{set_label}{what}{suffix}", side=side))
                if hold:
                    count = reps or 1
                    for rep in range(1, count + 1):
                        rep_label = f", rep {rep} of {count}" if count > 1 else ""
                        phases.append(
                            Phase("hold", hold, f"{set_label}Hold{rep_label}{suffix}", side=side)
                        )
                elif reps:
                    phases.append(
                        Phase(
                            "reps",
                            reps * self.rep_seconds,
                            f"{set_label}{reps} slow reps{suffix}",
                            reps=reps,
                            side=side,
                        )
                    )
            if set_number < sets and self.rest_seconds:
                phases.append(Phase("rest", self.rest_seconds, "Rest"))
        return phases
