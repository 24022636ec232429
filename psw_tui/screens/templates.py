"""The template library: built-in and own templates; duplicate, create, edit, delete."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.services import templates as svc
from psw_tui.services.forms import FormError
from psw_tui.services.groups import KIND_LABELS
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records


class TemplateLibraryScreen(PswScreen, Screen[None]):
    """Every template, built-ins first."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="templates.edit"),
        Binding("d", "duplicate", "Duplicate", id="templates.duplicate"),
        Binding("n", "new", "New template", id="templates.new"),
        Binding("x,delete", "delete", "Delete", id="templates.delete"),
        Binding("escape", "app.pop_screen", "Back", id="templates.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="planning-page"):
            yield Static("Template library", classes="title")
            yield DataTable(id="template-table", cursor_type="row", zebra_stripes=True)
            yield Static("Built-in templates are read-only: duplicate one (d) to make it your own.",
                         classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#template-table", DataTable).add_columns("Template", "For", "Segments", "Total", "Source")
        self.reload()

    def reload(self, focus: UUID | None = None) -> None:
        """Refill the table, keeping (or moving) the cursor."""
        keep = focus or self.selected_template_id
        table = self.query_one("#template-table", DataTable)
        table.clear()  # not the columns: re-adding them twice in one frame left them header-wide
        for template in svc.library(self.psw.store):
            table.add_row(Text(template.name), KIND_LABELS[template.group_kind], str(len(template.segments)),
                          f"{template.total_minutes} min", "built-in" if template.builtin else "yours",
                          key=str(template.id))
        if keep is not None and str(keep) in {k.value for k in table.rows}:
            table.move_cursor(row=table.get_row_index(str(keep)))
        table.focus()

    @property
    def selected_template_id(self) -> UUID | None:
        """The highlighted template."""
        table = self.query_one("#template-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return UUID(key) if key else None

    def open_editor(self, template_id: UUID) -> None:
        """Edit a template's agenda, refreshing the list afterwards."""
        from psw_tui.screens.agenda_editor import AgendaEditorScreen

        self.app.push_screen(AgendaEditorScreen(template_id=template_id), lambda _: self.reload(template_id))

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        template_id = self.selected_template_id
        if template_id is None:
            return
        if records.template(self.psw.store, template_id).builtin:
            self.notify("Built-in templates are read-only: press d to duplicate it and edit the copy.",
                        severity="warning")
            return
        self.open_editor(template_id)

    def action_duplicate(self) -> None:
        template_id = self.selected_template_id
        if template_id is None:
            return
        try:
            copy = svc.duplicate(self.psw.store, template_id)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify(f"Saved {copy.name}: now edit it.", markup=False)
        self.reload(copy.id)
        self.open_editor(copy.id)

    def action_new(self) -> None:
        from psw_tui.screens.template_form import NewTemplateScreen

        def created(template_id: UUID | None) -> None:
            if template_id is not None:
                self.reload(template_id)
                self.open_editor(template_id)

        self.app.push_screen(NewTemplateScreen(), created)

    def action_delete(self) -> None:
        from psw_tui.screens.confirm import ConfirmScreen

        template_id = self.selected_template_id
        template = records.template(self.psw.store, template_id) if template_id else None
        if template is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                svc.delete_template(self.psw.store, template.id)
            except FormError as error:
                self.notify(" ".join(error.errors.values()), title="Not deleted", severity="error", markup=False)
                return
            except StoreError as error:
                self.notify(str(error), title="Not deleted", severity="error", markup=False)
                return
            self.notify(f"Deleted {template.name}.", markup=False)
            self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete the template {template.name}? Sessions planned "
                                           "from it keep their own agenda.", "Delete"), answered)
