"""Small dialogs of the live session: group agreement, walk-in, edit note, rebalance."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from psw_tui.screens.form_base import FormScreen
from psw_tui.services.live import RebalanceOption

MAX_NAME = 120


class AgreementScreen(ModalScreen[bool]):
    """The group agreement, shown before the first segment starts."""

    BINDINGS = [
        Binding("escape", "not_yet", "Not yet", id="agreement.cancel"),
        # Enter begins wherever the focus is (the agreement text may have it after a scroll);
        # on the focused "Not yet" button, Enter presses that button instead.
        Binding("enter", "begin", "Begin session", id="agreement.begin"),
    ]

    def __init__(self, group_name: str, agreement: str) -> None:
        super().__init__(classes="dialog-screen")
        self._group_name = group_name
        self._agreement = agreement.strip() or (
            "This group has no written agreement yet. Agree together how you will look after "
            "each other, and say the limits of confidentiality: if someone is at risk, the "
            "facilitator may need to share that with others to keep people safe."
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="agreement"):
            yield Static(f"Group agreement · {self._group_name}", classes="title", markup=False)
            with VerticalScroll(id="agreement-text"):
                yield Static(self._agreement, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Begin session", variant="primary", id="agreement-begin")
                yield Button("Not yet", id="agreement-cancel")

    def on_mount(self) -> None:
        self.query_one("#agreement-begin").focus()

    @on(Button.Pressed, "#agreement-begin")
    def action_begin(self) -> None:
        """Begin the session."""
        self.dismiss(True)

    @on(Button.Pressed, "#agreement-cancel")
    def action_not_yet(self) -> None:
        self.dismiss(False)


@dataclass(frozen=True)
class WalkIn:
    """Someone to add to the register."""

    name: str
    guest: bool


class WalkInScreen(FormScreen[WalkIn | None]):
    """Add a walk-in or a guest by name (display name only)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Add", id="walkin.add"),
        Binding("escape", "cancel", "Cancel", id="walkin.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form-box", id="walkin-form"):
            yield Static("Add a walk-in or guest", classes="title")
            yield Label("Name (first or chosen name only)")
            yield Input(id="walkin-name", max_length=MAX_NAME)
            yield Static("", id="walkin-name-error", classes="field-error")
            yield Checkbox("Guest (visiting, not joining the group)", id="walkin-guest")
            with Horizontal(classes="dialog-buttons form-buttons"):
                yield Button("Add", variant="primary", id="walkin-add")
                yield Button("Cancel", id="walkin-cancel", classes="cancel-button")
                yield Static("ctrl+s add · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#walkin-name").focus()

    def still_wrong(self, widget: Widget) -> str | None:
        """The name is still missing."""
        empty = widget.id == "walkin-name" and not self.query_one("#walkin-name", Input).value.strip()
        return "Type a name first." if empty else None

    @on(Input.Submitted, "#walkin-name")
    @on(Button.Pressed, "#walkin-add")
    def action_save(self) -> None:
        """Add the person, once a name is typed."""
        field = self.query_one("#walkin-name", Input)
        if not self.flag([(field, self.still_wrong(field) or "")]):
            return
        self.dismiss(WalkIn(field.value.strip(), self.query_one("#walkin-guest", Checkbox).value))


@dataclass(frozen=True)
class NoteChange:
    """What to do with a note: new text, or remove it (``text`` is None); for a facilitator
    reflection, whether it is marked for supervision (None: not asked)."""

    text: str | None
    for_supervision: bool | None = None


class NoteEditScreen(FormScreen[NoteChange | None]):
    """Change or take down a note. Shows only its kind and text: never who or when."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note_edit.save"),
        Binding("escape", "cancel", "Cancel", id="note_edit.cancel"),
    ]
    DISCARD_QUESTION = "Discard your changes to this note?"

    def __init__(self, kind_label: str, text: str, for_supervision: bool | None = None) -> None:
        """``for_supervision``: None for anonymous notes; for a facilitator reflection, whether
        it is marked to bring to supervision (a checkbox then shows)."""
        super().__init__(classes="dialog-screen")
        self._kind_label, self._text = kind_label, text
        self._for_supervision = for_supervision

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog dialog-wide form-box", id="note-edit-form"):
            yield Static(f"Edit note · {self._kind_label}", classes="title", markup=False)
            yield Input(self._text, id="note-edit-text", max_length=10_000)
            yield Static("", id="note-edit-text-error", classes="field-error")
            if self._for_supervision is not None:
                yield Checkbox("Bring to supervision (listed under For supervision)",
                               self._for_supervision, id="note-edit-supervision")
            with Horizontal(classes="dialog-buttons form-buttons"):
                yield Button("Save", variant="primary", id="note-edit-save")
                yield Button("Remove note", variant="error", id="note-edit-remove")
                yield Button("Cancel", id="note-edit-cancel", classes="cancel-button")

    def on_mount(self) -> None:
        self.query_one("#note-edit-text").focus()

    def still_wrong(self, widget: Widget) -> str | None:
        """The note is still empty."""
        if widget.id == "note-edit-text" and not self.query_one("#note-edit-text", Input).value.strip():
            return "A note cannot be empty; use Remove note to take it down."
        return None

    @on(Input.Submitted, "#note-edit-text")
    @on(Button.Pressed, "#note-edit-save")
    def action_save(self) -> None:
        """Save the changed text (an empty note is refused: Remove note takes it down)."""
        field = self.query_one("#note-edit-text", Input)
        if self.flag([(field, self.still_wrong(field) or "")]):
            marked = None
            if self._for_supervision is not None:
                marked = self.query_one("#note-edit-supervision", Checkbox).value
            self.dismiss(NoteChange(field.value.strip(), marked))

    @on(Button.Pressed, "#note-edit-remove")
    def _remove(self) -> None:
        self.dismiss(NoteChange(None))


class RebalanceScreen(ModalScreen[RebalanceOption | None]):
    """Offer ways to get back on schedule; nothing changes unless one is chosen."""

    BINDINGS = [Binding("escape", "cancel", "Keep as is", id="rebalance.cancel")]

    def __init__(
        self, behind_words: str, options: list[RebalanceOption], protected: list[str] | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._behind_words, self._options = behind_words, options
        self._protected = protected or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(f"Rebalance agenda · {self._behind_words}", classes="title")
            options = [Option(Content(o.description), id=o.key) for o in self._options]
            options.append(Option("Keep the agenda as it is", id="keep"))
            yield OptionList(*options, id="rebalance-options")
            kept = ""
            if self._protected:
                kept = " Kept as planned (protected): " + ", ".join(self._protected) + "."
            yield Static("Only this session's agenda changes; the template stays as it is." + kept,
                         classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#rebalance-options").focus()

    @on(OptionList.OptionSelected, "#rebalance-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = {o.key: o for o in self._options}.get(event.option.id or "")
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
