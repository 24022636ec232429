"""The "review actions" step: open actions of earlier sessions, each done, kept open or dropped."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from psw_tui.models import ActionStatus
from psw_tui.services.actions import STATUS_WORDS, CarriedAction, open_actions, set_status
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen

DECISION_WORDS = {ActionStatus.OPEN: "kept open", ActionStatus.DONE: "done", ActionStatus.DROPPED: "dropped"}


class ReviewActionsScreen(PswScreen, ModalScreen[None]):
    """Shown at the start of a session; every key saves at once. Dismisses with None."""

    BINDINGS = [
        Binding("d", "decide('done')", "Done", id="review.done"),
        Binding("k", "decide('open')", "Keep open", id="review.keep"),
        Binding("x", "decide('dropped')", "Drop", id="review.drop"),
        Binding("escape,ctrl+s", "finish", "Finish review", id="review.finish"),
    ]

    def __init__(self, session_id: UUID) -> None:
        super().__init__(classes="planning-dialog")
        self.session_id = session_id
        self.carried: list[CarriedAction] = []
        self.decisions: dict[UUID, ActionStatus] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="planning-box", id="review-box"):
            yield Static("Review actions from earlier sessions", classes="title")
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            yield Static("No open actions from earlier sessions.", id="review-empty", classes="hint")
            yield Static("d done · k keep open · x drop · Escape finish (each choice is saved at once)",
                         classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.carried = open_actions(self.psw.store, self.session_id)
        table = self.query_one("#review-table", DataTable)
        table.add_columns("Action", "Owner", "Raised", "Due", "Now")
        for carried in self.carried:
            action = carried.action
            due = f"{action.due:%d %b}" if action.due else ""
            table.add_row(Text(action.text), Text(carried.owner), f"{action.raised_on:%d %b}", due,
                          STATUS_WORDS[action.status], key=str(action.id))
        self.query_one("#review-empty").display = not self.carried
        table.display = bool(self.carried)
        table.focus()

    def action_decide(self, status: str) -> None:
        """Save the decision for the highlighted action and move to the next one."""
        table = self.query_one("#review-table", DataTable)
        if not self.carried:
            return
        row = table.cursor_row
        carried = self.carried[row]
        decision = ActionStatus(status)
        try:
            set_status(self.psw.store, carried.action, decision, self.psw.time.today())
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.decisions[carried.action.id] = decision
        table.update_cell(str(carried.action.id), table.ordered_columns[-1].key, DECISION_WORDS[decision])
        if row + 1 < table.row_count:
            table.move_cursor(row=row + 1)

    def action_finish(self) -> None:
        """Close the review; undecided actions stay open for next time."""
        self.dismiss(None)
