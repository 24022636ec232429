"""The one yes/no dialog of psw-tui: Enter on the focused button, y yes, n or Escape no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask a question; dismisses with True (yes) or False (no).

    ``focus_yes=False`` puts the focus on the safe answer, for questions where an Enter
    meant for something else must not do harm (ending a session, deleting); ``danger``
    shows the yes button in the error colour.
    """

    BINDINGS = [
        Binding("escape,n", "decline", "No", id="confirm.no"),
        Binding("y", "accept", "Yes", id="confirm.yes"),
    ]

    def __init__(
        self,
        question: str,
        yes: str = "Yes",
        no: str = "Cancel",
        *,
        focus_yes: bool = True,
        danger: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._question, self._yes, self._no = question, yes, no
        self._focus_yes, self._danger = focus_yes, danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._question, classes="dialog-text", id="confirm-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                variant = "error" if self._danger else "primary"
                yield Button(Content(self._yes), variant=variant, id="confirm-yes")
                yield Button(Content(self._no), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self._focus_yes else "#confirm-no").focus()

    @on(Button.Pressed, "#confirm-yes")
    def action_accept(self) -> None:
        """Yes."""
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_decline(self) -> None:
        """No."""
        self.dismiss(False)
