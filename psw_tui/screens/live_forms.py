"""Forms of the live session: add an action, record a concern. Each says what is wrong
next to the field and saves nothing until everything is right."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from psw_tui.models import ConcernKind, Member
from psw_tui.screens.form_base import FormScreen

CONCERN_WORDS = {
    ConcernKind.RISK_TO_SELF: "Risk to self",
    ConcernKind.RISK_TO_OTHERS: "Risk to others",
    ConcernKind.SAFEGUARDING_CHILD: "Safeguarding (child)",
    ConcernKind.SAFEGUARDING_ADULT: "Safeguarding (adult)",
}


def parse_due(text: str, today: date) -> date | None:
    """A due date typed as YYYY-MM-DD (or empty for none); raises ValueError with the reason."""
    text = text.strip()
    if not text:
        return None
    try:
        due = date.fromisoformat(text)
    except ValueError:
        raise ValueError("Use a real date as YYYY-MM-DD, e.g. 2026-12-01.") from None
    if due < today:
        raise ValueError("The due date is in the past.")
    return due


class _Form(FormScreen):
    """Shared bits: an error line per field; ctrl+s saves; Escape cancels, asking first
    when something was typed."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="live_form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def problems(self) -> dict[str, str]:
        """What is wrong now, by field id (each form says)."""
        return {}

    def still_wrong(self, widget: Widget) -> str | None:
        """The field's problem if it still has one (checked again on every edit)."""
        return self.problems().get(widget.id or "")

    def check(self, *fields: str) -> bool:
        """Show the problems of ``fields`` (clearing the others); True when there are none."""
        problems = self.problems()
        return self.flag([(self.query_one(f"#{field}"), problems.get(field, "")) for field in fields])


@dataclass(frozen=True)
class ActionDraft:
    """An action to save: text, optional owner (a roster member by id, or a walk-in or guest
    of the session by name), optional due date."""

    text: str
    owner_id: UUID | None
    due: date | None
    owner_name: str | None = None


class ActionScreen(_Form):
    """Add an action raised in the session."""

    def __init__(
        self, members: list[Member], today: date, text: str = "", visitors: list[str] | None = None
    ) -> None:
        super().__init__()
        self._members, self._today, self._text = members, today, text
        self._visitors = visitors or []

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-wide form-box", id="action-form"):
            yield Static("Add action", classes="title")
            yield Label("What needs doing")
            yield Input(self._text, id="action-text", max_length=10_000)
            yield Static("", id="action-text-error", classes="field-error")
            yield Label("Owner (optional)")
            choices: list[tuple[Content, UUID | str]] = [
                (Content(m.display_name), m.id) for m in self._members if m.active
            ]
            choices += [(Content(f"{name} (today)"), f"visitor:{name}") for name in self._visitors]
            yield Select(choices, prompt="No owner", id="action-owner")
            yield Label("Due date (optional, YYYY-MM-DD)")
            yield Input(id="action-due", placeholder="YYYY-MM-DD", max_length=10)
            yield Static("", id="action-due-error", classes="field-error")
            with Horizontal(classes="dialog-buttons form-buttons"):
                yield Button("Save action", variant="primary", id="action-save")
                yield Button("Cancel", id="action-cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#action-text").focus()

    def problems(self) -> dict[str, str]:
        """An action needs its text; a due date, when given, is a real date not in the past."""
        found = {}
        if not self.query_one("#action-text", Input).value.strip():
            found["action-text"] = "Say what needs doing."
        try:
            parse_due(self.query_one("#action-due", Input).value, self._today)
        except ValueError as problem:
            found["action-due"] = str(problem)
        return found

    @on(Input.Submitted)
    @on(Button.Pressed, "#action-save")
    def action_save(self) -> None:
        """Save the action, or say next to each field what is wrong."""
        if not self.check("action-text", "action-due"):
            return
        text = self.query_one("#action-text", Input).value.strip()
        due = parse_due(self.query_one("#action-due", Input).value, self._today)
        owner = self.query_one("#action-owner", Select).value
        visitor = owner.removeprefix("visitor:") if isinstance(owner, str) and owner.startswith("visitor:") else None
        self.dismiss(ActionDraft(text, owner if isinstance(owner, UUID) else None, due, visitor))


@dataclass(frozen=True)
class ConcernDraft:
    """A concern to save. There is deliberately no field for what was said."""

    kind: ConcernKind
    action_taken: str
    escalated_to: str
    recorded_by: str


class ConcernScreen(_Form):
    """Record that a limit of confidentiality was reached: never the words, only the route."""

    def __init__(self, recorded_by: str = "") -> None:
        super().__init__()
        self._recorded_by = recorded_by

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-wide form-box", id="concern-form"):
            yield Static("Record concern", classes="title")
            yield Static("Record what was done, not what was said.", classes="hint")
            yield Label("What kind of limit was reached")
            yield Select([(w, k) for k, w in CONCERN_WORDS.items()], prompt="Choose…",
                         id="concern-kind")
            yield Static("", id="concern-kind-error", classes="field-error")
            yield Label("What was done")
            yield Input(id="concern-action", max_length=10_000)
            yield Static("", id="concern-action-error", classes="field-error")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Escalated to (role or team)")
                    yield Input(id="concern-escalated", max_length=10_000)
                with Vertical():
                    yield Label("Recorded by")
                    yield Input(self._recorded_by, id="concern-by", max_length=120)
                    yield Static("", id="concern-by-error", classes="field-error")
            with Horizontal(classes="dialog-buttons form-buttons"):
                yield Button("Save concern", variant="primary", id="concern-save")
                yield Button("Cancel", id="concern-cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#concern-kind").focus()

    def problems(self) -> dict[str, str]:
        """The kind, what was done and who records it are needed."""
        found = {}
        if not isinstance(self.query_one("#concern-kind", Select).value, ConcernKind):
            found["concern-kind"] = "Choose the kind."
        if not self.query_one("#concern-action", Input).value.strip():
            found["concern-action"] = "Say what was done."
        if not self.query_one("#concern-by", Input).value.strip():
            found["concern-by"] = "Say who is recording this."
        return found

    @on(Input.Submitted)
    @on(Button.Pressed, "#concern-save")
    def action_save(self) -> None:
        """Save the concern, or say next to each field what is missing."""
        if not self.check("concern-kind", "concern-action", "concern-by"):
            return
        kind = self.query_one("#concern-kind", Select).value
        self.dismiss(ConcernDraft(
            kind,  # type: ignore[arg-type]
            self.query_one("#concern-action", Input).value.strip(),
            self.query_one("#concern-escalated", Input).value.strip(),
            self.query_one("#concern-by", Input).value.strip(),
        ))
