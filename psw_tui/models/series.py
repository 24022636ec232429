"""A series: a group's sessions that repeat (weekly, every N weeks, or the Nth weekday of
the month), from a start date for a number of sessions or until a date."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from typing import Self
from uuid import UUID

from pydantic import Field, model_validator

from psw_tui.models.base import Name, Record

# The weekday numbers used here are Python's (and dateutil's): Monday 0 ... Sunday 6.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class SeriesFrequency(StrEnum):
    """How a series repeats."""

    WEEKLY = "weekly"  # every ``interval`` weeks on ``weekday``
    MONTHLY = "monthly"  # the ``ordinal``-th ``weekday`` of every month (-1: the last)


class Series(Record):
    """A repeating plan of sessions for one group.

    ``count`` is the number of sessions the series holds: dates skipped because they are in
    ``holidays`` do not count, so "10 sessions" stays 10 when a bank holiday falls inside.
    A cancelled session still counts (it was one of them). Give ``count`` or ``until``.
    ``facilitator_id`` is the roster member who facilitates (None: not set yet).
    """

    group_id: UUID
    title: Name
    frequency: SeriesFrequency = SeriesFrequency.WEEKLY
    interval: int = Field(default=1, ge=1, le=12)
    weekday: int = Field(ge=0, le=6)
    ordinal: int | None = None
    start: date
    count: int | None = Field(default=None, ge=1, le=520)
    until: date | None = None
    start_time: time
    template_id: UUID | None = None
    holidays: list[date] = Field(default_factory=list, max_length=1000)
    facilitator_id: UUID | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.count is None) == (self.until is None):
            raise ValueError("count: give either a number of sessions or an end date")
        if self.until is not None and self.until < self.start:
            raise ValueError("until: the end date is before the start")
        if self.frequency is SeriesFrequency.MONTHLY:
            if self.ordinal not in (1, 2, 3, 4, -1):
                raise ValueError("ordinal: a monthly series needs 1st, 2nd, 3rd, 4th or last")
            if self.interval != 1:
                raise ValueError("interval: a monthly series repeats every month")
        elif self.ordinal is not None:
            raise ValueError("ordinal: only a monthly series has one")
        return self
