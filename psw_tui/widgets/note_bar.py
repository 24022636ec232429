"""The note line of the live session: a kind label that follows the prefix, and the line."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from psw_tui.services.note_entry import parse_entry, prefix_help


class NoteBar(Widget):
    """Type a note, Enter saves it; a prefix (``t:``, ``p:``, ...) picks its kind.

    Posts :class:`NoteBar.Save` with the typed text; the screen clears the line once the
    note is saved, so nothing typed is lost when a save fails."""

    DEFAULT_CSS = """
    NoteBar { height: auto; }
    """

    @dataclass
    class Save(Message):
        """The facilitator pressed Enter on this text."""

        text: str

    def compose(self) -> ComposeResult:
        with Horizontal(id="note-bar"):
            yield Static(parse_entry("").label, id="note-kind")
            yield Input(
                placeholder="Type a note, Enter saves", id="note-line", max_length=10_000, select_on_focus=False
            )
        yield Static(prefix_help(), id="note-hint", classes="hint")

    @property
    def line(self) -> Input:
        """The input itself."""
        return self.query_one("#note-line", Input)

    @property
    def value(self) -> str:
        """What is typed now."""
        return self.line.value

    def clear(self) -> None:
        """Empty the line (after a save)."""
        self.line.value = ""

    def focus_line(self) -> None:
        """Put the cursor back on the note line."""
        self.screen.set_focus(self.line, scroll_visible=False)  # at once, not after a refresh

    @on(Input.Changed, "#note-line")
    def _kind_follows_prefix(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#note-kind", Static).update(parse_entry(event.value).label)

    @on(Input.Submitted, "#note-line")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Save(event.value))
