"""The big segment clock: Textual's Digits plus words, so the state never rests on colour."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Digits, Static

from psw_tui.services.clock import LEVEL_WORDS, ClockReading, Level, format_seconds
from psw_tui.widgets.segment_prompts import SegmentPrompts

LEVEL_CLASSES = {level: f"-{level.value}" for level in Level}


def clock_text(reading: ClockReading, show_overrun: bool = True) -> str:
    """What the digits show: time left, or (past zero) time over as negative."""
    if reading.current is None:
        return "--:--"
    remaining = reading.current.remaining_seconds
    if remaining < 0 and not show_overrun:
        return "00:00"
    return format_seconds(remaining)


def state_words(reading: ClockReading) -> str:
    """'Paused', 'Nearly time', 'Wrap up now', 'Over time' or '' (as text, never colour only)."""
    if reading.current is None:
        return "Not running"
    words = LEVEL_WORDS[reading.level]
    if reading.paused:
        return f"Paused · {words}" if words else "Paused"
    return words


class SessionClock(Widget):
    """The countdown of the current segment with its state in words.

    Styled through the classes ``-calm``, ``-warn``, ``-urgent``, ``-overrun`` and
    ``-paused`` (see ``styles/live.tcss``).
    """

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="clock-digits")
        with Vertical(id="clock-words"):
            yield Static("", id="clock-segment", markup=False)
            yield Static("", id="clock-state")
            yield SegmentPrompts(id="clock-prompt")

    @property
    def prompt(self) -> str:
        """The prompt showing now."""
        return self.query_one(SegmentPrompts).current

    def step_prompt(self, by: int) -> None:
        """Show the segment's next (1) or previous (-1) prompt."""
        self.query_one(SegmentPrompts).step(by)

    def show(
        self,
        reading: ClockReading,
        *,
        show_overrun: bool = True,
        position: str = "",
        check_in_question: str = "",
    ) -> None:
        """Update the clock for ``reading`` (cheap: widgets change only if their text does)."""
        self.query_one("#clock-digits", Digits).update(clock_text(reading, show_overrun))
        segment = reading.current.segment if reading.current is not None else None
        title = segment.title if segment is not None else ""
        self._set("#clock-segment", f"{title}{'  ' + position if position else ''}")
        self._set("#clock-state", state_words(reading))
        self.query_one(SegmentPrompts).show(segment, check_in_question)
        for level, css_class in LEVEL_CLASSES.items():
            self.set_class(reading.level is level, css_class)
        self.set_class(reading.paused, "-paused")

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        if str(widget.content) != text:
            widget.update(text)
