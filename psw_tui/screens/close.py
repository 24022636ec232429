"""Closing a session: debrief, register check, signposting, then the summary and export.

The live screen pushes :class:`CloseSessionScreen` right after the session has ended. Each
step saves when the facilitator moves on (ctrl+s), so nothing is half-saved; ctrl+b goes back.
"""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    ContentSwitcher,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from psw_tui.models import Attendance, Debrief, GroupKind, ReflectionModel
from psw_tui.screens.reflection_editor import ReflectionEditor
from psw_tui.services import closing
from psw_tui.services.live import LiveSession
from psw_tui.services.summary import STATUS_WORDS
from psw_tui.screens.summary import SummaryPreview
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records

STEPS = ("debrief", "register", "signposting", "preview")
STEP_TITLES = {
    "debrief": "Your debrief",
    "register": "Register check",
    "signposting": "Signposting",
    "preview": "Summary",
}
DEBRIEF_FIELDS = (
    ("how_was_it", "How was it for you?"),
    ("to_escalate", "Anything to escalate?"),
    ("self_care", "What self-care now?"),
    ("for_supervision", "Anything to take to supervision?"),
)


class RegisterCheck(DataTable):
    """The people still without a status; one key sets each."""

    BINDINGS = [
        Binding("p", "mark('present')", "Present", id="close.present"),
        Binding("l", "mark('late')", "Late", id="close.late"),
        Binding("e", "mark('left_early')", "Left early", id="close.left_early"),
        Binding("a", "mark('apologies')", "Apologies", id="close.apologies"),
        Binding("d", "mark('did_not_attend')", "Did not attend", id="close.did_not_attend"),
    ]

    def action_mark(self, status: str) -> None:
        """Set the highlighted person's status."""
        screen = self.screen
        if isinstance(screen, CloseSessionScreen) and self.row_count:
            row_key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
            screen.mark(UUID(str(row_key.value)), Attendance(status))


class CloseSessionScreen(PswScreen, Screen[bool]):
    """The end-of-session walk-through; dismisses with True when finished."""

    BINDINGS = [
        Binding("ctrl+s", "next_step", "Continue", id="close.next"),
        Binding("ctrl+b", "previous_step", "Back", id="close.back"),
        Binding("s", "toggle_shareable", "Internal / shareable", id="close.toggle"),
        Binding("x", "export", "Export", id="close.export"),
    ]

    def __init__(self, session_id: UUID) -> None:
        super().__init__()
        self.session_id = session_id
        self.step = 0
        self._offered_self_disclosure = False  # once per closing: it can be written later too

    @property
    def live(self) -> LiveSession:
        """The session's services (register, notes), for an ended session."""
        return LiveSession(self.psw.store, self.session_id, self.psw.time)

    def compose(self) -> ComposeResult:
        session = records.session(self.psw.store, self.session_id)
        group = records.group(self.psw.store, session.group_id)
        debrief = session.debrief or Debrief()
        yield Header()
        yield Static("", id="close-step", classes="title")
        with ContentSwitcher(initial="debrief", id="close-steps"):
            with VerticalScroll(id="debrief"):
                yield Static("Private to you: the debrief is kept with the session and is in no "
                             "summary.", classes="hint")
                for field, question in DEBRIEF_FIELDS:
                    yield Label(question)
                    yield TextArea(getattr(debrief, field), id=f"debrief-{field.replace('_', '-')}",
                                   classes="debrief-answer")
                for member_id, name in closing.co_facilitators(self.psw.store, self.session_id):
                    part = session.co_debriefs.get(member_id)
                    yield Label(f"{name}'s part: how was it for you? (private, in no summary)")
                    yield TextArea(part.how_was_it if part else "", id=f"co-debrief-{member_id}",
                                   classes="debrief-answer co-debrief")
                yield Checkbox("I shared from my own experience today (a self-disclosure reflection "
                               "follows)", debrief.shared_own_experience, id="debrief-shared")
                yield Checkbox("Bring this debrief to supervision (listed under For supervision, "
                               "in no export)", debrief.bring_to_supervision, id="debrief-supervision")
        with Horizontal(classes="buttons"):
            yield Button("Back", id="close-back")
            yield Button("Continue", variant="primary", id="close-next")
        yield Footer()
        self._signposting = list(group.signposting) if group else []
        self._group_id = session.group_id

    def on_mount(self) -> None:
        # The debrief shows first; the later steps are built just after its first frame, so
        # ending a session reaches the debrief at once.
        self._show()
        self.call_after_refresh(self._mount_later_steps)

    def _later_steps(self) -> list[Widget]:
        register = Vertical(
            Static("", id="register-hint", classes="hint"),
            RegisterCheck(id="close-register", cursor_type="row"),
            *self._learner_fields(),
            id="register",
        )
        signposting = Vertical(
            Static("Tick what was offered today (space). Add to the group's list below; "
                   "delete removes the highlighted entry from the list.", classes="hint"),
            SelectionList[str](id="close-signposts"),
            Input(placeholder="Add a service or number to the group's list, then Enter", id="signpost-new"),
            id="signposting",
        )
        return [register, signposting, SummaryPreview(self.session_id, id="preview")]

    async def _mount_later_steps(self) -> None:
        steps = self._later_steps()
        for step in steps:
            step.display = False
        await self.query_one("#close-steps", ContentSwitcher).mount_all(steps)
        table = self.query_one("#close-register", RegisterCheck)
        table.add_columns("Name", "Role", "Attendance")
        for entry_id, name, role in closing.unmarked(self.psw.store, self.session_id):
            table.add_row(Text(name), role, STATUS_WORDS[None], key=str(entry_id))
        self._fill_signposts()

    # -- steps ---------------------------------------------------------------------------

    def _show(self) -> None:
        name = STEPS[self.step]
        self.query_one("#close-steps", ContentSwitcher).current = name
        self.query_one("#close-step", Static).update(
            f"Closing the session · step {self.step + 1} of {len(STEPS)}: {STEP_TITLES[name]}"
        )
        self.query_one("#close-back", Button).disabled = self.step == 0
        self.query_one("#close-next", Button).label = "Finish" if name == "preview" else "Continue"
        if name == "register":
            self._update_register_hint()
            self.query_one("#close-register").focus()
        elif name == "signposting":
            self.query_one("#close-signposts").focus()
        elif name == "preview":
            preview = self.query_one("#preview", SummaryPreview)
            preview.refresh_summary()
            self.query_one("#summary-scroll").focus()
        else:
            self.query_one("#debrief-how-was-it").focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_shareable", "export"):
            return STEPS[self.step] == "preview"
        if action == "previous_step":
            return self.step > 0
        return True

    @on(Button.Pressed, "#close-next")
    def action_next_step(self) -> None:
        """Save this step and go on (Finish on the summary)."""
        name = STEPS[self.step]
        try:
            if name == "debrief":
                self._save_debrief()
            elif name == "register":
                self._save_learner_count()
            elif name == "signposting":
                self._save_signposts()
        except (StoreError, ValueError) as error:
            self.notify(str(error), severity="error", title="Not saved", markup=False)
            return
        if name == "preview":
            self.dismiss(True)
            return
        self.step += 1
        self._show()

    @on(Button.Pressed, "#close-back")
    def action_previous_step(self) -> None:
        """Go back a step."""
        if self.step > 0:
            self.step -= 1
            self._show()

    def action_toggle_shareable(self) -> None:
        """Switch the preview between internal record and shareable summary."""
        self.query_one("#preview", SummaryPreview).toggle()

    def action_export(self) -> None:
        """Export the session from the preview."""
        self.query_one("#preview", SummaryPreview).export()

    # -- debrief ---------------------------------------------------------------------------

    def _save_debrief(self) -> None:
        answers = {
            field: self.query_one(f"#debrief-{field.replace('_', '-')}", TextArea).text.strip()
            for field, _ in DEBRIEF_FIELDS
        }
        for area in self.query(".co-debrief").results(TextArea):
            member_id = UUID(str(area.id).removeprefix("co-debrief-"))
            closing.save_co_debrief(self.psw.store, self.session_id, member_id, area.text)
        shared = self.query_one("#debrief-shared", Checkbox).value
        to_supervision = self.query_one("#debrief-supervision", Checkbox).value
        debrief = Debrief(**answers, shared_own_experience=shared, bring_to_supervision=to_supervision)
        before = closing.save_debrief(self.psw.store, self.session_id, debrief)
        if shared and not self._offered_self_disclosure:
            self._offered_self_disclosure = True
            self.app.push_screen(
                ReflectionEditor(model=ReflectionModel.SELF_DISCLOSURE, session_id=self.session_id,
                                 title=f"Sharing my experience: {before.title}")
            )

    # -- register --------------------------------------------------------------------------

    def mark(self, entry_id: UUID, status: Attendance) -> None:
        """Set one person's status and show it."""
        try:
            self.live.set_attendance(entry_id, status)
        except (StoreError, ValueError) as error:
            self.notify(str(error), severity="error", title="Not saved", markup=False)
            return
        table = self.query_one("#close-register", RegisterCheck)
        table.update_cell(str(entry_id), table.ordered_columns[2].key, STATUS_WORDS[status])
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)
        self._update_register_hint()

    def _learner_fields(self) -> list[Widget]:
        """For a course: how many learners came (when they are not on a roster)."""
        store = self.psw.store
        session = records.session(store, self.session_id)
        group = records.group(store, session.group_id)
        if group is None or group.kind is not GroupKind.COURSE:
            return []
        count = "" if session.learner_count is None else str(session.learner_count)
        return [
            Label("Learners today (when learners are not on the roster; Continue saves it)"),
            Input(count, id="learner-count", restrict=r"[0-9]*", max_length=5),
        ]

    def _save_learner_count(self) -> None:
        found = self.query("#learner-count").results(Input)
        for field in found:
            text = field.value.strip()
            closing.save_learner_count(self.psw.store, self.session_id, int(text) if text else None)

    def _update_register_hint(self) -> None:
        waiting = len(closing.unmarked(self.psw.store, self.session_id))
        table = self.query_one("#close-register", RegisterCheck)
        table.display = table.row_count > 0
        if table.row_count == 0:
            text = "Everyone on the register has a status."
        elif waiting:
            text = (f"{waiting} {'person has' if waiting == 1 else 'people have'} no status yet. "
                    "p present · l late · e left early · a apologies · d did not attend")
        else:
            text = "Everyone on the register now has a status."
        self.query_one("#register-hint", Static).update(text)

    # -- signposting -----------------------------------------------------------------------

    def _fill_signposts(self) -> None:
        chooser = self.query_one("#close-signposts", SelectionList)
        offered = closing.signposts_offered(self.psw.store, self.session_id)
        chosen = set(chooser.selected)
        highlighted = chooser.highlighted
        chooser.clear_options()
        for text in self._signposting:
            done = text.casefold() in offered
            chooser.add_option(Selection(Content(text + (" (recorded)" if done else "")), text,
                                         done or text in chosen, disabled=done))
        if chooser.option_count:
            chooser.highlighted = min(highlighted or 0, chooser.option_count - 1)

    @on(Input.Submitted, "#signpost-new")
    def _add_signpost(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())
        if not text:
            return
        self._save_list([*self._signposting, text], f"Added to the group's list: {text}")
        event.input.value = ""

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        chooser = self.query_one("#close-signposts", SelectionList)
        if key == "delete" and chooser.has_focus and chooser.highlighted is not None:
            text = chooser.get_option_at_index(chooser.highlighted).value
            self._save_list([t for t in self._signposting if t != text], f"Removed from the group's list: {text}")

    def _save_list(self, items: list[str], message: str) -> None:
        try:
            group = closing.save_signposting(self.psw.store, self._group_id, items)
        except (StoreError, ValueError) as error:
            self.notify(str(error), severity="error", title="Not saved", markup=False)
            return
        self._signposting = list(group.signposting)
        self._fill_signposts()
        self.notify(message, markup=False)

    def _save_signposts(self) -> None:
        chooser = self.query_one("#close-signposts", SelectionList)
        offered = closing.signposts_offered(self.psw.store, self.session_id)
        new = [text for text in chooser.selected if text.casefold() not in offered]
        closing.record_signposts(self.psw.store, self.session_id, new)
