"""The export dialog: choose a format and a file, then write it atomically."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from psw_tui.services.exports import (
    FORMAT_WORDS,
    SHAREABLE_FORMATS,
    Export,
    ExportFormat,
    export_session,
)
from psw_tui.services.exports.files import ExportExists, default_export_folder, save_export
from psw_tui.storage import StoreError

FORMATS = list(ExportFormat)


class ExportDialog(ModalScreen[Path | None]):
    """Export one session; dismisses with the path written, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, session_id: UUID, *, shareable: bool = False, folder: Path | None = None) -> None:
        super().__init__()
        self.session_id = session_id
        self._shareable = shareable
        self._folder = folder
        self._confirm_overwrite: Path | None = None
        self._suggested = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static("Export summary", classes="title")
            yield Label("Format")
            with RadioSet(id="export-format"):
                for index, fmt in enumerate(FORMATS):
                    yield RadioButton(FORMAT_WORDS[fmt], value=index == 0, id=f"export-{fmt.value}")
            yield Checkbox("Shareable summary (no names, attendance as a count, no concerns)",
                           self._shareable, id="export-shareable")
            yield Label("File")
            yield Input(id="export-path")
            yield Static("", id="export-error", classes="error", markup=False)
            if getattr(self.app.store, "encrypted", False):  # type: ignore[attr-defined]
                yield Static(
                    "Your data folder is encrypted, but this export file will not be: "
                    "keep it somewhere private.",
                    id="export-unencrypted",
                    classes="hint",
                )
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-save")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._suggest()
        self.query_one("#export-format", RadioSet).focus()

    @property
    def format(self) -> ExportFormat:
        """The format chosen."""
        index = self.query_one("#export-format", RadioSet).pressed_index
        return FORMATS[max(index, 0)]

    def _build_export(self) -> Export:
        shareable = self.query_one("#export-shareable", Checkbox)
        return export_session(
            self.app.store, self.session_id, self.format,  # type: ignore[attr-defined]
            shareable=shareable.value and self.format in SHAREABLE_FORMATS,
        )

    def _suggest(self) -> None:
        """Fill in a sensible file name, unless the person typed their own."""
        box = self.query_one("#export-shareable", Checkbox)
        box.disabled = self.format not in SHAREABLE_FORMATS
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
        chosen = getattr(self.app.settings, "export_folder", None)  # type: ignore[attr-defined]
        if chosen:
            folder = Path(chosen).expanduser()
            if folder.is_dir():
                return folder
        return None

    def _error(self, text: str) -> None:
        self.query_one("#export-error", Static).update(text)

    @on(RadioSet.Changed, "#export-format")
    @on(Checkbox.Changed, "#export-shareable")
    def _changed(self) -> None:
        self._suggest()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm_overwrite = None

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)

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
