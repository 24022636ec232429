"""What every form and dialog of psw-tui shares: fits a small terminal, keeps what was typed.

- The box scrolls (title docked on top, buttons docked at the bottom, so they never leave the
  screen) and follows the focus: the focused field and its error line are brought into view.
- ctrl+s saves (``action_save``); Escape or Cancel on a changed form asks before discarding.
- An error line goes away as soon as its field is edited and the mistake is gone: the field
  is checked again with :meth:`FormScreen.still_wrong` (by default, editing clears it).

Error lines are found in two ways: the error line of the :class:`FormField` holding a widget,
or a Static with the widget's id plus ``-error`` (``#walkin-name`` -> ``#walkin-name-error``).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar
from weakref import WeakKeyDictionary

from textual import on
from textual.binding import Binding
from textual.events import DescendantFocus
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, RadioSet, Select, Static, Switch, TextArea

from psw_tui.screens.base import PswScreen
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.widgets.form_field import FormField, widget_value

ResultT = TypeVar("ResultT")

EDITABLE = "Input, TextArea, Select, Checkbox, Switch, RadioSet"

# The value each plain error line (a Static, not a FormField) was judged on.
_JUDGED: WeakKeyDictionary[Static, Any] = WeakKeyDictionary()


def form_state(root: Widget) -> tuple[Any, ...]:
    """Every editable value under ``root``, in order."""
    return tuple((widget.id, widget_value(widget)) for widget in root.query(EDITABLE))


def error_line(screen: Widget, widget: Widget) -> FormField | Static | None:
    """The error line that belongs to ``widget``, if it has one: its FormField's, the one
    named in the screen's ``ERROR_LINES`` (widget id -> error line id), or ``#<id>-error``."""
    for node in widget.ancestors_with_self:
        if isinstance(node, FormField):
            return node
        if node is screen:
            break
    if widget.id:
        named = getattr(screen, "ERROR_LINES", {}).get(widget.id, f"{widget.id}-error")
        found = screen.query(f"#{named}")
        if found:
            return found.first(Static)
    return None


def error_text(line: FormField | Static) -> str:
    """What the error line says now ("" when nothing)."""
    if isinstance(line, FormField):
        return line.error
    return str(line.content).strip()


def set_error_text(line: FormField | Static, message: str | None, widget: Widget | None = None) -> None:
    """Show ``message`` in the error line (about ``widget``), or clear it."""
    if isinstance(line, FormField):
        line.set_error(message)
        return
    line.update(message or "")
    line.set_class(bool(message), "-shown")
    if widget is not None:
        _JUDGED[line] = widget_value(widget) if message else None


class FormBehaviour(PswScreen, Screen[ResultT]):
    """What a form screen does (full screen or dialog). Subclasses implement ``action_save``
    and may override :meth:`still_wrong`, :attr:`ASK_BEFORE_DISCARD` and :meth:`cancel_result`."""

    ASK_BEFORE_DISCARD: ClassVar[bool] = True
    DISCARD_QUESTION: ClassVar[str] = "Discard what you typed in this form?"

    _saved_state: tuple[Any, ...] | None = None

    def on_mount(self) -> None:
        # Runs after the subclass's on_mount (Textual calls both), once its values are in;
        # again after the first refresh (values some widgets set late), unless a key was
        # already typed into the form: that text is a change, never the starting state.
        self.remember_state()
        keys = self._keys_handed()
        self.call_after_refresh(self._remember_if_untouched, keys)

    def _keys_handed(self) -> int:
        counter = getattr(self.app, "keys_handed_to", None)
        return counter(self) if counter is not None else 0

    def _remember_if_untouched(self, keys_at_mount: int) -> None:
        if self._keys_handed() == keys_at_mount:
            self.remember_state()

    def remember_state(self) -> None:
        """Take what the form holds now as unchanged (after filling it in, or saving)."""
        self._saved_state = form_state(self)

    @property
    def changed(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return self._saved_state is not None and form_state(self) != self._saved_state

    def cancel_result(self) -> Any:
        """What the dialog dismisses with when nothing is saved."""
        return None

    def action_save(self) -> None:
        """Save (each form says how)."""

    def action_cancel(self) -> None:
        """Leave without saving; on a changed form, ask first (Keep editing is focused)."""
        if not (self.ASK_BEFORE_DISCARD and self.changed):
            self.dismiss(self.cancel_result())
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(self.cancel_result())

        self.app.push_screen(self.discard_question(), answered)

    def discard_question(self) -> ConfirmScreen:
        """The question asked before a changed form is discarded (the safe answer focused)."""
        return ConfirmScreen(self.DISCARD_QUESTION, "Discard", "Keep editing", focus_yes=False, danger=True)

    @on(Button.Pressed, ".cancel-button")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def still_wrong(self, widget: Widget) -> str | None:
        """What is still wrong with ``widget`` after an edit (None: nothing, clear its line)."""
        return None

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(Switch.Changed)
    @on(RadioSet.Changed)
    def _edited(self, event: Any) -> None:
        widget = event.control
        line = error_line(self, widget)
        if line is None or not error_text(line):
            return
        judged = line.value_with_error if isinstance(line, FormField) else _JUDGED.get(line)
        if judged == widget_value(widget):
            return  # the change that was just judged, arriving late: the message stands
        set_error_text(line, self.still_wrong(widget), widget)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Bring the focused field, with its label and error line, into view."""
        self.call_after_refresh(self.reveal, event.widget)

    def reveal(self, widget: Widget) -> None:
        """Scroll so that ``widget``'s field (label, input, error line) is on screen."""
        line = error_line(self, widget)
        target = line if isinstance(line, FormField) else widget
        target.scroll_visible(animate=False, immediate=True)
        if isinstance(line, Static) and error_text(line):
            line.scroll_visible(animate=False, immediate=True)

    def flag(self, problems: list[tuple[Widget, str]]) -> bool:
        """Show each message in its widget's error line, clear the others given with "", and
        focus the first widget with a problem. True when there was none."""
        first = None
        for widget, message in problems:
            line = error_line(self, widget)
            if line is not None:
                set_error_text(line, message, widget)
            if message and first is None:
                first = widget
        if first is not None:
            if first.has_focus:
                self.call_after_refresh(self.reveal, first)
            else:
                first.focus()
        return first is None


class FormScreen(FormBehaviour[ResultT], ModalScreen[ResultT]):
    """A dialog with a form: ctrl+s saves, Escape cancels (asking when changed)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
