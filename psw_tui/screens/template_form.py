"""Name a new template (and who it is for) before editing its agenda."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from psw_tui.models import GroupKind
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.forms import FormError
from psw_tui.services.groups import KIND_LABELS
from psw_tui.services.templates import new_template
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors


class NewTemplateScreen(FormScreen[UUID | None]):
    """Dismisses with the new (empty) template's id once saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="template_form.save"),
        Binding("escape", "cancel", "Cancel", id="template_form.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="planning-dialog")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="planning-box form-box", id="template-form"):
            yield Static("New template", classes="title")
            yield FormField("Name", Input(id="name", placeholder="e.g. Evening peer support"), id="field-name")
            yield FormField("For groups of kind", Select([(label, k) for k, label in KIND_LABELS.items()],
                            value=GroupKind.PEER_SUPPORT, allow_blank=False, id="group_kind"),
                            id="field-group_kind")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Button("Create", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s create · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and save the empty template."""
        try:
            template = new_template(
                self.psw.store,
                self.query_one("#name", Input).value,
                self.query_one("#group_kind", Select).value,  # type: ignore[arg-type]
            )
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.dismiss(template.id)
