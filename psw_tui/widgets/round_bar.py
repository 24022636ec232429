"""The round keeper's line on the facilitator's screen: now, next, a soft time bar."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from psw_tui.services.clock import format_seconds
from psw_tui.services.rounds import Round

BAR_CELLS = 12
ROUND_KEYS = "alt+→ next · alt+↓ pass · alt+← back · ctrl+s end round"


def time_bar(spent: float, soft: float | None) -> str:
    """A small bar of the soft time used; past it, the bar is full and says so in words."""
    if soft is None or soft <= 0:
        return ""
    filled = min(int(BAR_CELLS * spent / soft + 0.5), BAR_CELLS)
    bar = "▇" * filled + "░" * (BAR_CELLS - filled)
    words = f"{format_seconds(spent)} of {format_seconds(soft)}"
    return f"{bar} {words}" + (" · time to wrap up" if spent > soft else "")


def speaker_time_words(current: Round | None, now: datetime, segment_left: float) -> str:
    """The per-person timer with no name (for the projector view)."""
    if current is None or current.finished:
        return ""
    soft = current.soft_seconds(segment_left)
    spent = current.speaker_seconds(now)
    return f"Speaker time {format_seconds(spent)}" + (f" of {format_seconds(soft)}" if soft else "")


class RoundBar(Static):
    """Shown only while a round runs: "Now: Ash · next: Briar", the soft time used, counts."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]

    def show(self, current: Round | None, now: datetime, segment_left: float) -> None:
        """Draw the round (hidden when there is none)."""
        self.display = current is not None
        if current is None:
            return
        if current.finished:
            head = f"Round done: {current.spoke} spoke, {current.passed} passed · ctrl+s ends it"
            text = f"{head}\n{ROUND_KEYS}"
        else:
            speaker = current.current
            upcoming = current.upcoming
            now_words = f"Now: {speaker.name}" if speaker else ""
            next_words = f" · next: {upcoming.name}" if upcoming else " · last one"
            bar = time_bar(current.speaker_seconds(now), current.soft_seconds(segment_left))
            counts = f" · {current.spoke} spoke, {current.passed} passed"
            text = f"{now_words}{next_words}  {bar}{counts}\n{ROUND_KEYS}"
        if str(self.content) != text:
            self.update(text)
        over = current.current is not None and (soft := current.soft_seconds(segment_left)) is not None \
            and current.speaker_seconds(now) > soft
        self.set_class(bool(over), "-over")


class RoundKeeper(RoundBar):
    """Holds the round while it runs (in memory only) and draws it; the live screen's keys
    call :meth:`step` and :meth:`end`. Ending keeps only the counts."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.round: Round | None = None

    def begin(self, started: Round) -> None:
        """Start keeping ``started``."""
        self.round = started

    def step(self, how: str, now: datetime) -> None:
        """``next``, ``pass`` or ``back``."""
        if self.round is None:
            return
        {"next": self.round.next_speaker, "pass": self.round.pass_turn, "back": self.round.back}[how](now)

    def end(self) -> Round | None:
        """Stop the round and hand it over (for its counts); the order is forgotten here."""
        ended, self.round = self.round, None
        self.display = False
        return ended
