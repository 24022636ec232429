"""The home dashboard: sessions coming up, every group at a glance, and quick start."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.at_rest import wait_until_at_rest
from psw_tui.models import SessionHeader, SessionStatus
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.services.groups import KIND_LABELS
from psw_tui.services.dashboard import NOT_SEEN_AFTER, dashboard_alerts, todays_session, upcoming_sessions
from psw_tui.services.overview import GroupOverview, group_overviews
from psw_tui.services.recovery import damaged_summary, opening_notice
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records

# The screens home leads to are imported inside the actions that open them, so the home
# screen appears without waiting for every other module to load.

EMPTY_TEXT = (
    "Welcome to psw-tui.\n\n"
    "No groups yet. To begin:\n"
    "  • press n (or ctrl+p, then \"New group\") to create your first group, or\n"
    "  • quit and run psw-tui --demo to explore realistic demo data first.\n\n"
    "Built-in agendas for peer support groups, group supervision and reflective "
    "practice are ready to use."
)


def describe(header: SessionHeader | None, today: date | None = None) -> str:
    """A session as 'Tue 3 Nov 18:30' (the year shown when not this year), or an em dash."""
    if header is None:
        return "—"
    text = f"{header.date:%a} {header.date.day} {header.date:%b}"
    if today is None or header.date.year != today.year:
        text += f" {header.date:%Y}"
    if header.start_time is not None:
        text += f" {header.start_time:%H:%M}"
    return text


class HomeScreen(PswScreen, Screen[None]):
    """Groups at a glance, with the sessions of the next two weeks on top."""

    BINDINGS = [
        Binding("s", "start_session", "Start session", id="home.start"),
        Binding("n", "new_group", "New group", show=False, id="home.new_group"),
        Binding("r", "roster", "Roster", show=False, id="home.roster"),
        Binding("p", "plan", "Plan session", show=False, id="home.plan"),
        Binding("t", "templates", "Templates", show=False, id="home.templates"),
        Binding("a", "archive", "Past sessions", show=False, id="home.archive"),
        Binding("slash", "search", "Search", id="home.search"),
        Binding("j", "journal", "Journal", show=False, id="home.journal"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static("", id="home-today", classes="title")
            yield Static("Counting open actions and absences…", id="home-alerts", classes="hint", markup=False)
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static("No sessions planned for the next two weeks.", id="sessions-empty", classes="hint")
            yield Static("Your groups", id="home-title", classes="title")
            yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
            yield Static(EMPTY_TEXT, id="home-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sessions", DataTable).add_columns("When", "Status", "Group", "Session")
        self.query_one("#groups", DataTable).add_columns(
            "Group", "Kind", "Members", "Last session", "Next session"
        )
        self.offer_resume()
        notice = opening_notice(self.psw.store)
        if notice:  # what opening the folder finished, undid or repaired: said once
            self.notify(notice, title="Data folder", timeout=12, markup=False)

    def on_screen_resume(self) -> None:
        """Shown (first time included): draw from the store, counts after the frame."""
        self.refresh_dashboard()
        self.query_one("#home", VerticalScroll).scroll_home(animate=False)

    # -- drawing ---------------------------------------------------------------------------

    def refresh_dashboard(self) -> None:
        """Reload both tables from the store."""
        app = self.psw
        today = app.time.today()
        self.query_one("#home-today", Static).update(
            f"Today · {today:%A} {today.day} {today:%B %Y}"
        )
        rows = upcoming_sessions(app.store, today)
        # Back from a screen or the palette, the same rows stay highlighted (a palette command
        # such as "Start session" acts on them after this reload).
        keep = {table.id: _cursor_key(table) for table in self.query(DataTable)}
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        for row in rows:
            status = "running now" if row.header.status is SessionStatus.RUNNING else "planned"
            when = "today" if row.header.date == today else describe(row.header, today)
            if row.header.date == today and row.header.start_time is not None:
                when = f"today {row.header.start_time:%H:%M}"
            title = row.header.title.removeprefix(row.group.name).lstrip(" :–-") or "—"
            sessions.add_row(when, status, Text(row.group.name), Text(title), key=str(row.header.id))
        overviews = group_overviews(app.store, today)
        groups = self.query_one("#groups", DataTable)
        groups.clear()
        for overview in overviews:
            groups.add_row(*self._cells(overview, today), key=str(overview.group.id))
        for table in (sessions, groups):
            _move_to(table, keep.get(table.id))
        empty = not overviews
        for widget in ("#home-today", "#sessions", "#home-title", "#groups"):
            self.query_one(widget).display = not empty
        self.query_one("#sessions").display = bool(rows)
        self.query_one("#sessions-empty").display = not rows and not empty
        self.query_one("#home-empty").display = empty
        if not empty and not isinstance(self.focused, DataTable):
            (sessions if rows else groups).focus()
        self.query_one("#home-alerts").display = not empty
        if not empty:
            self.call_after_refresh(self.load_alerts)

    @work(thread=True, exclusive=True, group="home-alerts")
    def load_alerts(self) -> None:
        """Count open actions, members not seen and supervision overdue (reads session files,
        so it runs after the first frame, off the event loop, once the keys are at rest)."""
        if not wait_until_at_rest():
            return
        try:
            alerts = dashboard_alerts(self.psw.store, self.psw.time.today(),
                                      supervision_every=self.psw.settings.supervision_every_weeks)
        except StoreError as error:
            text = f"Counts not available: {error}"
        else:
            text = alerts.words(NOT_SEEN_AFTER)
        damaged = damaged_summary(self.psw.store)
        if damaged:
            text = f"{text} · {damaged}"
        if not get_current_worker().is_cancelled:  # a newer count is on its way
            self.app.call_from_thread(self.query_one("#home-alerts", Static).update, text)

    @staticmethod
    def _cells(overview: GroupOverview, today: date) -> tuple[str | Text, ...]:
        next_text = describe(overview.next, today)
        if overview.running is not None:
            next_text = "running now"
        return (
            Text(overview.group.name),  # literal: user text is never read as markup
            KIND_LABELS[overview.group.kind].split(" (")[0],
            str(overview.members),
            describe(overview.last, today),
            next_text,
        )

    # -- starting --------------------------------------------------------------------------

    def offer_resume(self) -> None:
        """A session left running (a crash, a closed lid) is offered for resuming at once."""
        store = self.psw.store
        running = records.running(store)
        if not running:
            return
        header = running[-1]
        group = records.group(store, header.group_id)
        name = group.name if group else header.title

        def chosen(resume: bool | None) -> None:
            if resume:
                from psw_tui.screens.live_start import open_session  # noqa: PLC0415 - on first use
                open_session(self.app, header.group_id, header.id)

        self.app.push_screen(
            ConfirmScreen(
                f"“{name}” ({describe(header)}) is still running. Resume it now? "
                "The clock shows the real time since it started.",
                "Resume session",
                "Not now",
            ),
            chosen,
        )

    def _selected(self) -> tuple[UUID, UUID | None] | None:
        """(group id, session id or None) for the highlighted row."""
        table = self.focused if isinstance(self.focused, DataTable) else self.query_one("#groups", DataTable)
        if table.row_count == 0:
            return None
        key = UUID(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        store = self.psw.store
        if table.id == "sessions":
            header = records.header(store, key)
            return (header.group_id, header.id) if header else None
        today_header = todays_session(store, key, self.psw.time.today())
        return key, today_header.id if today_header else None

    def action_start_session(self) -> None:
        """Start (or resume) the highlighted session, or start one now for the highlighted group."""
        selected = self._selected()
        if selected is None:
            self.app.notify("Create a group first (n).", severity="warning")
            return
        from psw_tui.screens.live_start import open_session  # noqa: PLC0415 - on first use
        open_session(self.app, *selected)

    def _group_id(self) -> UUID | None:
        selected = self._selected()
        return selected[0] if selected else None

    def action_new_group(self) -> None:
        """Create a group."""
        from psw_tui.screens.group_form import GroupFormScreen  # noqa: PLC0415 - on first use
        self.app.push_screen(GroupFormScreen(), lambda _created: self.refresh_dashboard())

    def action_roster(self) -> None:
        """Edit the highlighted group's roster."""
        group_id = self._group_id()
        if group_id is None:
            self.app.notify("Create a group first (n).", severity="warning")
            return
        from psw_tui.screens.roster import RosterScreen  # noqa: PLC0415 - on first use
        self.app.push_screen(RosterScreen(group_id))

    def action_plan(self) -> None:
        """Plan a session for the highlighted group."""
        from psw_tui.screens.planning import PlanSessionScreen  # noqa: PLC0415 - on first use
        self.app.push_screen(PlanSessionScreen(group_id=self._group_id()), lambda _id: self.refresh_dashboard())

    def action_templates(self) -> None:
        """Open the template library."""
        from psw_tui.screens.templates import TemplateLibraryScreen  # noqa: PLC0415 - on first use
        self.app.push_screen(TemplateLibraryScreen())

    def action_archive(self) -> None:
        """Browse past sessions of the highlighted group."""
        from psw_tui.screens.archive import ArchiveScreen  # noqa: PLC0415 - on first use
        self.app.push_screen(ArchiveScreen(self._group_id()))

    def action_search(self) -> None:
        """Search notes, themes, actions, reflections and session titles."""
        from psw_tui.screens.search import SearchScreen  # noqa: PLC0415 - on first use
        self.app.push_screen(SearchScreen())

    def action_journal(self) -> None:
        """Open the reflective journal."""
        from psw_tui.screens.journal import JournalScreen  # noqa: PLC0415 - on first use
        self.app.push_screen(JournalScreen())

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_start_session()


def _cursor_key(table: DataTable) -> str | None:
    """The key of the highlighted row, if there is one."""
    if table.row_count == 0:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def _move_to(table: DataTable, key: str | None) -> None:
    """Highlight the row with ``key`` again after a reload, when it is still there."""
    if key is not None and key in table.rows:
        table.move_cursor(row=table.get_row_index(key), animate=False)

