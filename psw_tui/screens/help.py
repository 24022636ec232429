"""The help screen: the keymap of the app and of the screen below."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Lists every key binding that is active underneath."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("f1", "dismiss", "Close", show=False, id="help.close_f1"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close_alt"),
    ]

    def __init__(self, below: Screen | None = None) -> None:
        super().__init__()
        self._below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static("Keys", classes="title")
            yield Static(self._keymap(), id="help-keys", markup=False)
            yield Static(
                "Arrows, Tab and Enter move around lists and forms. Every action is also in "
                "the command palette: ctrl+p, then type its name."
            )
            yield Static("Press Escape to close.", classes="hint")

    def _keymap(self) -> str:
        """One line per action: its keys and what it does."""
        keys_for: dict[str, list[str]] = {}
        bindings = self._below.active_bindings.values() if self._below is not None else []
        for active in bindings:
            binding = active.binding
            if not binding.description or binding.id is None:
                continue  # only psw-tui's own bindings; Textual's navigation keys are standard
            key = self.app.get_key_display(binding)
            keys = keys_for.setdefault(binding.description, [])
            if key not in keys:
                keys.append(key)
        keys_for.setdefault("Command palette", ["ctrl+p"])
        rows = [(" / ".join(keys), description) for description, keys in keys_for.items()]
        width = max(len(keys) for keys, _ in rows)
        return "\n".join(f"{keys.rjust(width)}  {description}" for keys, description in rows)
