"""A session: one occurrence of a group, with its agenda and timing log."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Self
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from psw_tui.models.base import Name, OptionalText, Record
from psw_tui.models.enums import SessionStatus
from psw_tui.models.template import Segment


class Pause(BaseModel):
    """A pause of the clock: from ``started_at`` until ``ended_at`` (open while paused)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("ended_at: a pause cannot end before it starts")
        return self


class SegmentRun(BaseModel):
    """One stretch of time spent on a segment, anchored to wall-clock times.

    Going back to a previous segment appends a new run for it, so the actual time of a
    segment is the sum of its runs. ``extra_seconds`` holds minutes added or taken off live.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    segment_id: UUID
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    pauses: list[Pause] = Field(default_factory=list)
    extra_seconds: int = 0

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("ended_at: a segment run cannot end before it starts")
        return self


class ScaleTally(BaseModel):
    """An anonymous arrive / leave scale: how many answered each of the five points (1 =
    the first word, e.g. "stormy", 5 = the last, e.g. "calm"). No names, no order kept."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    counts: list[int] = Field(default_factory=lambda: [0, 0, 0, 0, 0], min_length=5, max_length=5)

    @model_validator(mode="after")
    def _not_negative(self) -> Self:
        if any(count < 0 for count in self.counts):
            raise ValueError("counts: a tally cannot go below zero")
        return self

    @property
    def answered(self) -> int:
        """How many answered."""
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        """The average point (1-5), or None when nobody answered."""
        total = self.answered
        return sum((i + 1) * n for i, n in enumerate(self.counts)) / total if total else None


class RoundCount(BaseModel):
    """What is kept of one round (check-in, sharing...): counts only, never who spoke,
    passed, in which order or for how long."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    segment_id: UUID
    spoke: int = Field(ge=0)
    passed: int = Field(ge=0)
    median_seconds: int | None = Field(default=None, ge=0)


class Debrief(BaseModel):
    """The facilitator's private debrief at the end of a session."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    how_was_it: OptionalText = ""
    to_escalate: OptionalText = ""
    self_care: OptionalText = ""
    for_supervision: OptionalText = ""
    # "I shared from my own experience today" (offers a self-disclosure reflection), and
    # "bring this debrief to supervision" (listed under For supervision; in no export).
    shared_own_experience: bool = False
    bring_to_supervision: bool = False


class Session(Record):
    """One occurrence of a group on a date."""

    group_id: UUID
    title: Name
    date: date
    start_time: time | None = None
    status: SessionStatus = SessionStatus.PLANNED
    template_id: UUID | None = None
    # The series this session was planned from, and the series date it stands for (kept
    # when the session is moved, so planning the series again never fills that date twice).
    series_id: UUID | None = None
    series_date: date | None = None
    agenda: list[Segment] = Field(default_factory=list)
    started_at: AwareDatetime | None = None
    ended_at: AwareDatetime | None = None
    runs: list[SegmentRun] = Field(default_factory=list)
    # Live changes to the plan, kept so the summary can show planned vs actual honestly:
    # minutes of a segment before a rebalance first changed them, and segments dropped.
    original_minutes: dict[UUID, int] = Field(default_factory=dict)
    dropped_segment_ids: list[UUID] = Field(default_factory=list)
    check_in_question: OptionalText = ""
    cancel_reason: OptionalText = ""
    debrief: Debrief | None = None
    # The anonymous arrive / leave scale (issue 14), and the counts of each round held.
    arrival: ScaleTally | None = None
    leaving: ScaleTally | None = None
    rounds: list[RoundCount] = Field(default_factory=list)
    # Courses: how many learners came, when learners are not on a roster.
    learner_count: int | None = Field(default=None, ge=0, le=10_000)
    # Co-facilitation: one private debrief part per co-facilitator (by member id); the
    # facilitator's own is ``debrief``.
    co_debriefs: dict[UUID, Debrief] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.ended_at is not None and self.started_at is not None:
            if self.ended_at < self.started_at:
                raise ValueError("ended_at: a session cannot end before it starts")
        segment_ids = {segment.id for segment in self.agenda}
        for run in self.runs:
            if run.segment_id not in segment_ids:
                raise ValueError(f"runs: segment {run.segment_id} is not on the agenda")
        return self

    @property
    def planned_minutes(self) -> int:
        """Planned length of the agenda."""
        return sum(segment.minutes for segment in self.agenda)

    @property
    def starts(self) -> datetime | None:
        """The scheduled local start as a naive datetime, when a time is set."""
        return datetime.combine(self.date, self.start_time) if self.start_time else None


class SessionHeader(BaseModel):
    """The few fields of a session kept in the catalog index, for listing without opening it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: UUID
    group_id: UUID
    title: str
    date: date
    start_time: time | None = None
    status: SessionStatus
    series_id: UUID | None = None
    series_date: date | None = None
    learner_count: int | None = None  # a course's learners (counted without opening the file)

    @classmethod
    def of(cls, session: Session) -> SessionHeader:
        """The header of a full session."""
        return cls(
            id=session.id,
            group_id=session.group_id,
            title=session.title,
            date=session.date,
            start_time=session.start_time,
            status=session.status,
            series_id=session.series_id,
            series_date=session.series_date,
            learner_count=session.learner_count,
        )
