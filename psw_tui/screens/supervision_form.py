"""Logging one supervision of the worker's own: date, kind, supervisor, minutes, and the
actions agreed (one a line; they join the open-actions list, marked as from supervision)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static, TextArea

from psw_tui.models import ActionStatus
from psw_tui.models.worker import SupervisionKind, SupervisionRecord
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.forms import FormError
from psw_tui.services.supervision import KIND_LABELS, SupervisionInput, build_record, save_record
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors


class SupervisionForm(FormScreen[SupervisionRecord | None]):
    """Log a supervision (``record=None``) or edit one; dismisses with the saved record."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="supervision_form.save"),
        Binding("escape", "cancel", "Cancel", id="supervision_form.cancel"),
    ]
    DISCARD_QUESTION = "Discard this supervision record?"

    def __init__(self, record: SupervisionRecord | None = None) -> None:
        super().__init__(classes="worker-dialog")
        self.record = record

    def compose(self) -> ComposeResult:
        r = self.record
        today = self.psw.time.today()
        done = [a for a in r.actions if a.status is not ActionStatus.OPEN] if r else []
        with VerticalScroll(classes="worker-box form-box", id="supervision-form"):
            yield Static("Edit supervision" if r else "Log supervision", classes="title")
            yield FormField("Date (YYYY-MM-DD)", Input((r.date if r else today).isoformat(), id="date"),
                            id="field-date")
            yield FormField("Kind", Select([(label, kind) for kind, label in KIND_LABELS.items()],
                            value=r.kind if r else SupervisionKind.LINE_MANAGEMENT, allow_blank=False, id="kind"),
                            id="field-kind")
            yield FormField("Supervisor (display name, optional)", Input(r.supervisor if r else "",
                            id="supervisor", placeholder="e.g. Sam"), id="field-supervisor")
            yield FormField("Minutes", Input(str(r.minutes) if r else "60", id="minutes"), id="field-minutes")
            hint = "One a line. They join your open actions, marked as from supervision."
            if done:
                hint += f" {len(done)} already closed stay closed while their line stays."
            yield FormField("Agreed actions", TextArea("\n".join(a.text for a in r.actions) if r else "",
                            id="actions"), hint=hint, id="field-actions")
            with Horizontal(classes="worker-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#kind" if self.record is None else "#date").focus()

    def form(self) -> SupervisionInput:
        """What the form holds now."""
        return SupervisionInput(
            day=self.query_one("#date", Input).value,
            kind=self.query_one("#kind", Select).value,  # type: ignore[arg-type]
            supervisor=self.query_one("#supervisor", Input).value,
            minutes=self.query_one("#minutes", Input).value,
            actions=self.query_one("#actions", TextArea).text,
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and save; each problem is shown under its field and nothing is saved."""
        app: Any = self.app
        try:
            record = save_record(app.store, build_record(self.form(), self.record))
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        count = len(record.actions)
        actions = f", {count} agreed action{'s' if count != 1 else ''}" if count else ""
        self.notify(f"Supervision saved: {KIND_LABELS[record.kind].lower()}{actions}.", markup=False)
        self.dismiss(record)
