"""Past sessions per group, newest first; Enter opens one read-only."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from psw_tui.models import SessionStatus
from psw_tui.screens.session_record import SessionRecordScreen, open_summary
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records

STATUS_WORDS = {SessionStatus.ENDED: "ended", SessionStatus.CANCELLED: "cancelled",
                SessionStatus.RUNNING: "running", SessionStatus.PLANNED: "planned"}


class ArchiveScreen(PswScreen, Screen[None]):
    """Choose a group on the left; its past sessions are listed on the right."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="archive.back"),
        Binding("s", "summary", "Summary", id="archive.summary"),
        Binding("e", "export", "Export", id="archive.export"),
    ]

    def __init__(self, group_id: UUID | None = None) -> None:
        super().__init__()
        self._group_id = group_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Past sessions", classes="title")
        with Horizontal(id="archive"):
            yield OptionList(id="archive-groups", markup=False)
            yield DataTable(id="archive-sessions", cursor_type="row", zebra_stripes=True)
        yield Static("Enter opens a session read-only · s its summary · e export it", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#archive-sessions", DataTable).add_columns("Date", "Session", "Status")
        try:
            groups = records.groups_by_name(self.psw.store)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        picker = self.query_one("#archive-groups", OptionList)
        picker.add_options([Option(g.name, id=str(g.id)) for g in groups])
        if not groups:
            self.query_one("#archive-sessions", DataTable).display = False
            return
        ids = [g.id for g in groups]
        picker.highlighted = ids.index(self._group_id) if self._group_id in ids else 0
        self.query_one("#archive-sessions", DataTable).focus()

    @on(OptionList.OptionHighlighted, "#archive-groups")
    def _group_chosen(self, event: OptionList.OptionHighlighted) -> None:
        self._group_id = UUID(str(event.option.id))
        self._fill()

    def _fill(self) -> None:
        today = self.psw.time.today()
        table = self.query_one("#archive-sessions", DataTable)
        table.clear()  # not the columns: re-adding them twice in one frame left them header-wide
        headers = records.headers(self.psw.store, self._group_id)
        past = [h for h in headers if h.status in (SessionStatus.ENDED, SessionStatus.CANCELLED)
                or (h.date < today and h.status is not SessionStatus.PLANNED)]
        for header in reversed(past):
            table.add_row(f"{header.date:%a %d %b %Y}", Text(header.title), STATUS_WORDS[header.status],
                          key=str(header.id))

    def _selected(self) -> UUID | None:
        table = self.query_one("#archive-sessions", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return UUID(str(key))

    @on(DataTable.RowSelected, "#archive-sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(SessionRecordScreen(UUID(str(event.row_key.value))))

    def action_summary(self) -> None:
        """The summary of the highlighted session."""
        session_id = self._selected()
        if session_id is not None:
            open_summary(self, session_id)

    def action_export(self) -> None:
        """Export the highlighted session's summary."""
        session_id = self._selected()
        if session_id is not None:
            open_summary(self, session_id, export=True)

