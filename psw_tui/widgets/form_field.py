"""A labelled form field with an optional hint and an error line under it.

Label, hint and error are shown literally (never read as markup): an error may quote what was typed.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, RadioSet, Static, TextArea


def widget_value(widget: Widget) -> Any:
    """The value a person can change in ``widget`` (Input, TextArea, Select, Checkbox, ...)."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, RadioSet):
        return widget.pressed_index
    return getattr(widget, "value", None)


class FormField(Vertical):
    """Label, the input widget, a hint (optional) and an error line for what is wrong.

    The error line is empty (and takes no room) until :meth:`set_error` gives it a message.
    """

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin-bottom: 1;
    }
    FormField > .form-field--label {
        text-style: bold;
    }
    FormField > .form-field--hint {
        color: $text-muted;
    }
    FormField > .form-field--error {
        color: $error;
        text-style: bold;
        display: none;
    }
    FormField.-invalid > .form-field--error {
        display: block;
    }
    """

    def __init__(
        self, label: str, widget: Widget, *, hint: str = "", id: str | None = None, error_id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._label = label
        self._widget = widget
        self._hint = hint
        self._error_id = error_id
        self.value_with_error: Any = None

    @property
    def widget(self) -> Widget:
        """The input widget of this field."""
        return self._widget

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="form-field--label", markup=False)
        yield self._widget
        if self._hint:
            yield Static(self._hint, classes="form-field--hint", markup=False)
        yield Static("", classes="form-field--error", id=self._error_id, markup=False)

    @property
    def error(self) -> str:
        """The message shown now ("" when none)."""
        return str(self.query_one(".form-field--error", Static).content) if self.has_class("-invalid") else ""

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the field, or clear it with None or ""."""
        self.query_one(".form-field--error", Static).update(message or "")
        self.set_class(bool(message), "-invalid")
        self.value_with_error = widget_value(self._widget) if message else None


def show_errors(root: Widget, errors: dict[str, str], prefix: str = "field-") -> None:
    """Put each message under the FormField ``#<prefix><name>``; clear the others.

    The first field with a problem gets the focus and is scrolled into view with its error
    line, so the person lands where to fix it.
    """
    first = None
    for field in root.query(FormField):
        name = (field.id or "").removeprefix(prefix)
        message = errors.get(name)
        field.set_error(message)
        if message and first is None:
            first = field
    if first is not None:
        first.widget.focus()
        first.call_after_refresh(first.scroll_visible, animate=False, immediate=True)
