"""Logging a one-to-one contact (date, kind, minutes, an optional label), and the private
debrief it opens when "debrief needed" is ticked. There is no field for what was said."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from psw_tui.models import Debrief
from psw_tui.models.worker import LABEL_MAX, Contact, ContactKind
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.contacts import KIND_LABELS, ContactInput, build_contact, save_contact, save_contact_debrief
from psw_tui.services.forms import FormError
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors

# The same questions as the debrief at the end of a session.
DEBRIEF_FIELDS = (
    ("how_was_it", "How was it for you?"),
    ("to_escalate", "Anything to escalate or follow up?"),
    ("self_care", "What will you do for your own self-care?"),
    ("for_supervision", "Anything to take to supervision?"),
)


class ContactForm(FormScreen[Contact | None]):
    """Log a contact (``contact=None``) or edit one; dismisses with the saved contact.

    Saving with "debrief needed" ticked opens the debrief form straight away.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact_form.save"),
        Binding("escape", "cancel", "Cancel", id="contact_form.cancel"),
    ]
    DISCARD_QUESTION = "Discard this contact?"

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__(classes="worker-dialog")
        self.contact = contact

    def compose(self) -> ComposeResult:
        c = self.contact
        today = self.psw.time.today()
        with VerticalScroll(classes="worker-box form-box", id="contact-form"):
            yield Static("Edit contact" if c else "Log contact", classes="title")
            yield Static("Only when, what kind and how long: never what was said.", classes="hint")
            yield FormField("Date (YYYY-MM-DD)", Input((c.date if c else today).isoformat(), id="date"),
                            id="field-date")
            yield FormField("Kind", Select([(label, kind) for kind, label in KIND_LABELS.items()],
                            value=c.kind if c else ContactKind.ONE_TO_ONE, allow_blank=False, id="kind"),
                            id="field-kind")
            yield FormField("Minutes", Input(str(c.minutes) if c else "", placeholder="e.g. 45", id="minutes"),
                            id="field-minutes")
            yield FormField("Label (optional)", Input((c.label or "") if c else "", id="label",
                            placeholder="initials or a nickname"),
                            hint=f"Up to {LABEL_MAX} characters. No surname, date of birth or number.",
                            id="field-label")
            yield Checkbox("Debrief needed (opens your private debrief)", c.debrief_needed if c else False,
                           id="debrief_needed")
            with Horizontal(classes="worker-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#minutes" if self.contact is None else "#date", Input).focus()

    def form(self) -> ContactInput:
        """What the form holds now."""
        return ContactInput(
            day=self.query_one("#date", Input).value,
            kind=self.query_one("#kind", Select).value,  # type: ignore[arg-type]
            minutes=self.query_one("#minutes", Input).value,
            label=self.query_one("#label", Input).value,
            debrief_needed=self.query_one("#debrief_needed", Checkbox).value,
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and save; each problem is shown under its field and nothing is saved."""
        app: Any = self.app
        try:
            contact = save_contact(app.store, build_contact(self.form(), self.contact))
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify(f"Contact saved: {KIND_LABELS[contact.kind].lower()}, {contact.minutes} min.", markup=False)
        self.dismiss(contact)
        if contact.debrief_needed:
            app.push_screen(ContactDebriefForm(contact))


class ContactDebriefForm(FormScreen[bool]):
    """The worker's private debrief after a contact (kept with it, in no export)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="contact_debrief.save"),
        Binding("escape", "cancel", "Cancel", id="contact_debrief.cancel"),
    ]
    DISCARD_QUESTION = "Discard this debrief?"

    def __init__(self, contact: Contact) -> None:
        super().__init__(classes="worker-dialog")
        self.contact = contact

    def compose(self) -> ComposeResult:
        debrief = self.contact.debrief or Debrief()
        with VerticalScroll(classes="worker-box form-box", id="contact-debrief"):
            yield Static("Your debrief", classes="title")
            yield Static("Private to you: kept with the contact, in no export. About you, not what was said.",
                         classes="hint")
            for name, question in DEBRIEF_FIELDS:
                yield FormField(question, TextArea(getattr(debrief, name), id=f"debrief-{name}",
                                classes="worker-answer"), id=f"field-{name}")
            with Horizontal(classes="worker-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#debrief-how_was_it", TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Keep the debrief with the contact."""
        answers = {name: self.query_one(f"#debrief-{name}", TextArea).text.strip() for name, _ in DEBRIEF_FIELDS}
        kept = self.contact.debrief
        debrief = kept.model_copy(update=answers) if kept is not None else Debrief(**answers)
        try:
            save_contact_debrief(self.psw.store, self.contact.id, debrief)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify("Debrief saved (private to you).")
        self.dismiss(True)

    def cancel_result(self) -> bool:
        """Nothing saved."""
        return False
