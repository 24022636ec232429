"""Writing or editing one reflection, with the chosen model's prompts as separate fields."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Select, Static, TextArea

from psw_tui.models import Reflection, ReflectionModel, SessionStatus
from psw_tui.screens.form_base import FormBehaviour
from psw_tui.screens.lookback_dialogs import ConfirmDialog, show_error
from psw_tui.services.day_input import DAY_HINT, parse_day
from psw_tui.services.journal import MODEL_FIELDS, MODEL_NAMES, Journal, JournalError, build_reflection, parse_tags
from psw_tui.failures import StoreError
from psw_tui.services import records

RECENT_SESSIONS = 40


class ReflectionEditor(FormBehaviour[bool]):
    """A form for one reflection; ctrl+s saves, Escape leaves (asking first if anything changed).

    The page scrolls to the focused field, and an error line goes as soon as its field is edited.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="reflection.save"),
        Binding("escape", "leave", "Back", id="reflection.back"),
    ]

    def __init__(self, reflection: Reflection | None = None,
                 model: ReflectionModel = ReflectionModel.GIBBS, *,
                 session_id: UUID | None = None, title: str = "") -> None:
        """Edit ``reflection``, or write a new one with ``model`` (optionally linked to
        ``session_id`` and titled ``title``, e.g. from the debrief)."""
        super().__init__()
        self.reflection = reflection
        self.model = reflection.model if reflection is not None else model
        self._new_session_id, self._new_title = session_id, title

    def compose(self) -> ComposeResult:
        r = self.reflection
        yield Header()
        with VerticalScroll(id="reflection-form"):
            yield Static("Edit reflection" if r else "New reflection", classes="title")
            yield Label("Model")
            yield Select([(MODEL_NAMES[m], m) for m in ReflectionModel], value=self.model, allow_blank=False,
                         id="reflection-model", disabled=r is not None)
            yield Label("Title")
            yield Input(r.title if r else self._new_title, placeholder="A few words to find it again",
                        id="reflection-title")
            yield Static("", id="reflection-title-error", classes="lookback-error")
            yield Label("Date written")
            yield Input("", placeholder=DAY_HINT, id="reflection-date")
            yield Static("", id="reflection-date-error", classes="lookback-error")
            for model, fields in MODEL_FIELDS.items():
                with Vertical(id=f"fields-{model.value}", classes="reflection-fields"):
                    for prompt in fields:
                        value = getattr(r, prompt.name, "") if r is not None and r.model is model else ""
                        yield Label(prompt.label, classes="reflection-label")
                        yield Static(prompt.prompt, classes="hint")
                        yield TextArea(value, id=f"field-{prompt.name}", classes="reflection-text")
                        yield Static("", id=f"field-{prompt.name}-error", classes="lookback-error")
            yield Label("Tags (separated by commas)")
            yield Input(", ".join(r.tags) if r else "", placeholder="e.g. boundaries, self-care", id="reflection-tags")
            yield Label("Linked session (optional)")
            yield Select([], prompt="No session", id="reflection-session")
        yield Footer()

    def on_mount(self) -> None:
        today = self.psw.time.today()
        day = self.reflection.written_on if self.reflection else today
        self.query_one("#reflection-date", Input).value = day.isoformat()
        self._session_options()
        self._show_model()
        self.query_one("#reflection-title", Input).focus()

    def _session_options(self) -> None:
        store = self.psw.store
        try:
            groups = records.group_names(store)
            headers = [h for h in records.headers(store) if h.status is SessionStatus.ENDED]
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        linked = self.reflection.session_id if self.reflection else self._new_session_id
        chosen = headers[-RECENT_SESSIONS:][::-1] + [h for h in headers[:-RECENT_SESSIONS] if h.id == linked]
        options = [(Text(f"{h.date:%d %b %Y} · {groups.get(h.group_id, '')} · {h.title}"), h.id) for h in chosen]
        select = self.query_one("#reflection-session", Select)
        select.set_options(options)
        if linked is not None and any(h.id == linked for h in chosen):
            select.value = linked

    @on(Select.Changed, "#reflection-model")
    def _model_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.model = ReflectionModel(event.value)
            self._show_model()

    def _show_model(self) -> None:
        for model in ReflectionModel:
            self.query_one(f"#fields-{model.value}").display = model is self.model

    def _error(self, field: str, message: str) -> None:
        for error in self.query(".lookback-error").results(Static):
            show_error(error, "")
        if not field:
            return
        target = field if field in ("title", "date") else None
        error_id = f"#reflection-{target}-error" if target else f"#field-{field}-error"
        widget_id = f"#reflection-{target}" if target else f"#field-{field}"
        if self.query(error_id):
            self.flag([(self.query_one(widget_id), message)])
        else:
            self.notify(message, severity="error", markup=False)

    def action_save(self) -> None:
        """Validate and save; errors are shown next to their field."""
        try:
            written_on = parse_day(self.query_one("#reflection-date", Input).value)
        except ValueError as error:
            self._error("date", str(error))
            return
        if written_on is None:
            self._error("date", f"Give the date, {DAY_HINT}.")
            return
        session = self.query_one("#reflection-session", Select).value
        fields = {p.name: self.query_one(f"#field-{p.name}", TextArea).text for p in MODEL_FIELDS[self.model]}
        journal = Journal(self.psw.store, self.psw.time)
        try:
            reflection = build_reflection(
                self.model, title=self.query_one("#reflection-title", Input).value, written_on=written_on,
                fields=fields, tags=parse_tags(self.query_one("#reflection-tags", Input).value),
                session_id=None if session is Select.NULL else session,  # type: ignore[arg-type]
                existing=self.reflection, time=self.psw.time,
            )
        except JournalError as error:
            self._error(error.field, error.message)
            return
        self._error("", "")
        try:
            self.reflection = journal.save(reflection)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Reflection saved: {reflection.title}", markup=False)
        self.dismiss(True)

    def action_leave(self) -> None:
        """Leave, asking first when something was typed and not saved."""
        self.action_cancel()

    def cancel_result(self) -> bool:
        """Nothing saved."""
        return False

    def discard_question(self) -> ConfirmDialog:
        """Leaving a changed reflection asks first, with Cancel focused."""
        return ConfirmDialog("Leave without saving this reflection?", yes="Leave")


def editor_for(store_reflection_id: UUID, journal: Journal) -> ReflectionEditor | None:
    """An editor on an existing reflection, or None if it no longer exists."""
    found = journal.get(store_reflection_id)
    return None if found is None else ReflectionEditor(found)

