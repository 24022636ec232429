"""Export calendar: planned sessions and series to an .ics file for a calendar program."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from psw_tui.screens.form_base import FormScreen
from psw_tui.services.calendar import NothingToExport, build_calendar, write_calendar
from psw_tui.services.exports.files import ExportExists, default_export_folder
from psw_tui.services.forms import Checker, FormError
from psw_tui.services.groups import list_groups
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors

FILE_NAME = "psw-tui-sessions.ics"


class CalendarExportScreen(FormScreen[Path | None]):
    """Choose a group (or all), the dates and the file; dismisses with the path written."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Export", id="calendar.save"),
        Binding("escape", "cancel", "Cancel", id="calendar.cancel"),
    ]
    ASK_BEFORE_DISCARD = False  # choices and a file name: nothing typed is lost

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__(classes="planning-dialog")
        self._folder = folder
        self._confirm_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        groups = [(Text(g.name), g.id) for g in list_groups(self.psw.store)]
        folder = self._folder or self._settings_folder() or default_export_folder()
        with VerticalScroll(classes="planning-box form-box", id="calendar-form"):
            yield Static("Export calendar", classes="title")
            yield FormField("Group", Select(groups, prompt="All groups", id="group_id"), id="field-group_id")
            with Horizontal(classes="planning-row"):
                yield FormField("From (YYYY-MM-DD)", Input(self.psw.time.today().isoformat(), id="start"),
                                id="field-start")
                yield FormField("To (blank: no end)", Input("", id="end"), id="field-end")
            yield FormField("File", Input(str(folder / FILE_NAME), id="path"),
                            hint="Each series is one repeating event; exporting again updates the same "
                                 "events. Titles never carry a member's name.", id="field-path")
            if self.psw.store.encrypted:
                yield Static("Your data folder is encrypted, but the calendar file will not be.",
                             classes="hint", id="calendar-unencrypted")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Static("ctrl+s export · Esc cancel", classes="form-keys")
                yield Button("Export", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")

    def on_mount(self) -> None:
        self.query_one("#group_id").focus()

    def _settings_folder(self) -> Path | None:
        chosen = self.psw.settings.export_folder
        if chosen and Path(chosen).expanduser().is_dir():
            return Path(chosen).expanduser()
        return None

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._confirm_overwrite = None

    def _checked(self) -> tuple[date | None, date | None, Path]:
        check = Checker()
        text = {name: self.query_one(f"#{name}", Input).value.strip() for name in ("start", "end", "path")}
        start = check.day("start", text["start"]) if text["start"] else None
        end = check.day("end", text["end"]) if text["end"] else None
        if start and end and end < start:
            check.fail("end", "The last date is before the first.")
        if not text["path"]:
            check.fail("path", "Give a file name.")
        check.done()
        return start, end, Path(text["path"]).expanduser()

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Write the calendar; ask once (press Export again) before replacing a file."""
        try:
            start, end, path = self._checked()
        except FormError as error:
            show_errors(self, error.errors)
            return
        group = self.query_one("#group_id", Select).value
        force = self._confirm_overwrite == path
        try:
            result = build_calendar(self.psw.store, today=self.psw.time.today(), now=self.psw.time.now(),
                                    group_id=None if group is Select.NULL else group,  # type: ignore[arg-type]
                                    start=start, end=end)
            written = write_calendar(path, result, force=force)
        except NothingToExport:
            show_errors(self, {"start": "No planned session or series in these dates."})
            return
        except ExportExists:
            self._confirm_overwrite = path
            show_errors(self, {"path": f"{path.name} already exists. Press Export again to replace it."})
            return
        except StoreError as error:
            show_errors(self, {"path": str(error)})
            return
        self.notify(f"Wrote {written.name}: {result.sentence()}.", markup=False)
        self.dismiss(written)
