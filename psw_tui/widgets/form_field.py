"""A labelled form field with an optional hint and an error line under it.

Label, hint and error are shown literally (never read as markup): an error may quote what was typed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


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

    def __init__(self, label: str, widget: Widget, *, hint: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = label
        self._widget = widget
        self._hint = hint

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="form-field--label", markup=False)
        yield self._widget
        if self._hint:
            yield Static(self._hint, classes="form-field--hint", markup=False)
        yield Static("", classes="form-field--error", markup=False)

    @property
    def error(self) -> str:
        """The message shown now ("" when none)."""
        return str(self.query_one(".form-field--error", Static).render()) if self.has_class("-invalid") else ""

    def set_error(self, message: str | None) -> None:
        """Show ``message`` under the field, or clear it with None or ""."""
        self.query_one(".form-field--error", Static).update(message or "")
        self.set_class(bool(message), "-invalid")


def show_errors(root: Widget, errors: dict[str, str], prefix: str = "field-") -> None:
    """Put each message under the FormField ``#<prefix><name>``; clear the others.

    The first field with a problem gets the focus, so the person lands where to fix it.
    """
    first = None
    for field in root.query(FormField):
        name = (field.id or "").removeprefix(prefix)
        message = errors.get(name)
        field.set_error(message)
        if message and first is None:
            first = field
    if first is not None:
        first._widget.focus()
