"""Choosing a group, member or session for a palette command, and a yes/no question."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from psw_tui.services.groups import list_groups


class PickScreen(ModalScreen[str | None]):
    """A short list to choose from; dismisses with the chosen key, or None on Escape."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], empty: str = "Nothing to choose.") -> None:
        super().__init__(classes="planning-dialog")
        self._title = title
        self._options = options
        self._empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="planning-box"):
            yield Static(self._title, classes="title", markup=False)
            if self._options:
                yield OptionList(*(Option(label, id=key) for key, label in self._options), id="pick-list",
                                 markup=False)
            else:
                yield Static(self._empty, id="pick-empty", markup=False)
            yield Static("Enter choose · Escape cancel", classes="hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def selected_group_id(app: Any) -> UUID | None:
    """The group the current screen points at (its ``selected_group_id``), if any."""
    value = getattr(app.screen, "selected_group_id", None)
    return value if isinstance(value, UUID) else None


def with_group(app: Any, title: str, then: Callable[[UUID], Any], *, archived: bool = False) -> None:
    """Run ``then(group_id)`` for the selected group, or ask which group first."""
    chosen = selected_group_id(app)
    if chosen is not None:
        then(chosen)
        return
    groups = list_groups(app.store, include_archived=archived)
    options = [(str(g.id), g.name + ("  (archived)" if g.archived else "")) for g in groups]

    def picked(key: str | None) -> None:
        if key:
            then(UUID(key))

    app.push_screen(PickScreen(title, options, "No groups yet: use New group first."), picked)
