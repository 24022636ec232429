"""The round keeper: a turn-taking pass through the people present, kept in memory only.

The speaking order, who spoke or passed and how long each person took live only in a
:class:`Round` on the facilitator's screen. What is kept afterwards is a
:class:`~psw_tui.models.RoundCount`: how many spoke, how many passed, the median time.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from psw_tui.models import RoundCount

SPOKE, PASSED = "spoke", "passed"


@dataclass(frozen=True)
class Speaker:
    """Someone in the round: their register entry and the name shown to the facilitator."""

    entry_id: UUID
    name: str


@dataclass
class Round:
    """One round in a segment. ``minutes_each`` sets a soft time per person; without it the
    segment's time left is shared among the people still to speak."""

    segment_id: UUID
    order: list[Speaker]
    started: datetime
    minutes_each: float | None = None
    index: int = 0
    _outcomes: list[tuple[int, str, float]] = field(default_factory=list)

    @classmethod
    def begin(
        cls, segment_id: UUID, present: list[Speaker], now: datetime, *, shuffle: bool = False,
        minutes_each: float | None = None, rng: random.Random | None = None,
    ) -> Round:
        """A round through ``present`` in seat order (as listed), or shuffled."""
        order = list(present)
        if shuffle:
            (rng or random.Random()).shuffle(order)
        return cls(segment_id, order, now, minutes_each)

    @property
    def current(self) -> Speaker | None:
        """Whose turn it is (None once everyone has had one)."""
        return self.order[self.index] if self.index < len(self.order) else None

    @property
    def upcoming(self) -> Speaker | None:
        """Who is next after the current speaker."""
        return self.order[self.index + 1] if self.index + 1 < len(self.order) else None

    @property
    def finished(self) -> bool:
        """Whether everyone has had their turn."""
        return self.index >= len(self.order)

    @property
    def still_to_speak(self) -> int:
        """People from the current speaker on."""
        return max(len(self.order) - self.index, 0)

    @property
    def spoke(self) -> int:
        return sum(1 for _, outcome, _ in self._outcomes if outcome == SPOKE)

    @property
    def passed(self) -> int:
        return sum(1 for _, outcome, _ in self._outcomes if outcome == PASSED)

    def speaker_seconds(self, now: datetime) -> float:
        """How long the current speaker has had."""
        return max((now - self.started).total_seconds(), 0.0)

    def soft_seconds(self, segment_seconds_left: float) -> float | None:
        """The soft time for the current speaker: the set minutes, or their share of the
        segment's time left (None when nobody is left or no time is left)."""
        if self.minutes_each is not None:
            return self.minutes_each * 60
        if self.still_to_speak == 0 or segment_seconds_left <= 0:
            return None
        return segment_seconds_left / self.still_to_speak

    def _close(self, outcome: str, now: datetime) -> None:
        if self.finished:
            return
        self._outcomes.append((self.index, outcome, self.speaker_seconds(now)))
        self.index += 1
        self.started = now

    def next_speaker(self, now: datetime) -> None:
        """The current speaker has spoken: on to the next."""
        self._close(SPOKE, now)

    def pass_turn(self, now: datetime) -> None:
        """The current speaker passes (always fine): on to the next."""
        self._close(PASSED, now)

    def back(self, now: datetime) -> None:
        """Back to the previous speaker (their turn is not counted yet)."""
        if self._outcomes:
            self.index = self._outcomes.pop()[0]
            self.started = now

    def join(self, speaker: Speaker) -> bool:
        """A late arrival joins the end of the order (once). True if they were added."""
        if any(s.entry_id == speaker.entry_id for s in self.order):
            return False
        self.order.append(speaker)
        return True

    def count(self) -> RoundCount:
        """What is kept: counts and the median time of those who spoke, nothing per person."""
        times = [seconds for _, outcome, seconds in self._outcomes if outcome == SPOKE]
        median = round(statistics.median(times)) if times else None
        return RoundCount(segment_id=self.segment_id, spoke=self.spoke, passed=self.passed, median_seconds=median)


def round_words(count: RoundCount) -> str:
    """'9 spoke, 2 passed, median 2.5 min'."""
    words = f"{count.spoke} spoke, {count.passed} passed"
    if count.median_seconds is not None:
        words += f", median {count.median_seconds / 60:.1f} min"
    return words
