"""Cancel a planned session, with the reason (kept in the record)."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from psw_tui.screens.form_base import FormScreen
from psw_tui.services.forms import FormError
from psw_tui.services.planning import cancel_session
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors
from psw_tui.services import records


class CancelSessionScreen(FormScreen[bool]):
    """Dismisses with True once the session is cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Cancel session", id="cancel_session.confirm"),
        Binding("escape", "cancel", "Back", id="cancel_session.back"),
    ]
    DISCARD_QUESTION = "Keep the session and discard the reason you typed?"

    def __init__(self, session_id: UUID) -> None:
        super().__init__(classes="planning-dialog")
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        session = records.session(self.psw.store, self.session_id)
        with VerticalScroll(classes="planning-box form-box", id="cancel-session-form"):
            yield Static(f"Cancel {session.title}, {session.date:%a} {session.date.day} {session.date:%b %Y}",
                         classes="title", markup=False)
            yield FormField("Reason", Input(id="reason", placeholder="e.g. room not available"),
                            hint="Kept with the session, so the history says why it did not happen.",
                            id="field-reason")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Button("Cancel session", variant="error", id="confirm")
                yield Button("Keep it", id="back", classes="cancel-button")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        """Cancel, if a reason was given."""
        try:
            cancel_session(self.psw.store, self.session_id, self.query_one("#reason", Input).value)
        except FormError as error:
            show_errors(self, error.errors)
            if "session" in error.errors:
                self.notify(error.errors["session"], severity="error", markup=False)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify("Session cancelled; the reason is kept.")
        self.dismiss(True)

    def cancel_result(self) -> bool:
        """Left as planned."""
        return False
