"""The projector view: only the clock, the segment's title, its state, one prompt and, in a
round, the speaker's time (with no name)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from psw_tui.services.clock import ClockReading, Level
from psw_tui.widgets.session_clock import LEVEL_CLASSES, clock_text, state_words


class ProjectorView(Vertical):
    """What the room may see: no names, no notes, no register."""

    def compose(self) -> ComposeResult:
        yield Static("", id="projector-segment", markup=False)
        yield Digits("--:--", id="projector-digits")
        yield Static("", id="projector-state")
        yield Static("", id="projector-prompt", markup=False)
        yield Static("", id="projector-speaker")

    def show(self, reading: ClockReading, *, show_overrun: bool, prompt: str, speaker: str = "") -> None:
        """Draw the clock now, with the prompt the facilitator has on screen."""
        segment = reading.current.segment if reading.current is not None else None
        self._set("#projector-segment", segment.title if segment else "")
        self.query_one("#projector-digits", Digits).update(clock_text(reading, show_overrun))
        self._set("#projector-state", state_words(reading))
        self._set("#projector-prompt", prompt)
        self._set("#projector-speaker", speaker)  # a round's per-person timer, never a name
        for level in Level:
            self.set_class(reading.level is level, LEVEL_CLASSES[level])

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        if str(widget.content) != text:
            widget.update(text)
