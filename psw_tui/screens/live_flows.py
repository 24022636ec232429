"""The live screen's conversations: each dialog it opens and what happens with the answer.

Before any dialog opens, the focus goes to the note line, so that when the dialog closes
(saved or cancelled) the facilitator is typing notes again, never marking the register.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from textual.screen import Screen

from psw_tui.screens.close import CloseSessionScreen
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.live_dialogs import NoteChange, NoteEditScreen, RebalanceScreen, WalkIn, WalkInScreen
from psw_tui.screens.live_forms import ActionDraft, ActionScreen, ConcernDraft, ConcernScreen
from psw_tui.screens.review_actions import ReviewActionsScreen
from psw_tui.models import ANONYMOUS_NOTE_KINDS, FacilitatorNote
from psw_tui.services.live import LiveSession
from psw_tui.services.note_entry import KIND_LABELS, parse_entry
from psw_tui.services.rounds import Round, round_words
from psw_tui.failures import StoreError
from psw_tui.widgets.round_bar import RoundKeeper
from psw_tui.widgets.scale_tally import ScaleTallyBar

if TYPE_CHECKING:
    from psw_tui.screens.live import LiveScreen


class LiveFlows:
    """Opens the live screen's dialogs and applies their answers through ``LiveSession``."""

    def __init__(self, screen: LiveScreen) -> None:
        self.screen = screen
        self._kept_with_names: str | None = None  # a note the facilitator chose to keep as typed

    @property
    def live(self) -> LiveSession:
        live = self.screen.live
        assert live is not None
        return live

    @property
    def app(self) -> Any:
        return self.screen.app

    def _open(self, dialog: Screen[Any], chosen: Any = None) -> None:
        """Open a dialog with the note line focused underneath, so focus returns there."""
        self.screen.action_back_to_notes()
        self.app.push_screen(dialog, chosen)

    # -- starting and ending ---------------------------------------------------------------

    def begin(self) -> None:
        """Start the first segment (the group agreement was shown before this screen). Open
        actions carried from earlier sessions are offered for review, never pushed in front
        of the note line: a facilitator typing straight after Begin types a note."""
        live = self.live
        if not self.screen.attempt(live.start):
            self.app.pop_screen()
            return
        self.app.notify(f"Session started: {live.session.agenda[0].title}.")
        self.count_carried_actions()
        if self.screen.carried_actions:
            self.app.notify(
                f"{self.screen.carried_actions} open action(s) from earlier sessions: "
                "ctrl+y reviews them.",
                title="Carried actions",
            )

    def count_carried_actions(self) -> None:
        """How many open actions earlier sessions carried into this one (shown in the status)."""
        try:
            self.screen.carried_actions = self.live.carried_action_count()
        except StoreError as error:
            self.screen.carried_actions = 0
            self.app.notify(str(error), severity="error", title="Actions not loaded")
        self.screen.tick()  # the status line says so at once

    def review_actions(self) -> None:
        """Review the actions carried from earlier sessions (done, keep open, drop)."""

        def closed(_: object) -> None:
            self.count_carried_actions()
            self.screen.tick()

        self._open(ReviewActionsScreen(self.live.session.id), closed)

    def end_session(self) -> None:
        """Ask (with "Keep going" focused: an Enter typed for a note must not end it), then
        stop the clock and go to the debrief."""
        live = self.live

        def chosen(yes: bool | None) -> None:
            if yes and self.screen.attempt(live.end):
                self.app.notify("Session ended and saved.")
                self.app.switch_screen(CloseSessionScreen(live.session.id))

        self._open(
            ConfirmScreen("End the session now? The clock stops for good.", "End session", "Keep going",
                          focus_yes=False),
            chosen,
        )

    # -- the agenda ------------------------------------------------------------------------

    def offer_rebalance(self) -> None:
        """After moving on: say so when behind and there is something to rebalance."""
        reading = self.live.reading()
        if reading.behind_minutes >= 2 and self.live.rebalance_options():
            self.app.notify(f"{reading.schedule_words}. F10 offers ways to rebalance the agenda.", title="Schedule")

    def rebalance(self) -> None:
        """Offer ways to get back on schedule; nothing changes unless one is chosen."""
        live = self.live
        options = live.rebalance_options()
        if not options:
            self.app.notify(f"{live.reading().schedule_words}: nothing to rebalance.")
            return

        def chosen(option: Any) -> None:
            if option is not None and self.screen.attempt(lambda: live.apply_rebalance(option)):
                self.app.notify(f"Agenda rebalanced: {option.description}.")

        self._open(RebalanceScreen(live.reading().schedule_words, options, live.protected_titles()), chosen)

    # -- rounds and the arrive / leave scale -----------------------------------------------

    def toggle_round(self, *, shuffle: bool = False) -> None:
        """Start a round through the people present in this segment, or end the one running
        (keeping its counts only)."""
        keeper = self.screen.query_one(RoundKeeper)
        live = self.live
        if keeper.round is not None:
            ended = keeper.end()
            assert ended is not None
            count = ended.count()
            if count.spoke or count.passed:
                if self.screen.attempt(lambda: live.save_round(count), "notes"):
                    self.app.notify(f"Round ended: {round_words(count)}.")
            self.screen.tick()
            return
        speakers = live.present_speakers()
        current = live.reading().current
        if not speakers or current is None:
            self.app.notify("Mark who is here first (F7): a round goes round the people present.",
                            severity="warning")
            return
        keeper.begin(Round.begin(current.segment.id, speakers, self.screen.psw.time.now(), shuffle=shuffle))
        self.screen.tick()

    def round_step(self, how: str) -> None:
        """Next speaker, pass or back, in the round running."""
        keeper = self.screen.query_one(RoundKeeper)
        if keeper.round is None:
            self.app.notify("No round is running: ctrl+s starts one.", severity="warning")
            return
        keeper.step(how, self.screen.psw.time.now())
        self.screen.tick()

    def late_arrivals_join(self) -> None:
        """Someone marked present or late during a round joins the end of its order."""
        keeper = self.screen.query_one(RoundKeeper)
        if keeper.round is not None:
            for speaker in self.live.present_speakers():
                keeper.round.join(speaker)
            self.screen.tick()

    def tally(self, moment: str, point: int, change: int) -> None:
        """One answer more (or taken back) on the arrive or leave scale; saved at once."""
        live = self.live
        if self.screen.attempt(lambda: live.tally(moment, point, change), "notes"):
            self.screen.query_one(ScaleTallyBar).show(live.scale_words(), getattr(live.session, moment))

    # -- people ----------------------------------------------------------------------------

    def walk_in(self) -> None:
        """Add someone not on the roster (refused if the name is already on the register)."""

        def chosen(walk_in: WalkIn | None) -> None:
            if walk_in is not None and self.screen.attempt(
                lambda: self.live.add_walk_in(walk_in.name, guest=walk_in.guest)
            ):
                self.app.notify(f"{'Guest' if walk_in.guest else 'Walk-in'} added and marked present.")

        self._open(WalkInScreen(), chosen)

    # -- notes, actions, concerns ----------------------------------------------------------

    def save_note(self, text: str) -> None:
        """Save the note line as a note (or an action with ``a:``); the line is cleared only
        once it is saved, so nothing typed is lost. An anonymous note that names someone of
        the session asks once: keep it as typed (shared summaries show "[name]") or edit."""
        entry = parse_entry(text)
        if not entry.text:
            return
        live = self.live
        if not live.running:
            self.app.notify("The session is not running.", severity="warning")
            return
        if entry.kind in ANONYMOUS_NOTE_KINDS and text != self._kept_with_names:
            try:
                named = live.names_in(entry.text)
            except StoreError:
                named = []  # the roster cannot be read: save as typed, shared summaries still redact
            if named:
                self._ask_about_names(text, named)
                return
        self._save_entry(text)

    def _ask_about_names(self, text: str, named: list[str]) -> None:
        who = ", ".join(named[:3]) + (" and others" if len(named) > 3 else "")

        def chosen(keep: bool | None) -> None:
            if keep:
                self._kept_with_names = text
                self._save_entry(text)

        self._open(
            ConfirmScreen(
                f"This anonymous note names {who}. Keep it as typed (shared summaries will show "
                "[name] instead), or edit it first?",
                "Keep as typed",
                "Edit",
                focus_yes=False,  # Enter typed for the next note goes back to editing this one
            ),
            chosen,
        )

    def _save_entry(self, text: str) -> None:
        entry = parse_entry(text)
        live = self.live
        if entry.is_action:
            saved = self.screen.attempt(lambda: live.add_action(entry.text), "notes")
            if saved:
                self.app.notify("Action saved (ctrl+o adds one with an owner or due date).")
        else:
            saved = self.screen.attempt(lambda: live.add_note(entry.kind, entry.text), "notes")  # type: ignore[arg-type]
        if saved:
            self._kept_with_names = None
            self.screen.note_bar.clear()

    def edit_note(self, note_id: UUID) -> None:
        """Change or remove a note (shows only its kind and text)."""
        live = self.live
        try:
            note = live.note(note_id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Cannot open the note")
            return
        if note is None:
            return

        def chosen(change: NoteChange | None) -> None:
            if change is None:
                return
            if change.text is None:
                if self.screen.attempt(lambda: live.remove_note(note_id), "notes"):
                    self.app.notify("Note removed.")
            else:
                self.screen.attempt(
                    lambda: live.edit_note(note_id, change.text or "", for_supervision=change.for_supervision),
                    "notes",
                )

        marked = note.for_supervision if isinstance(note, FacilitatorNote) else None
        self._open(NoteEditScreen(KIND_LABELS[note.kind], note.text, marked), chosen)

    def add_action(self) -> None:
        """An action with an optional owner (roster, walk-in or guest) and due date; it takes
        the note line's text."""
        live = self.live
        bar = self.screen.note_bar
        text = bar.value.split(":", 1)[1].strip() if bar.value.lower().startswith("a:") else bar.value

        def chosen(draft: ActionDraft | None) -> None:
            if draft is not None and self.screen.attempt(
                lambda: live.add_action(draft.text, draft.owner_id, draft.due, owner_name=draft.owner_name)
            ):
                bar.clear()
                self.app.notify("Action saved.")

        today = self.screen.psw.time.today()
        self._open(ActionScreen(live.members(), today, text.strip(), live.visitor_names()), chosen)

    def concern(self) -> None:
        """Record a concern: the route taken, never the words."""
        live = self.live
        facilitators = [m.display_name for m in live.members() if m.role.value == "facilitator"]

        def chosen(draft: ConcernDraft | None) -> None:
            if draft is not None and self.screen.attempt(
                lambda: live.record_concern(draft.kind, draft.action_taken, draft.escalated_to, draft.recorded_by)
            ):
                self.app.notify("Concern recorded.")

        self._open(ConcernScreen(facilitators[0] if len(facilitators) == 1 else ""), chosen)
