"""The export dialog: choose a format and a file, then write it atomically.

Only the formats that can be shareable (Markdown, text, HTML) offer the shareable choice;
the CSV register and the complete JSON say plainly what they hold instead.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from psw_tui.services.exports import (
    FORMAT_WORDS,
    SHAREABLE_FORMATS,
    Export,
    ExportFormat,
    export_session,
)
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.exports.files import ExportExists, default_export_folder, save_export
from psw_tui.failures import StoreError

FORMATS = list(ExportFormat)

# What a file of each format holds, in the words the dialog shows under the format.
CONTENTS = {
    ExportFormat.CSV: "The attendance register: it names every person. Not for sharing.",
    ExportFormat.JSON: "The complete record, including concerns and private notes (your debrief "
                       "and reflections). Not for sharing.",
}
INTERNAL = "Internal record, with names, the register and concerns: not for sharing."
SHAREABLE = "Shareable: no names, attendance as a count, no concerns or private notes."


class ExportDialog(FormScreen[Path | None]):
    """Export one session; dismisses with the path written, or None if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "export", "Export", id="export.save"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]
    ASK_BEFORE_DISCARD = False  # choosing a format and a file: nothing typed is lost
    ERROR_LINES = {"export-path": "export-error"}

    def __init__(self, session_id: UUID, *, shareable: bool = False, folder: Path | None = None) -> None:
        super().__init__(classes="export-dialog")
        self.session_id = session_id
        self._shareable = shareable
        self._folder = folder
        self._confirm_overwrite: Path | None = None
        self._suggested = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export-box", classes="form-box"):
            yield Static("Export summary", classes="title")
            yield Label("Format")
            with RadioSet(id="export-format"):
                for index, fmt in enumerate(FORMATS):
                    yield RadioButton(FORMAT_WORDS[fmt], value=index == 0, id=f"export-{fmt.value}")
            yield Checkbox("Shareable summary (no names, attendance as a count, no concerns)",
                           self._shareable, id="export-shareable")
            yield Static("", id="export-contents", markup=False)
            yield Label("File")
            yield Input(id="export-path")
            yield Static("", id="export-error", classes="error", markup=False)
            if self.psw.store.encrypted:
                yield Static(
                    "Your data folder is encrypted, but this export file will not be: "
                    "keep it somewhere private.",
                    id="export-unencrypted",
                    classes="hint",
                )
            with Horizontal(classes="buttons form-buttons"):
                yield Static("ctrl+s export · Esc cancel", classes="form-keys")
                yield Button("Export", variant="primary", id="export-save")
                yield Button("Cancel", id="export-cancel", classes="cancel-button")

    def on_mount(self) -> None:
        self._suggest()
        self.query_one("#export-format", RadioSet).focus()

    @property
    def format(self) -> ExportFormat:
        """The format chosen."""
        index = self.query_one("#export-format", RadioSet).pressed_index
        return FORMATS[max(index, 0)]

    def _build_export(self) -> Export:
        return export_session(
            self.psw.store, self.session_id, self.format,
            shareable=self.shareable,
        )

    @property
    def shareable(self) -> bool:
        """Whether the file will be the shareable summary."""
        return self.format in SHAREABLE_FORMATS and self.query_one("#export-shareable", Checkbox).value

    def _suggest(self) -> None:
        """Offer the shareable choice where it exists, say what the file holds, and fill in a
        sensible file name (unless the person typed their own)."""
        can_share = self.format in SHAREABLE_FORMATS
        box = self.query_one("#export-shareable", Checkbox)
        box.disabled = not can_share
        box.display = can_share
        words = CONTENTS.get(self.format) or (SHAREABLE if self.shareable else INTERNAL)
        contents = self.query_one("#export-contents", Static)
        contents.update(words)
        contents.set_class(not can_share, "-private")
        path_input = self.query_one("#export-path", Input)
        try:
            name = self._build_export().filename
        except StoreError as error:
            self._error(str(error))
            return
        folder = self._folder or self._settings_folder() or default_export_folder()
        if not path_input.value or path_input.value == self._suggested:
            self._suggested = str(folder / name)
            path_input.value = self._suggested
        self._confirm_overwrite = None
        self._error("")

    def _settings_folder(self) -> Path | None:
        """The default export folder from the settings, when one is set and exists."""
        chosen = self.psw.settings.export_folder
        if chosen:
            folder = Path(chosen).expanduser()
            if folder.is_dir():
                return folder
        return None

    def _error(self, text: str) -> None:
        self.flag([(self.query_one("#export-path", Input), text)])

    def still_wrong(self, widget: Widget) -> str | None:
        """A file name is still missing (other problems are found when writing)."""
        if widget.id == "export-path" and not self.query_one("#export-path", Input).value.strip():
            return "Give a file name."
        return None

    @on(RadioSet.Changed, "#export-format")
    @on(Checkbox.Changed, "#export-shareable")
    def _changed(self) -> None:
        self._suggest()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm_overwrite = None

    @on(Button.Pressed, "#export-save")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        """Write the file; ask once before replacing an existing one."""
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._error("Give a file name.")
            return
        path = Path(text).expanduser()
        force = self._confirm_overwrite == path
        try:
            written = save_export(self._build_export(), path, force=force)
        except ExportExists:
            self._confirm_overwrite = path
            self._error(f"{path.name} already exists. Press Export again to replace it.")
            return
        except StoreError as error:
            self._error(str(error))
            return
        self.dismiss(written)
