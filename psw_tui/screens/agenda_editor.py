"""The agenda editor: segments of a template, or of one planned session, edited from the keys.

Changes are kept on screen until ctrl+s saves them all in one write; the total against the
slot length is always visible and turns into a warning when the agenda does not fit.
"""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from psw_tui.models import Segment
from psw_tui.services import templates as agenda
from psw_tui.services.forms import FormError
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors
from psw_tui.screens.base import PswScreen
from psw_tui.services import records


class AgendaEditorScreen(PswScreen, Screen[bool]):
    """Edit ``template_id``'s segments, or ``session_id``'s own agenda (template untouched).

    Dismisses with True when saved, False when left without saving.
    """

    BINDINGS = [
        Binding("a", "add", "Add", id="agenda.add"),
        Binding("e", "edit", "Edit", id="agenda.edit"),
        Binding("x,delete", "remove", "Remove", id="agenda.remove"),
        Binding("alt+up,ctrl+up", "move(-1)", "Move up", id="agenda.move_up"),
        Binding("alt+down,ctrl+down", "move(1)", "Move down", id="agenda.move_down"),
        Binding("plus,equals_sign", "minutes(1)", "+1 min", show=False, id="agenda.more"),
        Binding("minus", "minutes(-1)", "-1 min", show=False, id="agenda.less"),
        Binding("l", "lead", "Lead", id="agenda.lead"),
        Binding("ctrl+s", "save", "Save", id="agenda.save"),
        Binding("escape", "leave", "Back", id="agenda.back"),
    ]

    def __init__(self, template_id: UUID | None = None, session_id: UUID | None = None) -> None:
        if (template_id is None) == (session_id is None):
            raise ValueError("edit either a template or a session's agenda")
        super().__init__()
        self.template_id = template_id
        self.session_id = session_id
        self.segments: list[Segment] = []
        self.slot: int | None = None
        self.read_only = False
        self.dirty = False
        self._leaving = False
        self.saved = False
        self.leads: list[tuple[UUID, str]] = []  # a session's facilitators, for the lead key

    def compose(self) -> ComposeResult:
        store = self.psw.store
        yield Header()
        with Vertical(classes="planning-page", id="agenda-page"):
            if self.template_id is not None:
                template = agenda.template(store, self.template_id)
                self.segments, self.read_only = list(template.segments), template.builtin
                self.slot = agenda.slot_for_template(store, template.id)
                title = f"Template: {template.name}" + ("  (built-in, read-only)" if template.builtin else "")
                yield Static(title, id="agenda-title", classes="title", markup=False)
                if not template.builtin:
                    yield FormField("Template name", Input(template.name, id="name"), id="field-name")
            else:
                assert self.session_id is not None
                session = records.session(store, self.session_id)
                group = records.group(store, session.group_id)
                self.segments = list(session.agenda)
                self.slot = group.slot_minutes if group else None
                self.leads = records.segment_leads(store, session.group_id)
                when = f"{session.date:%a} {session.date.day} {session.date:%b %Y}"
                yield Static(f"Agenda: {session.title}, {when}", id="agenda-title", classes="title", markup=False)
            yield Static("", id="agenda-fit", markup=False)
            yield Static("", id="agenda-error", markup=False)
            yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
            hint = "+/- change minutes · alt+↑/↓ or ctrl+↑/↓ move"
            if self.session_id is not None:
                hint = "+/- minutes · alt+↑/↓ move · l lead"
            yield Static(hint + " · ctrl+s save all changes", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        table.add_columns("#", "Segment", "Kind", "Min", "Optional", "Prompts")
        if self.session_id is not None:
            table.add_column("Lead")  # leads belong to a session's own agenda
        self.refresh_table(0)
        table.focus()

    def refresh_table(self, cursor: int | None = None) -> None:
        """Redraw the segments and the total-versus-slot line."""
        table = self.query_one("#agenda-table", DataTable)
        row = table.cursor_row if cursor is None else cursor
        table.clear()
        for number, segment in enumerate(self.segments, start=1):
            table.add_row(str(number), Text(segment.title), agenda.SEGMENT_KIND_LABELS[segment.kind],
                          str(segment.minutes), "optional" if segment.optional else "",
                          str(len(segment.prompts)) if segment.prompts else "",
                          *([Text(dict(self.leads).get(segment.lead_id, "") if segment.lead_id else "")]
                            if self.session_id is not None else []))
        if self.segments:
            table.move_cursor(row=max(0, min(row, len(self.segments) - 1)))
        fit = agenda.fit(self.segments, self.slot)
        line = self.query_one("#agenda-fit", Static)
        line.update(fit.describe() + ("  · unsaved changes" if self.dirty else ""))
        line.set_class(not fit.fits, "-over")

    @property
    def cursor(self) -> int:
        """Index of the highlighted segment (0 when the agenda is empty)."""
        return self.query_one("#agenda-table", DataTable).cursor_row

    def _editable(self) -> bool:
        if self.read_only:
            self.notify("Built-in templates are read-only: duplicate it in the Template library (d).",
                        severity="warning")
        return not self.read_only

    def _changed(self, segments: list[Segment], cursor: int) -> None:
        self.segments, self.dirty, self._leaving = segments, True, False
        self.refresh_table(cursor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lead":
            return self.session_id is not None  # leads belong to a session's own agenda
        return True

    def action_lead(self) -> None:
        """Who leads the highlighted segment: each facilitator or co-facilitator in turn,
        then nobody."""
        if not self.segments or not self.leads:
            self.notify("This group has no facilitator or co-facilitator on its roster to lead.",
                        severity="warning")
            return
        index = self.cursor
        choices = [None, *(member_id for member_id, _ in self.leads)]
        current = self.segments[index].lead_id
        following = choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[1]
        changed = self.segments[index].model_copy(update={"lead_id": following})
        self._changed(agenda.replace(self.segments, index, changed), index)

    def action_add(self) -> None:
        from psw_tui.screens.segment_form import SegmentFormScreen

        if not self._editable():
            return
        at = self.cursor + 1 if self.segments else 0

        def added(segment: Segment | None) -> None:
            if segment is not None:
                self._changed(agenda.insert(self.segments, at, segment), at)

        self.app.push_screen(SegmentFormScreen(), added)

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        from psw_tui.screens.segment_form import SegmentFormScreen

        if not self.segments or not self._editable():
            return
        at = self.cursor

        def edited(segment: Segment | None) -> None:
            if segment is not None:
                self._changed(agenda.replace(self.segments, at, segment), at)

        self.app.push_screen(SegmentFormScreen(self.segments[at]), edited)

    def action_remove(self) -> None:
        if self.segments and self._editable():
            self._changed(agenda.remove(self.segments, self.cursor), self.cursor)

    def action_move(self, step: int) -> None:
        if self.segments and self._editable():
            moved, where = agenda.move(self.segments, self.cursor, step)
            if where != self.cursor:
                self._changed(moved, where)

    def action_minutes(self, delta: int) -> None:
        if self.segments and self._editable():
            self._changed(agenda.change_minutes(self.segments, self.cursor, delta), self.cursor)

    def action_save(self) -> None:
        """Save every change in one write; problems are shown and nothing is saved."""
        if not self._editable():
            return
        store = self.psw.store
        try:
            if self.template_id is not None:
                current = agenda.template(store, self.template_id)
                name = self.query_one("#name", Input).value
                agenda.save_template(store, self.template_id, name, current.group_kind, self.segments)
            else:
                assert self.session_id is not None
                agenda.save_session_agenda(store, self.session_id, self.segments)
        except FormError as error:
            show_errors(self, error.errors)
            self.query_one("#agenda-error", Static).update(error.errors.get("segments", ""))
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.query_one("#agenda-error", Static).update("")
        self.dirty, self.saved = False, True
        self.refresh_table()
        self.notify("Agenda saved.")

    def action_leave(self) -> None:
        """Go back; with unsaved changes, the first Escape warns and the second discards."""
        if self.dirty and not self._leaving:
            self._leaving = True
            self.notify("Unsaved changes: ctrl+s saves them, Escape again discards them.",
                        severity="warning")
            return
        self.dismiss(self.saved)
