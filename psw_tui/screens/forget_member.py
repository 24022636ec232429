"""Forget a member: erase a person everywhere after typing their name to confirm."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Static

from psw_tui.screens.form_base import FormScreen
from psw_tui.services.erasure import REMOVED_TEXT, ErasurePlan, forget_member, plan_erasure
from psw_tui.services.forms import FormError
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors


def describe_plan(plan: ErasurePlan) -> str:
    """What will happen, in plain words."""
    rosters = ", ".join(plan.group_names)
    lines = [
        f"This erases {plan.name} for good (a right-to-erasure request). It cannot be undone.",
        "",
        f"• Removed from the roster of {rosters}.",
        f"• {plan.register_rows} register entries keep their attendance but show as "
        "\"(removed)\": attendance counts in past summaries stay right.",
        f"• {plan.owned_actions} actions lose their owner.",
        f"• {plan.mentions} mentions of the name in notes, actions and other text become "
        f"{REMOVED_TEXT}.",
    ]
    return "\n".join(lines)


class ForgetMemberScreen(FormScreen[bool]):
    """Dismisses with True once the person has been erased, False if cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "forget", "Forget", id="forget.confirm"),
        Binding("escape", "cancel", "Cancel", id="forget.cancel"),
    ]
    ASK_BEFORE_DISCARD = False  # only a confirming word is typed here

    def __init__(self, member_id: UUID) -> None:
        super().__init__(classes="planning-dialog")
        self.member_id = member_id

    def compose(self) -> ComposeResult:
        store = self.psw.store
        plan = plan_erasure(store, self.member_id)
        with VerticalScroll(classes="planning-box planning-form form-box", id="forget-box"):
            yield Static(f"Forget {plan.name}", classes="title", markup=False)
            yield Static(describe_plan(plan), id="forget-plan", markup=False)
            if plan.other_rosters:
                yield Checkbox(Content(f"Also forget {plan.name} on: {', '.join(plan.other_rosters)}"),
                               id="everywhere")
            yield Checkbox("Replace older backups with one fresh backup (older backups still "
                           "hold the name until they rotate out)", value=True, id="purge")
            yield FormField(f"Type {plan.name} to confirm", Input(id="confirm"), id="field-confirm")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Button(Content(f"Forget {plan.name}"), variant="error", id="forget")
                yield Button("Cancel", id="cancel", classes="cancel-button")

    def on_mount(self) -> None:
        self.query_one("#confirm", Input).focus()

    def _everywhere(self) -> bool:
        found = self.query("#everywhere")
        return bool(found) and found.first(Checkbox).value

    @on(Checkbox.Changed, "#everywhere")
    def _replan(self) -> None:
        plan = plan_erasure(self.psw.store, self.member_id, everywhere=self._everywhere())
        self.query_one("#forget-plan", Static).update(describe_plan(plan))

    @on(Input.Submitted, "#confirm")
    @on(Button.Pressed, "#forget")
    def action_forget(self) -> None:
        """Erase, if the typed name matches; otherwise say so under the field."""
        typed = self.query_one("#confirm", Input).value
        purge = self.query_one("#purge", Checkbox).value
        try:
            plan = forget_member(
                self.psw.store, self.member_id, typed,
                everywhere=self._everywhere(), purge_backups=purge,
            )
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(f"{error} Run Forget member again to finish.", title="Not finished",
                        severity="error", markup=False)
            return
        self.notify(f"{plan.name} has been forgotten everywhere.", markup=False)
        self.dismiss(True)

    def cancel_result(self) -> bool:
        """Nothing was erased."""
        return False
