"""Prune old sessions (palette: "Prune old sessions"): preview what goes, confirm, remove."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Static

from psw_tui.screens.form_base import FormScreen
from psw_tui.services.retention import PrunePlan, apply_prune, cutoff_for, plan_prune, purge_backups
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField

LISTED = 200  # sessions listed in the preview (the count is always exact)


class RetentionScreen(FormScreen[int]):
    """Choose a date, see every session that would go, confirm; dismisses with how many went."""

    BINDINGS = [
        Binding("ctrl+s", "preview", "Preview", id="retention.preview"),
        Binding("escape", "cancel", "Close", id="retention.cancel"),
    ]
    ASK_BEFORE_DISCARD = False  # nothing typed here is lost: it only chooses what to preview

    def __init__(self) -> None:
        super().__init__(classes="settings-dialog")
        self.plan: PrunePlan | None = None

    def compose(self) -> ComposeResult:
        app: Any = self.app
        years = app.settings.retention_years
        cutoff = cutoff_for(years, app.time.today())
        kept = f"The retention setting keeps {years} year(s)." if years else (
            "The retention setting keeps everything (change it in Settings).")
        with VerticalScroll(classes="settings-box form-box", id="retention-form"):
            yield Static("Prune old sessions", classes="title")
            yield Static(f"{kept} Removed sessions are gone for good: agenda, register, notes, "
                         "actions and concern records; so are your contacts and supervision records dated before "
                         "it, and older versions of your wellness plan (the current one stays).", classes="hint")
            yield FormField("Remove sessions dated before (YYYY-MM-DD)",
                            Input(cutoff.isoformat() if cutoff else "", id="before"), id="field-before")
            yield Button("Preview", id="preview")
            yield Static("", id="prune-summary", markup=False)
            yield Static("", id="prune-list", markup=False)
            yield Checkbox("Also replace every backup with one fresh backup (the removed sessions "
                           "leave the backups now, not after they rotate)", id="purge")
            yield FormField("Type the word shown to confirm", Input(id="confirm"), id="field-confirm")
            with Horizontal(classes="settings-buttons form-buttons"):
                yield Button("Remove them", variant="error", id="prune", disabled=True)
                yield Button("Close", id="cancel", classes="cancel-button")

    def on_mount(self) -> None:
        self.query_one("#field-confirm").display = False
        self.query_one("#purge").display = False
        self.query_one("#before", Input).focus()

    def _date_problem(self) -> str | None:
        text = self.query_one("#before", Input).value.strip()
        try:
            before = date.fromisoformat(text)
        except ValueError:
            return "Enter a date as YYYY-MM-DD, e.g. 2019-01-01."
        if before > self.psw.time.today():
            return "Choose a date that is not in the future."
        return None

    def still_wrong(self, widget: Widget) -> str | None:
        """The date is checked again as it is edited."""
        return self._date_problem() if widget.id == "before" else None

    def _before(self) -> date | None:
        problem = self._date_problem()
        self.query_one("#field-before", FormField).set_error(problem)
        return None if problem else date.fromisoformat(self.query_one("#before", Input).value.strip())

    @on(Input.Submitted, "#before")
    @on(Button.Pressed, "#preview")
    def preview(self) -> None:
        """Show what would go (nothing is changed)."""
        before = self._before()
        self.plan = None
        self.query_one("#prune", Button).disabled = True
        if before is None:
            return
        try:
            plan = plan_prune(self.psw.store, before)
        except StoreError as error:
            self.notify(str(error), title="Cannot preview", severity="error", markup=False)
            return
        self.plan = plan
        summary = self.query_one("#prune-summary", Static)
        if plan.empty:
            summary.update(f"Nothing dated before {before.isoformat()}: nothing to remove.")
            self.query_one("#prune-list", Static).update("")
            return
        lines = plan.listing()
        more = f"\n... and {len(lines) - LISTED} more" if len(lines) > LISTED else ""
        self.query_one("#prune-list", Static).update("\n".join(lines[:LISTED]) + more)
        kept = f" {plan.running_kept} running session(s) are kept." if plan.running_kept else ""
        summary.update(f"{plan.summary()}.{kept} {plan.backups_note()}")
        self.query_one("#purge").display = plan.backups > 0
        confirm = self.query_one("#field-confirm", FormField)
        confirm.display = plan.needs_typed_word
        if plan.needs_typed_word:
            confirm.query_one(".form-field--label", Static).update(
                f"More than a third of all session records would go. Type {plan.word!r} to confirm"
            )
        self.query_one("#prune", Button).disabled = False

    def action_preview(self) -> None:
        """ctrl+s: the preview (removing always takes the button)."""
        self.preview()

    @on(Button.Pressed, "#prune")
    def prune(self) -> None:
        """Remove the previewed sessions once confirmed."""
        plan = self.plan
        if plan is None or plan.empty:
            return
        typed = self.query_one("#confirm", Input).value
        if not plan.confirmed_by(typed):
            self.query_one("#field-confirm", FormField).set_error(f"Type {plan.word!r} exactly.")
            self.query_one("#confirm", Input).focus()
            return
        store = self.psw.store
        try:
            removed = apply_prune(store, plan, typed)
            note = ""
            if self.query_one("#purge", Checkbox).value and plan.backups:
                purge_backups(store)
                note = " Every backup was replaced by one fresh backup."
        except StoreError as error:
            self.notify(str(error), title="Not removed", severity="error", markup=False)
            return
        also = "" if plan.worker.empty else f"; also {plan.worker.words()}"
        self.notify(f"Removed {removed} session(s) dated before {plan.before.isoformat()}{also}.{note}")
        self.dismiss(removed)

    def cancel_result(self) -> int:
        """None removed."""
        return 0

