"""The reflective journal: a PSW's reflections, newest first; new, edit, delete, export."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from psw_tui.models import Reflection
from psw_tui.screens.lookback_dialogs import ConfirmDialog, SaveDialog, SaveRequest
from psw_tui.screens.reflection_editor import ReflectionEditor, editor_for
from psw_tui.services.journal import Journal
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen, psw_app

MODEL_SHORT = {"gibbs": "Gibbs", "driscoll": "Driscoll", "free": "Free"}
EMPTY = "No reflections yet. Press n to write one (Gibbs, Driscoll or free writing)."


class JournalScreen(PswScreen, Screen[None]):
    """Your reflections. They are private: never part of a session export."""

    BINDINGS = [
        Binding("n", "new", "New", id="journal.new"),
        Binding("e", "edit", "Edit", id="journal.edit"),
        Binding("d", "delete", "Delete", id="journal.delete"),
        Binding("x", "export", "Export", id="journal.export"),
        Binding("escape", "app.pop_screen", "Back", id="journal.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.reflections: list[Reflection] = []

    @property
    def journal(self) -> Journal:
        """The journal of the app's store."""
        return Journal(self.psw.store, self.psw.time)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journal"):
            yield Static("Reflective journal", classes="title")
            yield Input(placeholder="Show only a tag (e.g. boundaries)", id="journal-tag")
            yield DataTable(id="journal-list", cursor_type="row", zebra_stripes=True)
            yield Static("", id="journal-empty")
            yield Static("Enter or e edit · n new · d delete · x export to Markdown · private to you",
                         classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#journal-list", DataTable)
        table.add_columns("Written", "Model", "Title", "Tags")
        self.refresh_list()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    @on(Input.Changed, "#journal-tag")
    def refresh_list(self) -> None:
        """Reload the list from the store."""
        try:
            self.reflections = self.journal.all(self.query_one("#journal-tag", Input).value)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            self.reflections = []
        table = self.query_one("#journal-list", DataTable)
        table.clear()
        for r in self.reflections:
            table.add_row(f"{r.written_on:%d %b %Y}", MODEL_SHORT[r.model.value], Text(r.title),
                          Text(", ".join(r.tags)), key=str(r.id))
        empty = self.query_one("#journal-empty", Static)
        empty.update("" if self.reflections else EMPTY)
        empty.display = not self.reflections

    def _selected(self) -> Reflection | None:
        table = self.query_one("#journal-list", DataTable)
        if not self.reflections or table.cursor_row < 0:
            return None
        return self.reflections[min(table.cursor_row, len(self.reflections) - 1)]

    def action_new(self) -> None:
        """Write a new reflection."""
        self.app.push_screen(ReflectionEditor())

    @on(DataTable.RowSelected, "#journal-list")
    def action_edit(self) -> None:
        """Edit the highlighted reflection."""
        chosen = self._selected()
        if chosen is not None:
            self.app.push_screen(ReflectionEditor(chosen))

    def action_delete(self) -> None:
        """Delete the highlighted reflection, after asking."""
        chosen = self._selected()
        if chosen is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.journal.delete(chosen.id)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(f"Deleted: {chosen.title}", markup=False)
            self.refresh_list()

        self.app.push_screen(ConfirmDialog(f"Delete the reflection “{chosen.title}”? This cannot be undone."),
                             answered)

    def action_export(self) -> None:
        """Export your reflections of a date range to a Markdown file."""
        def chosen(request: SaveRequest | None) -> None:
            if request is None:
                return
            try:
                count = self.journal.write_export(request.path, request.date_from, request.date_to)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(f"Exported {count} reflection{'s' if count != 1 else ''} to {request.path}", markup=False)

        default = Path.home() / "my-reflections.md"
        self.app.push_screen(SaveDialog("Export my reflections to Markdown", default, with_dates=True,
                                        note="For appraisal or a portfolio. Keep the file somewhere private."),
                             chosen)


def open_reflection(app: App, reflection_id: UUID) -> None:
    """Open a reflection in its editor (from search results)."""
    parts = psw_app(app)
    try:
        editor = editor_for(reflection_id, Journal(parts.store, parts.time))
    except StoreError as error:
        app.notify(str(error), severity="error", markup=False)
        return
    if editor is None:
        app.notify("That reflection has been deleted.", severity="warning")
    else:
        app.push_screen(editor)

