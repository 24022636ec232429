"""The group list: every group, archived ones included, with keys to edit, archive and plan."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.services.forms import FormError
from psw_tui.services.groups import KIND_LABELS, list_groups, roster, set_archived
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records


class GroupListScreen(PswScreen, Screen[None]):
    """All groups. The highlighted one is ``selected_group_id`` for palette commands."""

    BINDINGS = [
        Binding("n", "new_group", "New group", id="groups.new"),
        Binding("e", "edit_group", "Edit", id="groups.edit"),
        Binding("r", "roster", "Roster", id="groups.roster"),
        Binding("a", "archive", "Archive/restore", id="groups.archive"),
        Binding("p", "plan", "Plan session", id="groups.plan"),
        Binding("escape", "app.pop_screen", "Back", id="groups.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="planning-page"):
            yield Static("Groups", classes="title")
            yield DataTable(id="group-table", cursor_type="row", zebra_stripes=True)
            yield Static("No groups yet: press n to create one.", id="groups-empty", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#group-table", DataTable).add_columns("Group", "Kind", "Slot", "Members", "Status")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Refill the table from the store, keeping the cursor on the same group."""
        store = self.psw.store
        keep = self.selected_group_id
        table = self.query_one("#group-table", DataTable)
        table.clear()  # not the columns: re-adding them twice in one frame left them header-wide
        for group in list_groups(store, include_archived=True):
            members = len(roster(store, group.id, include_inactive=False))
            status = "archived" if group.archived else "active"
            table.add_row(Text(group.name), KIND_LABELS[group.kind], f"{group.slot_minutes} min",
                          str(members), status, key=str(group.id))
        self.query_one("#groups-empty").display = table.row_count == 0
        if keep is not None and str(keep) in {k.value for k in table.rows}:
            table.move_cursor(row=table.get_row_index(str(keep)))
        table.focus()

    @property
    def selected_group_id(self) -> UUID | None:
        """The highlighted group."""
        table = self.query_one("#group-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return UUID(key) if key else None

    def action_new_group(self) -> None:
        from psw_tui.screens.group_form import GroupFormScreen

        self.app.push_screen(GroupFormScreen(), lambda _: self.reload())

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_edit_group()

    def action_edit_group(self) -> None:
        from psw_tui.screens.group_form import GroupFormScreen

        if self.selected_group_id:
            self.app.push_screen(GroupFormScreen(self.selected_group_id), lambda _: self.reload())

    def action_roster(self) -> None:
        from psw_tui.screens.roster import RosterScreen

        if self.selected_group_id:
            self.app.push_screen(RosterScreen(self.selected_group_id))

    def action_plan(self) -> None:
        from psw_tui.screens.planning import PlanSessionScreen

        if self.selected_group_id:
            self.app.push_screen(PlanSessionScreen(group_id=self.selected_group_id))

    def action_archive(self) -> None:
        group_id = self.selected_group_id
        if group_id is not None:
            toggle_archive(self.app, group_id, self.reload)


def toggle_archive(app, group_id: UUID, then=None) -> None:  # noqa: ANN001 - app, callback
    """Ask, then archive a group (or bring an archived one back); history is always kept."""
    from psw_tui.screens.confirm import ConfirmScreen

    group = records.group(app.store, group_id)
    if group is None:
        return
    archived = not group.archived
    question = (
        f"Archive {group.name}? It leaves the home screen; its sessions and roster are kept "
        "and it can be brought back." if archived else f"Bring {group.name} back from the archive?"
    )

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            set_archived(app.store, group_id, archived)
        except (FormError, StoreError) as error:
            message = "; ".join(error.errors.values()) if isinstance(error, FormError) else str(error)
            app.notify(message, title="Not changed", severity="error", markup=False)
            return
        app.notify(f"{group.name} {'archived' if archived else 'restored'}.", markup=False)
        if then is not None:
            then()

    app.push_screen(ConfirmScreen(question, "Archive" if archived else "Restore"), answered)
