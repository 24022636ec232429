"""Add or edit one person on a roster: display name and role only."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from psw_tui.models import MemberRole
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.forms import FormError
from psw_tui.services.groups import DATA_MINIMISATION_HINT, ROLE_LABELS, add_member, update_member
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors
from psw_tui.services import records


class MemberFormScreen(FormScreen[UUID | None]):
    """Add someone to ``group_id``'s roster, or edit ``member_id``; dismisses with their id."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="member_form.save"),
        Binding("escape", "cancel", "Cancel", id="member_form.cancel"),
    ]

    def __init__(self, group_id: UUID, member_id: UUID | None = None) -> None:
        super().__init__(classes="planning-dialog")
        self.group_id = group_id
        self.member_id = member_id

    def compose(self) -> ComposeResult:
        member = records.member(self.psw.store, self.member_id) if self.member_id else None
        with VerticalScroll(classes="planning-box form-box", id="member-form"):
            yield Static("Edit member" if member else "Add to roster", classes="title")
            yield FormField("Display name", Input(member.display_name if member else "", id="display_name"),
                            hint=DATA_MINIMISATION_HINT, id="field-display_name")
            yield FormField("Role", Select([(label, role) for role, label in ROLE_LABELS.items()],
                            value=member.role if member else MemberRole.MEMBER, allow_blank=False,
                            id="role"), id="field-role")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#display_name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and save; a problem is shown under the name and nothing is saved."""
        store = self.psw.store
        name = self.query_one("#display_name", Input).value
        role = self.query_one("#role", Select).value
        try:
            if self.member_id is None:
                member = add_member(store, self.group_id, name, role)  # type: ignore[arg-type]
            else:
                member = update_member(store, self.member_id, name, role)  # type: ignore[arg-type]
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.dismiss(member.id)
