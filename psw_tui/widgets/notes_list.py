"""The notes of the current segment, listed by kind and text (never in entry order)."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from psw_tui.models import Note
from psw_tui.services.note_entry import KIND_LABELS
from psw_tui.widgets.keys import follow_focus, hand_to, is_text


class NotesList(OptionList):
    """Enter on a note edits or removes it; any typed character goes to the note line
    (``home``), so a facilitator who typed here by mistake loses nothing."""

    def __init__(self, *, home: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._home = home

    def show(self, notes: list[Note]) -> None:
        """List these notes (already in their non-revealing order)."""
        options = [Option(Content(f"{KIND_LABELS[note.kind]}: {note.text}"), id=str(note.id)) for note in notes]
        self.clear_options()
        self.add_options(options)

    def on_focus(self) -> None:
        # Tab here then Enter edits the first note: something is always highlighted.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    async def _on_key(self, event: events.Key) -> None:
        # Runs before the base classes' own ``_on_key`` (Textual calls each class's); a key
        # handled here is stopped and its default prevented, so theirs does not run.
        if follow_focus(self, event):
            return
        if is_text(event):  # space too: the list has no use for it, the note line does
            hand_to(self.screen.query_one(self._home), event)
            return
