"""The privacy screen: a neutral "Session paused" view with nothing on it to read.

On an encrypted data folder (with the setting on, as it is by default) the privacy key
does not lift it alone: it asks for the folder's passphrase, so a laptop left with the
screen locked shows nothing to whoever picks it up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from psw_tui.services.unlock import passphrase_unlocks
from psw_tui.screens.base import PswScreen

if TYPE_CHECKING:
    from psw_tui.storage import RecordStore


class PrivacyScreen(PswScreen, Screen[None]):
    """Covers everything: no names, no notes, no clock. The privacy key (app level) or its
    alternative brings the screen back; nothing else does (the app keeps the command palette
    shut meanwhile), so a stray key from the room reveals nothing. With ``store`` given, the
    privacy key asks for that folder's passphrase instead."""

    AUTO_FOCUS = ""  # nothing takes keys until the passphrase is asked for: stray keys do nothing

    def __init__(self, store: RecordStore | None = None) -> None:
        super().__init__()
        self._store = store

    @property
    def needs_passphrase(self) -> bool:
        """Whether this lock opens only with the passphrase."""
        return self._store is not None

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static("Session paused", id="privacy-text")
            if self.needs_passphrase:
                with Center():
                    with Vertical(id="unlock"):
                        yield Input(password=True, placeholder="Passphrase, then Enter", id="unlock-passphrase")
                        yield Static("", id="unlock-message", markup=False)

    def ask_passphrase(self) -> None:
        """Show the passphrase line (the privacy key pressed on a locked folder)."""
        self.add_class("-asking")
        self.query_one("#unlock-message", Static).update("Type the folder's passphrase to go back.")
        self.set_focus(self.query_one("#unlock-passphrase", Input))

    def key_escape(self) -> None:
        """Hide the passphrase line again."""
        if not self.needs_passphrase:
            return
        line = self.query_one("#unlock-passphrase", Input)
        line.value = ""
        self.remove_class("-asking")
        self.set_focus(None)

    @on(Input.Submitted, "#unlock-passphrase")
    def _try(self, event: Input.Submitted) -> None:
        event.input.disabled = True
        self.query_one("#unlock-message", Static).update("Checking…")
        self._check(event.value)

    @work(thread=True, exclusive=True)
    def _check(self, passphrase: str) -> None:
        # The key derivation is slow on purpose: off the UI thread, so the clock keeps going.
        assert self._store is not None
        opened = passphrase_unlocks(self._store, passphrase)
        self.app.call_from_thread(self._checked, opened)

    def _checked(self, opened: bool) -> None:
        line = self.query_one("#unlock-passphrase", Input)
        line.disabled = False
        line.value = ""
        if opened:
            self.psw.action_privacy(unlocked=True)
            return
        self.query_one("#unlock-message", Static).update("That passphrase does not open this folder.")
        self.set_focus(line)
