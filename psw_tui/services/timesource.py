"""Where 'now' comes from. The app and services take a time source so tests can use a fake one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


class SystemTime:
    """The real wall clock."""

    def now(self) -> datetime:
        """The current moment, timezone-aware (UTC)."""
        return datetime.now(UTC)

    def today(self) -> date:
        """Today's date where the user is."""
        return datetime.now().date()


class FakeTime(SystemTime):
    """A clock that only moves when told to (tests, benchmarks, demos)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("start: a fake clock needs a timezone-aware start")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.astimezone().date()

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> datetime:
        """Move time forward and return the new 'now'."""
        self._now += timedelta(seconds=seconds, minutes=minutes)
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to a moment (e.g. to simulate a laptop waking from sleep)."""
        self._now = moment
