"""The group form: name, kind, slot length, default template, agreement, check-in questions."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static, TextArea

from psw_tui.models import GroupKind
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.forms import FormError
from psw_tui.services.groups import DEFAULT_AGREEMENT, KIND_LABELS, GroupInput, create_group, update_group
from psw_tui.services.templates import library
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors
from psw_tui.services import records


class GroupFormScreen(FormScreen[UUID | None]):
    """Create a group (``group_id=None``) or edit one; dismisses with the group's id when saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="group_form.save"),
        Binding("escape", "cancel", "Cancel", id="group_form.cancel"),
    ]

    def __init__(self, group_id: UUID | None = None) -> None:
        super().__init__(classes="planning-dialog")
        self.group_id = group_id

    def compose(self) -> ComposeResult:
        store = self.psw.store
        group = records.group(store, self.group_id) if self.group_id else None
        kind = group.kind if group else GroupKind.PEER_SUPPORT
        template_id = group.default_template_id if group else default_template_for(kind).id
        templates = [(Text(t.name), t.id) for t in library(store)]
        with VerticalScroll(classes="planning-box planning-form form-box", id="group-form"):
            yield Static("Edit group" if group else "New group", classes="title")
            yield FormField("Name", Input(group.name if group else "", id="name",
                            placeholder="e.g. Tuesday Hearing Voices Group"), id="field-name")
            yield FormField("Kind", Select([(label, k) for k, label in KIND_LABELS.items()],
                            value=kind, allow_blank=False, id="kind"), id="field-kind")
            yield FormField("Slot length (minutes)", Input(str(group.slot_minutes if group else 90),
                            id="slot_minutes"), id="field-slot_minutes")
            yield FormField("Default template", Select(templates, value=template_id or Select.NULL,
                            prompt="(none)", id="default_template_id"), id="field-default_template_id")
            yield FormField("Group agreement", TextArea(group.agreement if group else DEFAULT_AGREEMENT,
                            id="agreement"), hint="Read out at the start of every session, including "
                            "the limits of confidentiality.", id="field-agreement")
            yield FormField("Check-in questions", TextArea("\n".join(group.question_bank) if group else "",
                            id="question_bank"), hint="One per line. Planning suggests one not used "
                            "in the last few sessions.", id="field-question_bank")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def form(self) -> GroupInput:
        """What the form holds now."""
        template = self.query_one("#default_template_id", Select).value
        return GroupInput(
            name=self.query_one("#name", Input).value,
            kind=self.query_one("#kind", Select).value,  # type: ignore[arg-type]
            slot_minutes=self.query_one("#slot_minutes", Input).value,
            default_template_id=template if isinstance(template, UUID) else None,
            agreement=self.query_one("#agreement", TextArea).text,
            question_bank=self.query_one("#question_bank", TextArea).text,
        )

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and save; each problem is shown under its field and nothing is saved."""
        store = self.psw.store
        try:
            if self.group_id is None:
                group = create_group(store, self.form(), self.psw.time.today())
            else:
                group = update_group(store, self.group_id, self.form())
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify(f"Saved {group.name}.", markup=False)
        self.dismiss(group.id)
