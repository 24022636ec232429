"""The session clock, computed from stored wall-clock anchors, never from counted ticks.

Everything here is a pure function of a :class:`Session` and a moment ``now``: a session
that was interrupted (killed, laptop asleep) reads correctly the moment it is reopened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from psw_tui.models import Segment, SegmentRun, Session


class Level(StrEnum):
    """How close the current segment is to its end. Each level has its own words, not only
    a colour, so it reads the same for everyone."""

    CALM = "calm"
    WARN = "warn"  # 20% or less left (by default)
    URGENT = "urgent"  # 5% or less left (by default)
    OVERRUN = "overrun"  # time is up; the clock counts up


LEVEL_WORDS = {
    Level.CALM: "",
    Level.WARN: "Nearly time",
    Level.URGENT: "Wrap up now",
    Level.OVERRUN: "Over time",
}


def run_seconds(run: SegmentRun, now: datetime) -> float:
    """Seconds of a run that counted: its span minus its pauses (open ends run to ``now``)."""
    end = run.ended_at or now
    paused = sum(
        ((pause.ended_at or end) - pause.started_at).total_seconds()
        for pause in run.pauses
        if pause.started_at < end
    )
    return max((end - run.started_at).total_seconds() - paused, 0.0)


@dataclass(frozen=True)
class SegmentTime:
    """Planned and actual time of one segment."""

    segment: Segment
    index: int
    planned_seconds: int
    allowance_seconds: int  # planned plus minutes added or taken off live
    actual_seconds: float
    visited: bool

    @property
    def remaining_seconds(self) -> float:
        """Time left (negative once over time)."""
        return self.allowance_seconds - self.actual_seconds

    @property
    def overrun_seconds(self) -> float:
        """How far past its allowance the segment went (0 if not)."""
        return max(-self.remaining_seconds, 0.0)


@dataclass(frozen=True)
class ClockReading:
    """Everything the live screen shows about time, at one moment."""

    segments: tuple[SegmentTime, ...]
    current: SegmentTime | None
    paused: bool
    level: Level
    behind_seconds: float  # positive: the session will end late; negative: early
    elapsed_seconds: float  # wall-clock time since the session started

    @property
    def behind_minutes(self) -> int:
        """Whole minutes behind (positive) or ahead (negative) of schedule."""
        return int(round(self.behind_seconds / 60))

    @property
    def schedule_words(self) -> str:
        """'On schedule', 'Behind schedule by 4 min' or 'Ahead of schedule by 2 min'."""
        minutes = self.behind_minutes
        if minutes > 0:
            return f"Behind schedule by {minutes} min"
        if minutes < 0:
            return f"Ahead of schedule by {-minutes} min"
        return "On schedule"


def level_for(remaining: float, allowance: int, warn_at: float, urgent_at: float) -> Level:
    """The warning level for ``remaining`` seconds out of ``allowance``."""
    if remaining <= 0:
        return Level.OVERRUN
    if allowance <= 0:
        return Level.CALM
    left = remaining / allowance
    if left <= urgent_at:
        return Level.URGENT
    if left <= warn_at:
        return Level.WARN
    return Level.CALM


def current_run(session: Session) -> SegmentRun | None:
    """The open run (the segment being timed), if the session is under way."""
    if session.runs and session.runs[-1].ended_at is None:
        return session.runs[-1]
    return None


def current_index(session: Session) -> int | None:
    """Agenda position of the segment being timed (or last timed)."""
    if not session.runs:
        return None
    segment_id = session.runs[-1].segment_id
    for index, segment in enumerate(session.agenda):
        if segment.id == segment_id:
            return index
    return None


def read_clock(
    session: Session, now: datetime, *, warn_at: float = 0.20, urgent_at: float = 0.05
) -> ClockReading:
    """Read the clock of ``session`` at ``now``."""
    actual: dict[UUID, float] = {}
    extra: dict[UUID, int] = {}
    visited: set[UUID] = set()
    for run in session.runs:
        actual[run.segment_id] = actual.get(run.segment_id, 0.0) + run_seconds(run, now)
        extra[run.segment_id] = extra.get(run.segment_id, 0) + run.extra_seconds
        visited.add(run.segment_id)
    segments = tuple(
        SegmentTime(
            segment=segment,
            index=index,
            planned_seconds=segment.minutes * 60,
            allowance_seconds=max(segment.minutes * 60 + extra.get(segment.id, 0), 0),
            actual_seconds=actual.get(segment.id, 0.0),
            visited=segment.id in visited,
        )
        for index, segment in enumerate(session.agenda)
    )
    index = current_index(session)
    open_run = current_run(session)
    current = segments[index] if index is not None and open_run is not None else None
    paused = bool(open_run and open_run.pauses and open_run.pauses[-1].ended_at is None)
    level = Level.CALM
    if current is not None:
        level = level_for(current.remaining_seconds, current.allowance_seconds, warn_at, urgent_at)

    behind = 0.0
    elapsed = 0.0
    if session.started_at is not None:
        end = session.ended_at or now
        elapsed = (end - session.started_at).total_seconds()
        # Against the plan as it was before any rebalance, so shortening or dropping segments
        # really does bring the session back on schedule.
        planned_end = 60 * sum(
            session.original_minutes.get(segment.id, segment.minutes) for segment in session.agenda
        )
        if current is not None and index is not None:
            to_go = max(current.remaining_seconds, 0.0) + sum(
                max(s.allowance_seconds - s.actual_seconds, 0.0) for s in segments[index + 1 :]
            )
            behind = elapsed + to_go - planned_end
        else:
            behind = elapsed - planned_end if session.ended_at else 0.0
    return ClockReading(segments, current, paused, level, behind, elapsed)


def format_seconds(seconds: float) -> str:
    """'12:05' while time is left, '-01:30' once over time; hours fold into minutes.

    Partial seconds round away from zero, so 0.4 s left shows 00:01 and the first moment
    over time already shows -00:01.
    """
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(math.ceil(abs(seconds)), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"
