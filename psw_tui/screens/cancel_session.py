"""Cancel a planned session, with the reason (kept in the record)."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from psw_tui.services.forms import FormError
from psw_tui.services.planning import cancel_session
from psw_tui.storage import StoreError
from psw_tui.widgets.form_field import FormField, show_errors


class CancelSessionScreen(ModalScreen[bool]):
    """Dismisses with True once the session is cancelled."""

    BINDINGS = [Binding("escape", "back", "Back", id="cancel_session.back")]

    def __init__(self, session_id: UUID) -> None:
        super().__init__(classes="planning-dialog")
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        session = self.app.store.sessions.get(self.session_id)  # type: ignore[attr-defined]
        with Vertical(classes="planning-box"):
            yield Static(f"Cancel {session.title}, {session.date:%a} {session.date.day} {session.date:%b %Y}",
                         classes="title", markup=False)
            yield FormField("Reason", Input(id="reason", placeholder="e.g. room not available"),
                            hint="Kept with the session, so the history says why it did not happen.",
                            id="field-reason")
            with Horizontal(classes="planning-buttons"):
                yield Button("Cancel session", variant="error", id="confirm")
                yield Button("Keep it", id="back")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        """Cancel, if a reason was given."""
        try:
            cancel_session(self.app.store, self.session_id, self.query_one("#reason", Input).value)  # type: ignore[attr-defined]
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

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Leave the session as planned."""
        self.dismiss(False)
