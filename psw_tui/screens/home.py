"""The home screen: every group with its last and next session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.models import GroupKind, SessionHeader
from psw_tui.services.overview import GroupOverview, group_overviews

KIND_LABELS = {
    GroupKind.PEER_SUPPORT: "Peer support",
    GroupKind.SUPERVISION: "Supervision",
    GroupKind.REFLECTIVE_PRACTICE: "Reflective practice",
}

EMPTY_TEXT = (
    "No groups yet.\n\n"
    "Groups, rosters and planning arrive in the next release. Meanwhile:\n"
    "  • try psw-tui --demo to explore realistic demo data, or\n"
    "  • psw-tui import FILE to bring in a psw-tui bundle."
)


def describe(header: SessionHeader | None) -> str:
    """A session as 'Tue 3 Nov 2026 18:30', or an em dash."""
    if header is None:
        return "—"
    text = f"{header.date:%a} {header.date.day} {header.date:%b %Y}"
    if header.start_time is not None:
        text += f" {header.start_time:%H:%M}"
    return text


class HomeScreen(Screen[None]):
    """Groups at a glance."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("Your groups", id="home-title", classes="title")
            yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
            yield Static(EMPTY_TEXT, id="home-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_groups()

    def refresh_groups(self) -> None:
        """Reload the table from the store."""
        overviews = group_overviews(self.app.store, self.app.time.today())  # type: ignore[attr-defined]
        table = self.query_one("#groups", DataTable)
        table.clear(columns=True)
        table.add_columns("Group", "Kind", "Members", "Last session", "Next session")
        for overview in overviews:
            table.add_row(*self._cells(overview), key=str(overview.group.id))
        empty = not overviews
        table.display = not empty
        self.query_one("#home-empty").display = empty
        if not empty:
            table.focus()

    @staticmethod
    def _cells(overview: GroupOverview) -> tuple[str, ...]:
        next_text = describe(overview.next)
        if overview.running is not None:
            next_text = f"running since {describe(overview.running)}"
        return (
            overview.group.name,
            KIND_LABELS[overview.group.kind],
            str(overview.members),
            describe(overview.last),
            next_text,
        )
