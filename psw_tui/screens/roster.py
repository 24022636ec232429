"""A group's roster: add, rename, change role, deactivate, forget."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.services.groups import DATA_MINIMISATION_HINT, ROLE_LABELS, roster, set_active
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records


class RosterScreen(PswScreen, Screen[None]):
    """The people on one group's roster (display names and roles only)."""

    BINDINGS = [
        Binding("a", "add", "Add", id="roster.add"),
        Binding("e", "edit", "Rename/role", id="roster.edit"),
        Binding("d", "toggle_active", "Deactivate/return", id="roster.toggle_active"),
        Binding("f", "forget", "Forget", id="roster.forget"),
        Binding("escape", "app.pop_screen", "Back", id="roster.back"),
    ]

    def __init__(self, group_id: UUID) -> None:
        super().__init__()
        self.group_id = group_id

    @property
    def selected_group_id(self) -> UUID:
        """The group of this roster (palette commands act on it)."""
        return self.group_id

    def compose(self) -> ComposeResult:
        group = records.group(self.psw.store, self.group_id)
        yield Header()
        with Vertical(classes="planning-page"):
            yield Static(f"Roster: {group.name if group else '?'}", id="roster-title", classes="title",
                         markup=False)
            yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
            yield Static("Nobody on the roster yet: press a to add someone.", id="roster-empty", classes="hint")
            yield Static(DATA_MINIMISATION_HINT, classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#roster-table", DataTable).add_columns("Name", "Role", "Status")
        self.reload()

    def reload(self, focus: UUID | None = None) -> None:
        """Refill the table, keeping (or moving) the cursor."""
        keep = focus or self.selected_member_id
        table = self.query_one("#roster-table", DataTable)
        table.clear()  # not the columns: re-adding them twice in one frame left them header-wide
        for member in roster(self.psw.store, self.group_id):
            table.add_row(Text(member.display_name), ROLE_LABELS[member.role],
                          "active" if member.active else "inactive", key=str(member.id))
        self.query_one("#roster-empty").display = table.row_count == 0
        if keep is not None and str(keep) in {k.value for k in table.rows}:
            table.move_cursor(row=table.get_row_index(str(keep)))
        table.focus()

    @property
    def selected_member_id(self) -> UUID | None:
        """The highlighted person."""
        table = self.query_one("#roster-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return UUID(key) if key else None

    def action_add(self) -> None:
        from psw_tui.screens.member_form import MemberFormScreen

        self.app.push_screen(MemberFormScreen(self.group_id), lambda new: self.reload(new))

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        from psw_tui.screens.member_form import MemberFormScreen

        if self.selected_member_id:
            self.app.push_screen(MemberFormScreen(self.group_id, self.selected_member_id),
                                 lambda _: self.reload())

    def action_toggle_active(self) -> None:
        member_id = self.selected_member_id
        member = records.member(self.psw.store, member_id) if member_id else None
        if member is None:
            return
        try:
            set_active(self.psw.store, member.id, not member.active)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        word = "returned to the roster" if not member.active else "marked inactive (kept on past registers)"
        self.notify(f"{member.display_name} {word}.", markup=False)
        self.reload()

    def action_forget(self) -> None:
        from psw_tui.screens.forget_member import ForgetMemberScreen

        if self.selected_member_id:
            self.app.push_screen(ForgetMemberScreen(self.selected_member_id), lambda _: self.reload())
