"""Reports on screen: a short summary, a small chart and a table, exportable as CSV.

One screen serves every report; :data:`REPORTS` says which parameters each one takes.
Reports run in a worker so a long look across years never freezes the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Sparkline, Static
from textual.worker import Worker, WorkerState

from psw_tui.commands import palette_command
from psw_tui.models import GroupKind
from psw_tui.screens.lookback_dialogs import SaveDialog, SaveRequest, show_error
from psw_tui.services import report_tables as tables
from psw_tui.services import reports
from psw_tui.services.day_input import parse_range
from psw_tui.storage import RecordStore, StoreError

BAR_WIDTH = 40


@dataclass(frozen=True)
class ReportKind:
    """One report: its name and the parameters its screen asks for."""

    name: str
    slug: str
    params: tuple[str, ...]  # of "group", "any_group", "dates", "sessions", "weeks"
    supervision_only: bool = False


REPORTS = {
    "attendance": ReportKind("Attendance report", "attendance", ("group", "dates")),
    "not_seen": ReportKind("Members not seen", "members-not-seen", ("group", "sessions")),
    "compliance": ReportKind("Supervision compliance", "supervision-compliance", ("weeks",)),
    "proctor": ReportKind("Proctor balance", "proctor-balance", ("any_group", "dates"), supervision_only=True),
    "themes": ReportKind("Frequent themes", "frequent-themes", ("any_group", "dates")),
    "actions": ReportKind("Open actions", "open-actions", ("any_group",)),
}


def run_report(kind: str, store: RecordStore, today: date, values: dict[str, Any], group_name: str) -> tables.ReportTable:
    """Compute one report as a table (called in a worker thread)."""
    group, start, end = values.get("group"), values.get("from"), values.get("to")
    if kind == "attendance":
        return tables.attendance_table(reports.attendance(store, group, start, end or today), group_name)
    if kind == "not_seen":
        rows = reports.members_not_seen(store, group, values["sessions"], today)
        return tables.not_seen_table(rows, group_name, values["sessions"])
    if kind == "compliance":
        return tables.compliance_table(reports.supervision_compliance(store, today, values["weeks"]), values["weeks"])
    if kind == "proctor":
        return tables.proctor_table(reports.proctor_balance(store, group, start, end))
    if kind == "themes":
        return tables.themes_table(reports.frequent_themes(store, start, end, group))
    return tables.open_actions_table(reports.open_actions(store, group))


def bar_rows(values: list[tuple[str, float]]) -> str:
    """Values as labelled horizontal bars scaled to the largest."""
    if not values:
        return ""
    top = max(value for _, value in values) or 1
    width = max(len(label) for label, _ in values)
    return "\n".join(f"{label.rjust(width)} {'█' * max(round(value / top * BAR_WIDTH), 1 if value else 0)} {value:g}"
                     for label, value in values)


class ReportScreen(Screen[None]):
    """One report with its parameters; x exports it as CSV."""

    BINDINGS = [
        Binding("x", "export", "Export CSV", id="report.export"),
        Binding("escape", "app.pop_screen", "Back", id="report.back"),
    ]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.spec = REPORTS[kind]
        self.table: tables.ReportTable | None = None

    def _groups(self) -> list[tuple[Text, UUID]]:
        try:
            groups = sorted(self.app.store.groups.all(), key=lambda g: g.name.casefold())  # type: ignore[attr-defined]
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            groups = []
        if self.spec.supervision_only:
            groups = [g for g in groups if g.kind is GroupKind.SUPERVISION]
        self.group_names = {g.id: g.name for g in groups}
        return [(Text(g.name), g.id) for g in groups]

    def compose(self) -> ComposeResult:
        params = self.spec.params
        groups = self._groups()
        yield Header()
        with VerticalScroll(id="report"):
            yield Static(self.spec.name, classes="title", id="report-title")
            with Horizontal(id="report-params"):
                if "group" in params or "any_group" in params:
                    prompt = "All supervision groups" if self.spec.supervision_only else "All groups"
                    pick_one = "group" in params and bool(groups)
                    yield Select(groups, prompt=prompt, allow_blank=not pick_one, id="report-group",
                                 value=groups[0][1] if pick_one else Select.NULL)
                if "dates" in params:
                    yield Input(placeholder="from YYYY-MM-DD", id="report-from", classes="report-date")
                    yield Input(placeholder="to YYYY-MM-DD", id="report-to", classes="report-date")
                if "sessions" in params:
                    yield Static("Not seen for", classes="report-label")
                    yield Input("3", id="report-sessions", type="integer", classes="report-number")
                    yield Static("sessions", classes="report-label")
                if "weeks" in params:
                    yield Static("Overdue after", classes="report-label")
                    yield Input(str(reports.DEFAULT_OVERDUE_WEEKS), id="report-weeks", type="integer",
                                classes="report-number")
                    yield Static("weeks without supervision", classes="report-label")
            yield Static("", id="report-error", classes="lookback-error", markup=False)
            yield Static("", id="report-summary", markup=False)
            yield Static("", id="report-chart-label", classes="hint", markup=False)
            yield Sparkline([], id="report-spark")
            yield Static("", id="report-bars", markup=False)
            yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-spark").display = False
        self.recompute()

    def _values(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        error = self.query_one("#report-error", Static)
        for select in self.query("#report-group").results(Select):
            values["group"] = None if select.value is Select.NULL else select.value
        if "group" in self.spec.params and values.get("group") is None:
            show_error(error, "Choose a group (there are none yet).")
            return None
        if "dates" in self.spec.params:
            try:
                values["from"], values["to"] = parse_range(self.query_one("#report-from", Input).value,
                                                           self.query_one("#report-to", Input).value)
            except ValueError as problem:
                field, message = str(problem).split(": ", 1)
                show_error(error, f"Dates {field}: {message}")
                return None
        for name, low in (("sessions", 1), ("weeks", 1)):
            for box in self.query(f"#report-{name}").results(Input):
                try:
                    values[name] = int(box.value)
                    if values[name] < low or values[name] > 520:
                        raise ValueError
                except ValueError:
                    show_error(error, f"{name.capitalize()}: give a whole number from {low} to 520.")
                    return None
        show_error(error, "")
        return values

    @on(Input.Changed)
    @on(Select.Changed)
    def recompute(self) -> None:
        """Run the report again with the parameters on screen."""
        values = self._values()
        if values is None:
            return
        group_name = self.group_names.get(values.get("group"), "All groups")  # type: ignore[arg-type]
        self.query_one("#report-summary", Static).update("Working…")
        self._run(self.app.store, self.app.time.today(), values, group_name)  # type: ignore[attr-defined]

    @work(thread=True, exclusive=True, group="report")
    def _run(self, store: RecordStore, today: date, values: dict[str, Any], group_name: str) -> tables.ReportTable:
        return run_report(self.kind, store, today, values, group_name)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.SUCCESS:
            self._show(event.worker.result)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, StoreError) else "The report could not be made."
            self.query_one("#report-summary", Static).update(message)
            self.notify(message, severity="error", markup=False)

    def _show(self, table: tables.ReportTable) -> None:
        self.table = table
        self.query_one("#report-summary", Static).update(table.summary)
        self.query_one("#report-chart-label", Static).update(table.chart_label)
        spark = self.query_one("#report-spark", Sparkline)
        bars = self.query_one("#report-bars", Static)
        use_spark = self.kind == "attendance" and len(table.chart) > 1
        spark.display = use_spark
        spark.data = [value for _, value in table.chart] if use_spark else []
        bars.update("" if use_spark else bar_rows(table.chart))
        bars.display = bool(table.chart) and not use_spark
        grid = self.query_one("#report-table", DataTable)
        if [column.label.plain for column in grid.ordered_columns] != list(table.columns):
            grid.clear(columns=True)
            grid.add_columns(*(Text(column) for column in table.columns))
        else:
            grid.clear()  # re-adding the same columns twice in one frame left them header-wide
        grid.add_rows([tuple(Text(str(cell)) for cell in row) for row in table.rows])

    def action_export(self) -> None:
        """Save the report on screen as a CSV file."""
        if self.table is None:
            return
        report = self.table

        def chosen(request: SaveRequest | None) -> None:
            if request is None:
                return
            try:
                tables.save_csv(request.path, report)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(f"Saved {report.title} to {request.path}", markup=False)

        today = self.app.time.today()  # type: ignore[attr-defined]
        default = Path.home() / f"{self.spec.slug}-{today.isoformat()}.csv"
        self.app.push_screen(SaveDialog(f"Export {self.spec.name} as CSV", default,
                                        note="It may hold names: keep the file somewhere private."), chosen)


def _opener(kind: str):  # noqa: ANN202 - a palette action
    def open_report(app: App) -> None:
        app.push_screen(ReportScreen(kind))

    open_report.__doc__ = f"Open the {REPORTS[kind].name} report."
    return open_report


_HELP = {
    "attendance": "Head count, attendance rate, apologies and did-not-attend per session of a group",
    "not_seen": "Members of a group not seen for N sessions",
    "compliance": "Each supervisee's last supervision, most overdue first",
    "proctor": "Supervision time split between normative, formative and restorative",
    "themes": "Most frequent words and tags of theme notes over a period",
    "actions": "Open actions across groups, oldest first",
}
for _kind, _spec in REPORTS.items():
    palette_command(_spec.name, _HELP[_kind])(_opener(_kind))
