"""What each key of the live screen does (mixed into ``LiveScreen``).

Each action changes the session through ``LiveSession`` (which saves at once), then
redraws. Store errors become a notification; nothing typed is thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from pydantic import ValidationError
from textual.widgets import Input

from psw_tui.models import SessionStatus
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.live_dialogs import (
    NoteChange,
    NoteEditScreen,
    RebalanceScreen,
    WalkIn,
    WalkInScreen,
)
from psw_tui.screens.close import CloseSessionScreen
from psw_tui.screens.review_actions import ReviewActionsScreen
from psw_tui.screens.live_forms import ActionDraft, ActionScreen, ConcernDraft, ConcernScreen
from psw_tui.services.actions import has_open_actions
from psw_tui.services.live import LiveError
from psw_tui.services.note_entry import KIND_LABELS
from psw_tui.storage import StoreError

if TYPE_CHECKING:
    from psw_tui.services.live import LiveSession

# Actions that would show names or notes: not offered while the projector view is up.
PRIVATE_ACTIONS = frozenset(
    {"register", "walk_in", "concern", "add_action", "rebalance", "back_to_notes"}
)
CLOCK_ACTIONS = frozenset(
    {"toggle_pause", "previous_segment", "next_segment", "less_time", "more_time", "rebalance"}
)


class LiveActions:
    """Key actions of the live screen."""

    live: LiveSession | None
    app: Any

    def _attempt(self, change: Callable[[], object], redraw: str = "all") -> bool:
        """Run a change; report a store or live error instead of raising. True if it worked.

        ``redraw`` names what the change can alter ("all", "register" or "notes"): redrawing
        only that keeps a key in a live room quick."""
        try:
            change()
        except LiveError as error:
            self.app.notify(str(error).capitalize() + ".", severity="warning")
            return False
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Not saved")
            return False
        except ValidationError as error:
            self.app.notify(f"Not saved: {error.errors()[0]['msg']}.", severity="warning")
            return False
        self.redraw(redraw)
        return True

    def redraw(self, part: str = "all") -> None:
        """Redraw ``part`` from the store; a record that cannot be read is reported, never
        raised."""
        refresh = {
            "all": self.refresh_all,  # type: ignore[attr-defined]
            "register": self.refresh_register,  # type: ignore[attr-defined]
            "notes": self.refresh_notes,  # type: ignore[attr-defined]
        }[part]
        try:
            refresh()
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Saved, but not all can be shown")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide private actions in the projector view, and clock actions once ended."""
        if action in PRIVATE_ACTIONS and self.has_class("-projector"):  # type: ignore[attr-defined]
            return False
        if action in CLOCK_ACTIONS or action in PRIVATE_ACTIONS or action == "end_session":
            live = self.live
            return live is not None and live.session.status is SessionStatus.RUNNING
        return True

    # -- starting and ending ---------------------------------------------------------------

    def begin(self) -> None:
        """Start the first segment (the group agreement was shown before this screen)."""
        live = self.live
        assert live is not None
        if self._attempt(live.start):
            self.app.notify(f"Session started: {live.session.agenda[0].title}.")
            self.after_start()
        else:
            self.app.pop_screen()

    def after_start(self) -> None:
        """Once the first segment runs: review the actions carried from earlier sessions."""
        live = self.live
        assert live is not None
        try:
            carried = has_open_actions(live.store, live.session.id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Actions not loaded")
            return
        if carried:
            self.app.push_screen(ReviewActionsScreen(live.session.id))

    def action_end_session(self) -> None:
        """Ask, then stop the clock and end the session."""
        live = self.live
        assert live is not None

        def chosen(yes: bool | None) -> None:
            if yes and self._attempt(live.end):
                self.after_end()

        self.app.push_screen(
            ConfirmScreen(
                "End the session now? The clock stops for good.",
                "End session",
                "Keep going",
                focus_yes=False,  # Enter typed for a note must not end the session
            ),
            chosen,
        )

    def after_end(self) -> None:
        """Once ended: leave the live screen for the debrief, register check and summary."""
        live = self.live
        assert live is not None
        self.app.notify("Session ended and saved.")
        self.app.pop_screen()
        self.app.push_screen(CloseSessionScreen(live.session.id))

    # -- the clock -------------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        """Pause or resume the segment clock."""
        self._attempt(self.live.toggle_pause)  # type: ignore[union-attr]

    def action_pause(self) -> None:
        """Pause the clock (palette)."""
        self._attempt(self.live.pause)  # type: ignore[union-attr]

    def action_resume(self) -> None:
        """Resume the clock (palette)."""
        self._attempt(self.live.resume)  # type: ignore[union-attr]

    def action_next_segment(self) -> None:
        """Move on; on the last segment, offer to end the session."""
        live = self.live
        assert live is not None
        if not live.can_move(1):
            self.action_end_session()
            return
        if self._attempt(live.next_segment):
            self._offer_rebalance()

    def action_previous_segment(self) -> None:
        """Go back a segment (its time carries on)."""
        self._attempt(self.live.previous_segment)  # type: ignore[union-attr]

    def action_more_time(self) -> None:
        """Add a minute to this segment."""
        self._attempt(lambda: self.live.adjust_minutes(1))  # type: ignore[union-attr]

    def action_less_time(self) -> None:
        """Take a minute off this segment."""
        self._attempt(lambda: self.live.adjust_minutes(-1))  # type: ignore[union-attr]

    def _offer_rebalance(self) -> None:
        live = self.live
        assert live is not None
        reading = live.reading()
        if reading.behind_minutes >= 2 and live.rebalance_options():
            self.app.notify(
                f"{reading.schedule_words}. F10 offers ways to rebalance the agenda.",
                title="Schedule",
            )

    def action_rebalance(self) -> None:
        """Offer ways to get back on schedule; nothing changes unless one is chosen."""
        live = self.live
        assert live is not None
        options = live.rebalance_options()
        if not options:
            self.app.notify(f"{live.reading().schedule_words}: nothing to rebalance.")
            return

        def chosen(option: Any) -> None:
            if option is not None and self._attempt(lambda: live.apply_rebalance(option)):
                self.app.notify(f"Agenda rebalanced: {option.description}.")

        self.app.push_screen(RebalanceScreen(live.reading().schedule_words, options), chosen)

    # -- register ------------------------------------------------------------------------------

    def action_register(self) -> None:
        """Move to the register (Space cycles a status; Escape returns to the note line)."""
        self.query_one("#register").focus()  # type: ignore[attr-defined]

    def on_register_table_cycle(self, message: Any) -> None:
        self._attempt(lambda: self.live.cycle_attendance(message.entry_id), "register")  # type: ignore[union-attr]

    def on_register_table_set_status(self, message: Any) -> None:
        self._attempt(
            lambda: self.live.set_attendance(message.entry_id, message.status),  # type: ignore[union-attr]
            "register",
        )

    def action_walk_in(self) -> None:
        """Add someone not on the roster."""

        def chosen(walk_in: WalkIn | None) -> None:
            if walk_in is not None and self._attempt(
                lambda: self.live.add_walk_in(walk_in.name, guest=walk_in.guest)  # type: ignore[union-attr]
            ):
                self.app.notify(f"{'Guest' if walk_in.guest else 'Walk-in'} added and marked present.")

        self.app.push_screen(WalkInScreen(), chosen)

    # -- notes, actions, concerns ----------------------------------------------------------

    def action_back_to_notes(self) -> None:
        """Return to the note line."""
        self.query_one("#note-line").focus()  # type: ignore[attr-defined]

    def edit_note(self, note_id: UUID) -> None:
        """Change or remove a note (shows only its kind and text)."""
        live = self.live
        assert live is not None
        try:
            note = live.store.notes(live.session.id).get(note_id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Cannot open the note")
            return
        if note is None:
            return

        def chosen(change: NoteChange | None) -> None:
            if change is None:
                return
            if change.text is None:
                if self._attempt(lambda: live.remove_note(note_id)):
                    self.app.notify("Note removed.")
            else:
                self._attempt(lambda: live.edit_note(note_id, change.text or ""))
            self.action_back_to_notes()

        self.app.push_screen(NoteEditScreen(KIND_LABELS[note.kind], note.text), chosen)

    def action_add_action(self) -> None:
        """Add an action with an optional owner and due date (takes the note line's text)."""
        live = self.live
        assert live is not None
        line = self.query_one("#note-line", Input)  # type: ignore[attr-defined]
        text = line.value.split(":", 1)[1].strip() if line.value.lower().startswith("a:") else line.value

        def chosen(draft: ActionDraft | None) -> None:
            if draft is not None and self._attempt(
                lambda: live.add_action(draft.text, draft.owner_id, draft.due)
            ):
                line.value = ""
                self.app.notify("Action saved.")

        self.app.push_screen(ActionScreen(live.members(), self.app.time.today(), text.strip()), chosen)

    def action_concern(self) -> None:
        """Record a concern: the route taken, never the words."""
        live = self.live
        assert live is not None
        facilitators = [m.display_name for m in live.members() if m.role.value == "facilitator"]

        def chosen(draft: ConcernDraft | None) -> None:
            if draft is not None and self._attempt(
                lambda: live.record_concern(draft.kind, draft.action_taken, draft.escalated_to, draft.recorded_by)
            ):
                self.app.notify("Concern recorded.")

        recorded_by = facilitators[0] if len(facilitators) == 1 else ""
        self.app.push_screen(ConcernScreen(recorded_by), chosen)

    # -- views -----------------------------------------------------------------------------

    def action_projector(self) -> None:
        """Show only the clock, the segment title and its prompts (press again to return)."""
        on = not self.has_class("-projector")  # type: ignore[attr-defined]
        self.set_class(on, "-projector")  # type: ignore[attr-defined]
        self.app.clear_notifications()
        if on:
            self.set_focus(None)  # type: ignore[attr-defined] - keys typed now save nothing
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.tick()  # type: ignore[attr-defined]
        if not on:
            self.action_back_to_notes()
