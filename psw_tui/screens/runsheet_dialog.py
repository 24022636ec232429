"""Print run-sheet: choose a format (or the pocket card), a paper register, and a file.

The palette command "Print run-sheet" is offered when a planned or running session is
highlighted on the home screen, or open (live, or being planned); it writes the file
atomically and owner-only, asking once before replacing one that exists.
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

from psw_tui.screens.form_base import FormScreen
from psw_tui.services.exports.files import ExportExists, default_export_folder
from psw_tui.services.exports.runsheet_render import RunsheetFormat, filename, save_runsheet
from psw_tui.services.runsheet import NoRunsheet, Runsheet, build_runsheet
from psw_tui.failures import StoreError

# (format, pocket card, words shown), in the order offered.
CHOICES = (
    (RunsheetFormat.HTML, False, "HTML, printable A4"),
    (RunsheetFormat.HTML, True, "Pocket card, A6 HTML in large type (walk and talk)"),
    (RunsheetFormat.MD, False, "Markdown"),
    (RunsheetFormat.TXT, False, "Plain text"),
)
NO_NAMES = "No member names: times, prompts, agreement and signposting."
WITH_NAMES = "The register names the group's members: keep the printout private."


class RunsheetDialog(FormScreen[Path | None]):
    """Write one session's run-sheet; dismisses with the path written, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Write", id="runsheet.save"),
        Binding("escape", "cancel", "Cancel", id="runsheet.cancel"),
    ]
    ASK_BEFORE_DISCARD = False  # choices and a file name: nothing typed is lost
    ERROR_LINES = {"runsheet-path": "runsheet-error"}

    def __init__(self, session_id: UUID, *, folder: Path | None = None) -> None:
        super().__init__(classes="runsheet-dialog")
        self.session_id = session_id
        self._folder = folder
        self._confirm_overwrite: Path | None = None
        self._suggested = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="runsheet-box", classes="form-box"):
            yield Static("Print run-sheet", classes="title")
            yield Static("", id="runsheet-session", markup=False)
            yield Label("Format")
            with RadioSet(id="runsheet-format"):
                for index, (_, _, words) in enumerate(CHOICES):
                    yield RadioButton(words, value=index == 0, id=f"runsheet-choice-{index}")
            yield Checkbox("Paper register with the roster's names", False, id="runsheet-register")
            yield Static(NO_NAMES, id="runsheet-contents", markup=False)
            yield Label("File")
            yield Input(id="runsheet-path")
            yield Static("", id="runsheet-error", classes="error", markup=False)
            if self.psw.store.encrypted:
                yield Static("Your data folder is encrypted, but this file will not be: keep it private.",
                             classes="hint")
            with Horizontal(classes="buttons form-buttons"):
                yield Static("ctrl+s write · Esc cancel", classes="form-keys")
                yield Button("Write", variant="primary", id="runsheet-save")
                yield Button("Cancel", id="runsheet-cancel", classes="cancel-button")

    def on_mount(self) -> None:
        self._suggest()
        self.query_one("#runsheet-format", RadioSet).focus()

    @property
    def choice(self) -> tuple[RunsheetFormat, bool]:
        """The format chosen, and whether it is the pocket card."""
        index = max(self.query_one("#runsheet-format", RadioSet).pressed_index, 0)
        fmt, pocket, _ = CHOICES[index]
        return fmt, pocket

    @property
    def with_register(self) -> bool:
        """Whether a paper register (with names) is asked for."""
        return self.query_one("#runsheet-register", Checkbox).value

    def _sheet(self) -> Runsheet:
        return build_runsheet(self.psw.store, self.session_id, with_register=self.with_register)

    def _suggest(self) -> None:
        """Say what the file holds and fill in a file name (unless the person typed their own)."""
        contents = self.query_one("#runsheet-contents", Static)
        contents.update(WITH_NAMES if self.with_register else NO_NAMES)
        contents.set_class(self.with_register, "-private")
        try:
            sheet = self._sheet()
        except (StoreError, NoRunsheet) as error:
            self._error(str(error))
            return
        self.query_one("#runsheet-session", Static).update(f"{sheet.group_name} · {sheet.when}")
        fmt, pocket = self.choice
        folder = self._folder or self._settings_folder() or default_export_folder()
        path_input = self.query_one("#runsheet-path", Input)
        if not path_input.value or path_input.value == self._suggested:
            self._suggested = str(folder / filename(sheet, fmt, pocket=pocket))
            path_input.value = self._suggested
        self._confirm_overwrite = None
        self._error("")

    def _settings_folder(self) -> Path | None:
        chosen = self.psw.settings.export_folder
        if chosen:
            folder = Path(chosen).expanduser()
            if folder.is_dir():
                return folder
        return None

    def _error(self, text: str) -> None:
        self.flag([(self.query_one("#runsheet-path", Input), text)])

    def still_wrong(self, widget: Widget) -> str | None:
        """A file name is still missing (other problems are found when writing)."""
        if widget.id == "runsheet-path" and not self.query_one("#runsheet-path", Input).value.strip():
            return "Give a file name."
        return None

    @on(RadioSet.Changed, "#runsheet-format")
    @on(Checkbox.Changed, "#runsheet-register")
    def _changed(self) -> None:
        self._suggest()

    @on(Input.Changed, "#runsheet-path")
    def _path_changed(self) -> None:
        self._confirm_overwrite = None

    @on(Button.Pressed, "#runsheet-save")
    @on(Input.Submitted, "#runsheet-path")
    def action_save(self) -> None:
        """Write the file; ask once before replacing an existing one."""
        text = self.query_one("#runsheet-path", Input).value.strip()
        if not text:
            self._error("Give a file name.")
            return
        path = Path(text).expanduser()
        fmt, pocket = self.choice
        try:
            written = save_runsheet(self._sheet(), fmt, path, pocket=pocket, force=self._confirm_overwrite == path)
        except ExportExists:
            self._confirm_overwrite = path
            self._error(f"{path.name} already exists. Press Write again to replace it.")
            return
        except (StoreError, NoRunsheet) as error:
            self._error(str(error))
            return
        self.dismiss(written)

