"""The supervision log (palette: "Supervision log"): each kind's rule and whether it is
overdue, every supervision had (group sessions included), and the actions agreed that are
still open."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.models import ActionStatus
from psw_tui.screens.lookback_dialogs import ConfirmDialog
from psw_tui.screens.supervision_form import SupervisionForm
from psw_tui.services.supervision import (
    KIND_LABELS,
    AgreedAction,
    KindStatus,
    LogEntry,
    delete_record,
    open_agreed_actions,
    overdue_line,
    set_action_status,
    supervision_log,
    supervision_status,
)
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen

EMPTY = ("No supervision yet. Press n to log one (line management, clinical, peer support, group "
         "or reflective practice). Sessions of your supervision groups count by themselves.")


def status_words(row: KindStatus) -> str:
    """'OVERDUE', 'ok', 'not tracked' or 'none yet'."""
    if row.every_weeks == 0:
        return "not tracked"
    if row.last is None:
        return "none yet"
    return "OVERDUE" if row.overdue else "ok"


class SupervisionLogScreen(PswScreen, Screen[None]):
    """Your own supervision: rules and status per kind, the log, open agreed actions."""

    BINDINGS = [
        Binding("n", "new", "Log supervision", id="supervision.new"),
        Binding("e", "edit", "Edit", id="supervision.edit"),
        Binding("d", "delete", "Delete", id="supervision.delete"),
        Binding("c", "done", "Action done", id="supervision.done"),
        Binding("escape", "app.pop_screen", "Back", id="supervision.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[LogEntry] = []
        self.agreed: list[AgreedAction] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="supervision-log"):
            yield Static("Your supervision", classes="title")
            yield Static("", id="supervision-overdue", classes="hint", markup=False)
            yield DataTable(id="supervision-status", cursor_type="none", zebra_stripes=True)
            yield DataTable(id="supervision-list", cursor_type="row", zebra_stripes=True)
            yield Static(EMPTY, id="supervision-empty")
            yield Static("Open agreed actions (c marks the highlighted one done)", id="supervision-actions-title",
                         classes="hint")
            yield DataTable(id="supervision-actions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#supervision-status", DataTable).add_columns("Kind", "Every", "Last", "Status")
        self.query_one("#supervision-list", DataTable).add_columns("Date", "Kind", "Minutes", "Actions", "With")
        self.query_one("#supervision-actions", DataTable).add_columns("Agreed", "Kind", "Action")
        self.refresh_all()
        self.query_one("#supervision-list", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_all()

    def refresh_all(self) -> None:
        """Reload everything from the store."""
        app: Any = self.app
        today = app.time.today()
        try:
            statuses = supervision_status(app.store, today, app.settings.supervision_every_weeks)
            self.entries = supervision_log(app.store, today)
            self.agreed = open_agreed_actions(app.store)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            statuses, self.entries, self.agreed = [], [], []
        overdue = [row for row in statuses if row.overdue]
        self.query_one("#supervision-overdue", Static).update(
            overdue_line(overdue) or "Nothing overdue (weeks per kind: supervision_every_weeks in settings.toml).")
        status = self.query_one("#supervision-status", DataTable)
        status.clear()
        for row in statuses:
            every = f"{row.every_weeks} weeks" if row.every_weeks else "—"
            last = f"{row.last:%d %b %Y} ({row.weeks_since} wk ago)" if row.last else "—"
            status.add_row(KIND_LABELS[row.kind], every, last, status_words(row))
        log = self.query_one("#supervision-list", DataTable)
        log.clear()
        for index, entry in enumerate(self.entries):
            minutes = str(entry.minutes) if entry.minutes is not None else "(group)"
            actions = str(len(entry.record.actions)) if entry.record and entry.record.actions else ""
            log.add_row(f"{entry.date:%d %b %Y}", KIND_LABELS[entry.kind], minutes, actions,
                        Text(entry.who or "—"), key=str(index))
        self.query_one("#supervision-empty").display = not self.entries
        log.display = bool(self.entries)
        table = self.query_one("#supervision-actions", DataTable)
        table.clear()
        for agreed in self.agreed:
            table.add_row(f"{agreed.action.raised_on:%d %b %Y}", KIND_LABELS[agreed.record.kind],
                          Text(agreed.action.text), key=str(agreed.action.id))
        table.display = bool(self.agreed)
        self.query_one("#supervision-actions-title").display = bool(self.agreed)

    def _selected(self) -> LogEntry | None:
        table = self.query_one("#supervision-list", DataTable)
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def action_new(self) -> None:
        """Log a supervision."""
        self.app.push_screen(SupervisionForm())

    @on(DataTable.RowSelected, "#supervision-list")
    def action_edit(self) -> None:
        """Edit the highlighted supervision (a group session is edited from its group)."""
        chosen = self._selected()
        if chosen is None:
            return
        if chosen.record is None:
            self.notify("That is a session of your group: it counts by itself and is changed from the group.",
                        severity="warning")
            return
        self.app.push_screen(SupervisionForm(chosen.record))

    def action_delete(self) -> None:
        """Delete the highlighted supervision record, after asking."""
        chosen = self._selected()
        if chosen is None or chosen.record is None:
            return
        record = chosen.record

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete_record(self.psw.store, record.id)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify("Supervision record deleted.")
            self.refresh_all()

        self.app.push_screen(ConfirmDialog(
            f"Delete the {KIND_LABELS[record.kind].lower()} supervision of {record.date:%d %b %Y} and its "
            "agreed actions?"), answered)

    def action_done(self) -> None:
        """Mark the highlighted open agreed action done."""
        table = self.query_one("#supervision-actions", DataTable)
        if not self.agreed or table.cursor_row < 0:
            self.notify("No open agreed action to mark done.", severity="warning")
            return
        agreed = self.agreed[min(table.cursor_row, len(self.agreed) - 1)]
        app: Any = self.app
        try:
            set_action_status(app.store, agreed.record.id, agreed.action.id, ActionStatus.DONE, app.time.today())
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Done: {agreed.action.text}", markup=False)
        self.refresh_all()

