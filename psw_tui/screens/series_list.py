"""Series: every repeating plan, and the sessions of the highlighted one, with keys to plan
more weeks, change one session, change this and later ones, or cancel one."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.models import SessionStatus
from psw_tui.screens.base import PswScreen
from psw_tui.services import series as svc
from psw_tui.failures import StoreError
from psw_tui.services import records

STATUS_WORDS = {
    SessionStatus.PLANNED: "planned", SessionStatus.RUNNING: "running",
    SessionStatus.ENDED: "held", SessionStatus.CANCELLED: "cancelled",
}


class SeriesListScreen(PswScreen, Screen[None]):
    """All series; below, the sessions of the highlighted one."""

    BINDINGS = [
        Binding("n", "new_series", "Plan series", id="series_list.new"),
        Binding("p", "plan_ahead", "Plan ahead", id="series_list.plan"),
        Binding("e", "edit_one", "This one", id="series_list.edit_one"),
        Binding("l", "this_and_later", "This and later", id="series_list.later"),
        Binding("c", "cancel_one", "Cancel one", id="series_list.cancel"),
        Binding("escape", "app.pop_screen", "Back", id="series_list.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="planning-page series-page"):
            yield Static("Series", classes="title")
            yield DataTable(id="series-table", cursor_type="row", zebra_stripes=True)
            yield Static("No series yet: press n to plan one.", id="series-empty", classes="hint")
            yield Static("", id="series-rule", classes="hint", markup=False)
            yield DataTable(id="series-sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#series-table", DataTable).add_columns("Series", "Repeats", "Next")
        self.query_one("#series-sessions", DataTable).add_columns("Date", "Time", "Status", "Title")
        self.reload()
        self.query_one("#series-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Refill both tables, keeping the highlighted series."""
        store = self.psw.store
        keep = self.selected_series_id
        table = self.query_one("#series-table", DataTable)
        table.clear()
        today = self.psw.time.today()
        groups = records.group_names(store)
        for series in svc.series_of_group(store):
            coming = [d for d in svc.occurrences(series) if d >= today]
            rule = svc.describe(series).split(",")[0]
            nxt = f"{coming[0]:%a} {coming[0].day} {coming[0]:%b}" if coming else "ended"
            group = groups.get(series.group_id, "a group no longer there")
            name = series.title if series.title == group else f"{series.title} ({group})"
            table.add_row(Text(name[:40]), rule, nxt, key=str(series.id))
        self.query_one("#series-empty").display = table.row_count == 0
        if keep is not None and str(keep) in {k.value for k in table.rows}:
            table.move_cursor(row=table.get_row_index(str(keep)))
        self._fill_sessions()

    @property
    def selected_series_id(self) -> UUID | None:
        """The highlighted series."""
        return _key(self.query_one("#series-table", DataTable))

    @property
    def selected_session_id(self) -> UUID | None:
        """The highlighted session of the series (what palette commands act on)."""
        return _key(self.query_one("#series-sessions", DataTable))

    @property
    def selected_group_id(self) -> UUID | None:
        """The highlighted series' group."""
        series = records.series(self.psw.store, self.selected_series_id) if self.selected_series_id else None
        return series.group_id if series else None

    @on(DataTable.RowHighlighted, "#series-table")
    def _fill_sessions(self) -> None:
        sessions = self.query_one("#series-sessions", DataTable)
        sessions.clear()
        rule = self.query_one("#series-rule", Static)
        series_id = self.selected_series_id
        if series_id is None:
            rule.update("")
            return
        series = records.series(self.psw.store, series_id)
        rule.update(svc.describe(series) if series else "")
        for header in svc.series_sessions(self.psw.store, series_id):
            time = header.start_time.strftime("%H:%M") if header.start_time else ""
            moved = " (moved)" if header.series_date and header.date != header.series_date else ""
            sessions.add_row(f"{header.date:%a} {header.date.day} {header.date:%b %Y}", time,
                             STATUS_WORDS[header.status] + moved, Text(header.title), key=str(header.id))

    def _session_or_hint(self, what: str) -> UUID | None:
        session_id = self.selected_session_id
        if session_id is None:
            self.notify(f"Highlight a session of the series below to {what}.", severity="warning")
        return session_id

    def action_new_series(self) -> None:
        """Open the series form."""
        from psw_tui.screens.series_form import SeriesFormScreen

        self.app.push_screen(SeriesFormScreen(self.selected_group_id), lambda _: self.reload())

    def action_plan_ahead(self) -> None:
        """Plan the highlighted series' missing sessions of the next weeks."""
        series_id = self.selected_series_id
        if series_id is None:
            self.notify("No series to plan: press n to plan one.", severity="warning")
            return
        try:
            result = svc.plan_series(self.psw.store, series_id, self.psw.time.today())
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify(result.sentence(), markup=False)
        self.reload()

    def action_edit_one(self) -> None:
        """Change only the highlighted session (date, time, title, question)."""
        from psw_tui.screens.planning import PlanSessionScreen

        session_id = self._session_or_hint("change it")
        if session_id is not None and self._planned(session_id):
            self.app.push_screen(PlanSessionScreen(session_id=session_id), lambda _: self.reload())

    def action_this_and_later(self) -> None:
        """Change the series from the highlighted session's date on."""
        from psw_tui.screens.series_form import SeriesFormScreen

        session_id = self._session_or_hint("change the series from its date")
        header = records.header(self.psw.store, session_id) if session_id else None
        if header is None or header.series_id is None:
            return
        day = header.series_date or header.date
        self.app.push_screen(SeriesFormScreen(series_id=header.series_id, from_day=day),
                             lambda _: self.reload())

    def action_cancel_one(self) -> None:
        """Cancel the highlighted session (kept, with the reason)."""
        from psw_tui.screens.cancel_session import CancelSessionScreen

        session_id = self._session_or_hint("cancel it")
        if session_id is not None and self._planned(session_id):
            self.app.push_screen(CancelSessionScreen(session_id), lambda _: self.reload())

    def _planned(self, session_id: UUID) -> bool:
        header = records.header(self.psw.store, session_id)
        if header is None or header.status is not SessionStatus.PLANNED:
            word = STATUS_WORDS[header.status] if header else "gone"
            self.notify(f"That session is {word}: only planned sessions can be changed.", severity="warning")
            return False
        return True


def _key(table: DataTable) -> UUID | None:
    if table.row_count == 0:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return UUID(key) if key else None
