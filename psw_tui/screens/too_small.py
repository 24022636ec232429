"""Shown instead of empty panels when the terminal is smaller than psw-tui can lay out."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 18


def too_small(width: int, height: int) -> bool:
    """Whether a terminal of this size is below the smallest usable one."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    """One line: how big the window must be. It closes itself once the window is big enough;
    nothing underneath is shown meanwhile (no names, no notes)."""

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(self._words(), id="too-small-text", markup=False)

    def _words(self) -> str:
        width, height = self.app.size
        return f"Make the window at least {MIN_WIDTH}x{MIN_HEIGHT} (it is {width}x{height})."

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        self.query_one("#too-small-text", Static).update(
            f"Make the window at least {MIN_WIDTH}x{MIN_HEIGHT} (it is {width}x{height})."
        )
