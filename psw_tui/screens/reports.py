"""Reports on screen: a short summary, a chart with axes and values, and a table; every
report exports as CSV.

One screen serves every report; :data:`REPORTS` says which parameters each one takes.
Reports run in a worker so a long look across years never freezes the screen. ``t`` swaps a
chart for its values as a table (screen readers, 16 colours) and back; ``x`` exports.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static
from textual.worker import Worker, WorkerState

from psw_tui.models import GroupKind
from psw_tui.screens.base import PswScreen
from psw_tui.screens.lookback_dialogs import SaveDialog, SaveRequest, show_error
from psw_tui.screens.report_kinds import REPORTS
from psw_tui.services import arrive_leave, five_ways, reports
from psw_tui.services import report_tables as tables
from psw_tui.services.day_input import parse_range
from psw_tui.failures import StoreError
from psw_tui.widgets.chart import ChartPlot, legend
from psw_tui.services import records

if TYPE_CHECKING:
    from psw_tui.storage import RecordStore


def run_report(kind: str, store: RecordStore, today: date, values: dict[str, Any], group_name: str) -> tables.ReportTable:
    """Compute one report as a table (called in a worker thread)."""
    group, start, end = values.get("group"), values.get("from"), values.get("to")
    if kind == "arrive_leave":
        found = records.group(store, group) if group else None
        if found is None:  # removed while the screen was open
            return arrive_leave.arrive_leave_table([], group_name, [])
        rows = arrive_leave.arrive_leave(store, found.id, start, end)
        return arrive_leave.arrive_leave_table(rows, group_name, list(found.scale_words))
    if kind == "five_ways":
        return five_ways.five_ways_table(five_ways.five_ways_balance(store, group, start, end), group_name)
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


CHARTED = frozenset({"attendance", "arrive_leave", "five_ways", "themes", "proctor"})
CHROME_ROWS = 12  # header, title, parameters, summary, chart label and footer


class ReportScreen(PswScreen, Screen[None]):
    """One report with its parameters; t swaps the chart and its table, x exports CSV."""

    BINDINGS = [
        Binding("t", "toggle_view", "Chart/table", id="report.toggle"),
        Binding("x", "export", "Export CSV", id="report.export"),
        Binding("escape", "app.pop_screen", "Back", id="report.back"),
    ]

    def __init__(self, kind: str, *, table_view: bool = False) -> None:
        super().__init__()
        self.kind = kind
        self.spec = REPORTS[kind]
        self.table: tables.ReportTable | None = None
        self.table_view = table_view

    def _groups(self) -> list[tuple[Text, UUID]]:
        try:
            groups = records.groups_by_name(self.psw.store)
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
            if self.kind in CHARTED:
                yield Static("", id="report-chart-label", classes="hint", markup=False)
                yield ChartPlot(id="report-chart")
                yield DataTable(id="report-chart-values", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self._apply_view()
        self.recompute()

    def on_resize(self, event: events.Resize) -> None:
        """Give the chart the rows left under the parameters and summary (12 at 24 rows)."""
        if self.kind in CHARTED:
            self.query_one("#report-chart").styles.height = min(max(event.size.height - CHROME_ROWS, 8), 24)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the chart/table key only on reports that have a chart."""
        return self.kind in CHARTED if action == "toggle_view" else True

    def action_toggle_view(self) -> None:
        """Swap the chart for its values as a table, and back."""
        self.table_view = not self.table_view
        self._apply_view()

    def _apply_view(self) -> None:
        if self.kind not in CHARTED:
            return
        chart = self.table.chart if self.table else None
        drawn = chart is not None and chart.has_values
        self.query_one("#report-chart", ChartPlot).display = drawn and not self.table_view
        self.query_one("#report-chart-values", DataTable).display = drawn and self.table_view
        if not drawn:
            label = "Nothing to chart yet."
        elif self.table_view:
            label = f"{chart.title}, as a table · t: chart"
        else:
            label = " · ".join(part for part in (chart.title, legend(chart), "t: table") if part)
        self.query_one("#report-chart-label", Static).update(label if self.table else "")

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
        self._run(self.psw.store, self.psw.time.today(), values, group_name)

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
        _fill(self.query_one("#report-table", DataTable), table.columns, table.rows)
        if self.kind in CHARTED:
            chart = table.chart
            self.query_one("#report-chart", ChartPlot).show(chart)
            _fill(self.query_one("#report-chart-values", DataTable), chart.columns() if chart else (),
                  chart.table() if chart else [])
            self._apply_view()

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

        today = self.psw.time.today()
        default = Path.home() / f"{self.spec.slug}-{today.isoformat()}.csv"
        self.app.push_screen(SaveDialog(f"Export {self.spec.name} as CSV", default,
                                        note="It may hold names: keep the file somewhere private."), chosen)


def _fill(grid: DataTable, columns: tuple[str, ...], rows: list[tuple[tables.Cell, ...]]) -> None:
    """Show ``rows`` under ``columns`` in ``grid``, every cell as plain text."""
    if [column.label.plain for column in grid.ordered_columns] != list(columns):
        grid.clear(columns=True)
        grid.add_columns(*(Text(column) for column in columns))
    else:
        grid.clear()  # re-adding the same columns twice in one frame left them header-wide
    grid.add_rows([tuple(Text(str(cell)) for cell in row) for row in rows])

