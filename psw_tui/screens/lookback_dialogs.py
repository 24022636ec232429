"""Dialogs of the look-back screens: confirming a deletion, and choosing where to save a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.day_input import DAY_HINT, parse_range


def show_error(widget: Static, message: str) -> None:
    """Show ``message`` literally in an error line (hidden while empty)."""
    widget.update(Content(message))
    widget.set_class(bool(message), "-shown")


class ConfirmDialog(ConfirmScreen):
    """A question about deleting or discarding: "Cancel" has the focus, yes is in red."""

    def __init__(self, question: str, yes: str = "Delete") -> None:
        super().__init__(question, yes, focus_yes=False, danger=True)


@dataclass(frozen=True)
class SaveRequest:
    """Where to save, and for which dates (when the dialog asked for them)."""

    path: Path
    date_from: date | None = None
    date_to: date | None = None


class SaveDialog(FormScreen[SaveRequest | None]):
    """Asks for a file name (and optionally a date range); says next to a field what is wrong."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="lookback.save"),
        Binding("escape", "cancel", "Cancel", id="lookback.save_cancel"),
    ]
    ASK_BEFORE_DISCARD = False  # a file name and dates: nothing worth asking about

    def __init__(self, title: str, default_path: Path, *, with_dates: bool = False, note: str = "") -> None:
        super().__init__(classes="lookback-dialog")
        self._title = title
        self._default = default_path
        self._with_dates = with_dates
        self._note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="lookback-box form-box", id="save-form"):
            yield Static(self._title, classes="title", markup=False)
            if self._note:
                yield Static(self._note, classes="hint", markup=False)
            if self._with_dates:
                yield Label("From (blank: from the first)")
                yield Input(placeholder=DAY_HINT, id="save-from")
                yield Static("", id="save-from-error", classes="lookback-error", markup=False)
                yield Label("To (blank: up to today)")
                yield Input(placeholder=DAY_HINT, id="save-to")
                yield Static("", id="save-to-error", classes="lookback-error", markup=False)
            yield Label("Save to file")
            yield Input(str(self._default), id="save-path")
            yield Static("", id="save-path-error", classes="lookback-error", markup=False)
            with Horizontal(classes="lookback-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save-ok")
                yield Button("Cancel", id="save-cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#save-from" if self._with_dates else "#save-path", Input).focus()

    def _error(self, field: str, message: str) -> None:
        names = ("from", "to", "path") if self._with_dates else ("path",)
        self.flag([(self.query_one(f"#save-{name}", Input), message if name == field else "") for name in names])

    @on(Input.Submitted)
    @on(Button.Pressed, "#save-ok")
    def action_save(self) -> None:
        """Check the dates and the file name, then dismiss with them."""
        start = end = None
        if self._with_dates:
            try:
                start, end = parse_range(self.query_one("#save-from", Input).value,
                                         self.query_one("#save-to", Input).value)
            except ValueError as error:
                field, message = str(error).split(": ", 1)
                self._error(field, message)
                return
        text = self.query_one("#save-path", Input).value.strip()
        if not text:
            self._error("path", "Give a file name.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self._error("path", "That is a folder: add a file name.")
            return
        if not path.parent.is_dir():
            self._error("path", f"There is no folder {path.parent}.")
            return
        self.dismiss(SaveRequest(path, start, end))
