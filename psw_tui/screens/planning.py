"""Plan a session (or edit a planned one): group, date, time, template, check-in question."""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from psw_tui.screens.form_base import FormScreen
from psw_tui.services import planning as svc
from psw_tui.services.forms import FormError
from psw_tui.services.groups import list_groups
from psw_tui.services.templates import library
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors
from psw_tui.services import records


class PlanSessionScreen(FormScreen[UUID | None]):
    """New (``session_id=None``) or edit; dismisses with the session's id when saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="plan.save"),
        Binding("ctrl+g", "suggest", "Suggest question", id="plan.suggest"),
        Binding("escape", "cancel", "Cancel", id="plan.cancel"),
    ]

    def __init__(self, group_id: UUID | None = None, session_id: UUID | None = None) -> None:
        super().__init__(classes="planning-dialog")
        self.group_id = group_id
        self.session_id = session_id
        self._skip = 0

    @property
    def store(self):  # noqa: ANN201 - the app's RecordStore
        return self.psw.store

    def compose(self) -> ComposeResult:
        session = records.session(self.store, self.session_id) if self.session_id else None
        group_id = session.group_id if session else self.group_id
        groups = [(Text(g.name), g.id) for g in list_groups(self.store)]
        with VerticalScroll(classes="planning-box planning-form form-box", id="plan-form"):
            yield Static("Edit planned session" if session else "Plan session", classes="title")
            yield FormField("Group", Select(groups, value=group_id or Select.NULL, prompt="Choose a group",
                            disabled=session is not None, id="group_id"), id="field-group_id")
            with Horizontal(classes="planning-row"):
                yield FormField("Date (YYYY-MM-DD)", Input(session.date.isoformat() if session else "",
                                id="day"), id="field-day")
                yield FormField("Start (HH:MM)", Input(
                    session.start_time.strftime("%H:%M") if session and session.start_time else "",
                    id="start"), id="field-start")
            if session is None:
                templates = [(Text(t.name), t.id) for t in library(self.store)]
                yield FormField("Template", Select(templates, prompt="Choose a template", id="template_id"),
                                hint="The session gets its own copy of the agenda to edit.",
                                id="field-template_id")
            yield FormField("Title", Input(session.title if session else "", id="title",
                            placeholder="(the group's name)"), id="field-title")
            yield FormField("Check-in question", Input(session.check_in_question if session else "",
                            id="check_in_question"), hint="ctrl+g suggests one from the group's bank "
                            "not used in its last few sessions.", id="field-check_in_question")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Suggest question", id="suggest")
                if session is not None:
                    yield Button("Edit agenda", id="plan-agenda")
                yield Button("Cancel", id="cancel", classes="cancel-button")

    def on_mount(self) -> None:
        if self.session_id is None and self.group_id is not None:
            self._fill_for_group(self.group_id)
        first = "#day" if self.group_id or self.session_id else "#group_id"
        self.query_one(first).focus()

    def _fill_for_group(self, group_id: UUID) -> None:
        """Offer the group's default template, a week after its last session, and a question."""
        group = records.group(self.store, group_id)
        if group is None:
            return
        today = self.psw.time.today()
        self.query_one("#day", Input).value = svc.next_free_day(self.store, group_id, today).isoformat()
        headers = [h for h in records.headers(self.store, group_id) if h.start_time]
        if headers and not self.query_one("#start", Input).value:
            self.query_one("#start", Input).value = headers[-1].start_time.strftime("%H:%M")
        if group.default_template_id and records.template(self.store, group.default_template_id):
            self.query_one("#template_id", Select).value = group.default_template_id
        self._skip = 0
        self.query_one("#check_in_question", Input).value = svc.suggest_question(self.store, group_id) or ""

    @on(Select.Changed, "#group_id")
    def _group_changed(self, event: Select.Changed) -> None:
        if self.session_id is None and isinstance(event.value, UUID):
            self._fill_for_group(event.value)

    def _group(self) -> UUID | None:
        value = self.query_one("#group_id", Select).value
        return value if isinstance(value, UUID) else None

    @on(Button.Pressed, "#suggest")
    def action_suggest(self) -> None:
        """Put the next fresh question from the group's bank in the field."""
        group_id = self._group()
        if group_id is None:
            show_errors(self, {"group_id": "Choose a group first."})
            return
        self._skip += 1
        question = svc.suggest_question(self.store, group_id, skip=self._skip, exclude=self.session_id)
        if question is None:
            self.notify("This group's question bank is empty: add questions in Edit group.",
                        severity="warning")
            return
        self.query_one("#check_in_question", Input).value = question

    def form(self) -> svc.PlanInput:
        """What the form holds now."""
        templates = self.query("#template_id")
        template = templates.first(Select).value if templates else None
        return svc.PlanInput(
            group_id=self._group(),
            day=self.query_one("#day", Input).value,
            start=self.query_one("#start", Input).value,
            template_id=template if isinstance(template, UUID) else None,
            title=self.query_one("#title", Input).value,
            check_in_question=self.query_one("#check_in_question", Input).value,
        )

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate and save; each problem is shown under its field, nothing is saved."""
        today = self.psw.time.today()
        try:
            if self.session_id is None:
                session = svc.plan_session(self.store, self.form(), today)
            else:
                session = svc.edit_session(self.store, self.session_id, self.form(), today)
        except FormError as error:
            show_errors(self, error.errors)
            if "session" in error.errors:
                self.notify(error.errors["session"], severity="error", markup=False)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify(f"Planned {session.title} on {session.date:%a} {session.date.day} {session.date:%b}.",
                    markup=False)
        self.dismiss(session.id)

    @on(Button.Pressed, "#plan-agenda")
    def _agenda(self) -> None:
        from psw_tui.screens.agenda_editor import AgendaEditorScreen

        self.app.push_screen(AgendaEditorScreen(session_id=self.session_id))
