"""The privacy screen: a neutral "Session paused" view with nothing on it to read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static


class PrivacyScreen(Screen[None]):
    """Covers everything: no names, no notes, no clock. The privacy key (app level) or its
    alternative brings the screen back; nothing else does (the app keeps the command palette
    shut meanwhile), so a stray key from the room reveals nothing."""

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static("Session paused", id="privacy-text")
