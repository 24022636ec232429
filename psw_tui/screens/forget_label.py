"""Forget a contact label: choose it, type it to confirm; it goes from every contact (and from
their debriefs), and older backups are replaced by one fresh backup."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from psw_tui.screens.form_base import FormScreen
from psw_tui.services.contacts import forget_label
from psw_tui.services.forms import FormError
from psw_tui.services.names import same_name
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors


class ForgetLabelDialog(FormScreen[int]):
    """Dismisses with how many contacts changed (0 when nothing was done)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Forget", id="forget_label.save"),
        Binding("escape", "cancel", "Cancel", id="forget_label.cancel"),
    ]
    ASK_BEFORE_DISCARD = False  # a choice and a confirmation: nothing worth asking about

    def __init__(self, labels: list[str]) -> None:
        super().__init__(classes="worker-dialog")
        self.labels = labels

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="worker-box form-box", id="forget-label-form"):
            yield Static("Forget a label", classes="title")
            yield Static("The label is removed from every contact and from their debriefs, and every "
                         "older backup is replaced by one fresh backup. This cannot be undone.",
                         classes="hint", markup=False)
            yield FormField("Label", Select([(label, label) for label in self.labels], allow_blank=False,
                            value=self.labels[0], id="label"), id="field-label")
            yield FormField("Type the label to confirm", Input(id="confirm"), id="field-confirm")
            with Horizontal(classes="worker-buttons form-buttons"):
                yield Button("Forget", variant="error", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")

    def on_mount(self) -> None:
        self.query_one("#label", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Forget the chosen label once it was typed."""
        label = str(self.query_one("#label", Select).value)
        if not same_name(self.query_one("#confirm", Input).value, label):
            show_errors(self, {"confirm": f"Type the label exactly as shown: {label}"})
            return
        try:
            changed = forget_label(self.psw.store, label)
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Not forgotten", severity="error", markup=False)
            return
        self.notify(f"Label forgotten: removed from {changed} contact{'s' if changed != 1 else ''}; "
                    "older backups replaced.")
        self.dismiss(changed)

    def cancel_result(self) -> int:
        """Nothing changed."""
        return 0
