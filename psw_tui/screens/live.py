"""The live session screen: clock, agenda, register and the note line, for 90 minutes in a room.

The screen is made of widgets that own their keys: the note line types, the register marks
only in marking mode (F7, with a banner), the notes list edits. Every typed character that
reaches a widget which does not type goes to the note line, and focus comes back to the note
line after marking or any dialog, so text typed for a note never changes the register.
Every change is saved as it happens, and the time shown is always computed from the stored
anchors, so a crash or a sleeping laptop never puts the clock wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from psw_tui.models import SessionStatus
from psw_tui.screens.base import PswScreen
from psw_tui.screens.live_flows import LiveFlows
from psw_tui.screens.live_keys import CLOCK_ACTIONS, LIVE_BINDINGS, PRIVATE_ACTIONS
from psw_tui.services.clock import ClockReading, Level
from psw_tui.services.live import LiveError, LiveSession
from psw_tui.failures import StoreError
from psw_tui.widgets.agenda_table import AgendaTable
from psw_tui.widgets.note_bar import NoteBar
from psw_tui.widgets.notes_list import NotesList
from psw_tui.widgets.projector_view import ProjectorView
from psw_tui.widgets.register_pane import RegisterPane
from psw_tui.widgets.register_table import RegisterTable
from psw_tui.widgets.round_bar import RoundKeeper, speaker_time_words
from psw_tui.widgets.scale_tally import ScaleTallyBar
from psw_tui.widgets.session_clock import SessionClock

class LiveScreen(PswScreen, Screen[None]):
    """One running session."""

    BINDINGS = LIVE_BINDINGS

    def __init__(self, session_id: UUID | None, *, wait_for_begin: bool = False) -> None:
        """Open ``session_id``: a running one resumes, a planned one starts on mount unless
        ``wait_for_begin`` (then :meth:`begin` starts it, with the screen already built;
        ``session_id`` may then be None for a session created at that moment)."""
        super().__init__()
        self.session_id = session_id
        self._wait_for_begin = wait_for_begin
        self.live: LiveSession | None = None
        self._group_name = ""  # read once on mount: the status line is redrawn every tick
        self._alerted: set[tuple[UUID, object]] = set()
        self.carried_actions = 0  # open actions from earlier sessions, shown in the status line
        self.flows = LiveFlows(self)

    def compose(self) -> ComposeResult:
        yield Static("", id="live-status", markup=False)
        with Vertical(id="live-main"):
            yield SessionClock(id="live-clock")
            with Horizontal(id="live-body"):
                with Vertical(id="agenda-pane", classes="pane"):
                    yield Static("Agenda", classes="pane-title", id="agenda-title")
                    yield AgendaTable(id="agenda")
                yield RegisterPane(home="#note-line", id="register-pane", classes="pane")
                with Vertical(id="notes-pane", classes="pane"):
                    yield Static("Notes in this segment", classes="pane-title", id="notes-title")
                    yield NotesList(home="#note-line", id="notes")
            yield RoundKeeper(id="round-bar")
            yield ScaleTallyBar(home="#note-line", id="scale-tally")
            yield NoteBar(id="note-entry")
        yield ProjectorView(id="projector")
        yield Footer()

    @property
    def session_running(self) -> bool:
        """Whether this screen's session is running (quitting asks first)."""
        return self.live is not None and self.live.running

    @property
    def note_bar(self) -> NoteBar:
        """The note line and its kind label."""
        return self.query_one(NoteBar)

    # -- opening ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.note_bar.focus_line()
        if self._wait_for_begin:
            return  # built and hidden under the group agreement until it is accepted
        self._open()

    def begin(self, session_id: UUID) -> None:
        """The agreement was accepted: open ``session_id`` and start it."""
        self.session_id, self._wait_for_begin = session_id, False
        self._open()

    def _open(self) -> None:
        assert self.session_id is not None
        settings = self.psw.settings
        try:
            self.live = LiveSession(
                self.psw.store,
                self.session_id,
                self.psw.time,
                warn_at=settings.warn_at_fraction,
                urgent_at=settings.urgent_at_fraction,
            )
            self._group_name = self.live.group_name()
            if self.live.session.status is SessionStatus.PLANNED:
                self.flows.begin()
            else:
                self.flows.count_carried_actions()
                self.refresh_all()
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Cannot open the session")
            self.live = None
            self.app.pop_screen()
            return
        self.set_interval(0.5, self.tick)

    # -- drawing ---------------------------------------------------------------------------

    def attempt(self, change: Callable[[], object], redraw: str = "all") -> bool:
        """Run a change; report a store or live error instead of raising. True if it worked.

        ``redraw`` names what the change can alter ("all", "register" or "notes"): redrawing
        only that keeps a key in a live room quick."""
        try:
            change()
        except LiveError as error:
            words = str(error)
            self.app.notify(words[:1].upper() + words[1:] + ".", severity="warning")  # names as written
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
        refresh = {"all": self.refresh_all, "register": self.refresh_register, "notes": self.refresh_notes}[part]
        try:
            refresh()
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Saved, but not all can be shown")

    def refresh_all(self) -> None:
        """Redraw everything from the store (after any change)."""
        if self.live is None:
            return
        self.refresh_register()
        self.refresh_notes()
        self.tick()

    def tick(self) -> None:
        """Redraw the clock and agenda; ring once when a segment's time is up."""
        if self.live is None or self.live.session.status is not SessionStatus.RUNNING:
            return
        reading = self.live.reading()
        self._alert_at_zero(reading)
        settings = self.psw.settings
        position = ""
        if reading.current is not None:
            position = f"({reading.current.index + 1} of {len(reading.segments)})"
            lead = self.live.lead_of(reading.current.segment.id)
            position += f" · lead: {lead}" if lead else ""
        clock = self.query_one(SessionClock)
        clock.show(
            reading,
            show_overrun=settings.show_overrun,
            position=position,
            check_in_question=self.live.session.check_in_question,
        )
        self.query_one(AgendaTable).show(reading, self.live.session)
        self._show_status(reading)
        now = self.psw.time.now()
        left = reading.current.remaining_seconds if reading.current is not None else 0.0
        keeper = self.query_one(RoundKeeper)
        keeper.show(keeper.round, now, left)
        if self.has_class("-projector"):
            self.query_one(ProjectorView).show(
                reading, show_overrun=settings.show_overrun, prompt=clock.prompt,
                speaker=speaker_time_words(keeper.round, now, left),
            )

    def _show_status(self, reading: ClockReading) -> None:
        assert self.live is not None
        # What needs doing comes first: at 80 columns the group's name is what gets cut.
        words = [reading.schedule_words]
        if reading.behind_minutes > 0 and self.live.rebalance_options():
            words.append("F10 rebalance")
        if self.carried_actions:
            words.append(f"ctrl+y {self.carried_actions} carried action(s)")
        words.append(self._group_name)
        text = " · ".join(words)
        status = self.query_one("#live-status", Static)
        if str(status.content) != text:
            status.update(text)

    def _alert_at_zero(self, reading: ClockReading) -> None:
        current = reading.current
        if self.live is None or current is None or reading.level is not Level.OVERRUN or reading.paused:
            return
        key = (current.segment.id, self.live.session.runs[-1].started_at)
        if key in self._alerted:
            return
        self._alerted.add(key)
        if current.remaining_seconds < -5:
            return  # reopened long after zero: no bell for an old alarm
        if self.psw.settings.bell:
            self.app.bell()
        self.app.notify(f"Time is up for {current.segment.title}.", title="Segment clock")

    def refresh_register(self) -> None:
        """Redraw the register and its head count."""
        assert self.live is not None
        self.query_one(RegisterPane).show(self.live.register_rows(), self.live.head_count())

    def refresh_notes(self) -> None:
        """List the notes of the current segment, by kind and text (never entry order)."""
        live = self.live
        assert live is not None
        run = live.session.runs[-1] if live.session.runs else None
        notes = live.notes(run.segment_id) if run is not None else []
        self.query_one(NotesList).show(notes)
        concerns = live.concern_count()
        title = f"Notes in this segment · {len(notes)}"
        if concerns:
            title += f" · {concerns} concern{'s' if concerns != 1 else ''} recorded"
        self.query_one("#notes-title", Static).update(title)

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide private actions in the projector view, and clock actions once ended."""
        if action in PRIVATE_ACTIONS and self.has_class("-projector"):
            return False
        if action in CLOCK_ACTIONS or action in PRIVATE_ACTIONS or action == "end_session":
            live = self.live
            return live is not None and live.session.status is SessionStatus.RUNNING
        return True

    def _live(self) -> LiveSession:
        assert self.live is not None
        return self.live

    def action_toggle_pause(self) -> None:
        """Pause or resume the segment clock."""
        self.attempt(self._live().toggle_pause)

    def action_pause(self) -> None:
        """Pause the clock (palette)."""
        self.attempt(self._live().pause)

    def action_resume(self) -> None:
        """Resume the clock (palette)."""
        self.attempt(self._live().resume)

    def action_next_segment(self) -> None:
        """Move on; on the last segment, offer to end the session."""
        live = self._live()
        if not live.can_move(1):
            self.flows.end_session()
        elif self.attempt(live.next_segment):
            self.flows.offer_rebalance()

    def action_end_session(self) -> None:
        """Ask, then stop the clock and end the session."""
        self.flows.end_session()

    def action_previous_segment(self) -> None:
        """Go back a segment (its time carries on)."""
        self.attempt(self._live().previous_segment)

    def action_more_time(self) -> None:
        """Add a minute to this segment."""
        self.attempt(lambda: self._live().adjust_minutes(1))

    def action_less_time(self) -> None:
        """Take a minute off this segment."""
        self.attempt(lambda: self._live().adjust_minutes(-1))

    def action_next_prompt(self) -> None:
        """Show the segment's next prompt (the projector view follows)."""
        self.query_one(SessionClock).step_prompt(1)
        self.tick()

    def action_previous_prompt(self) -> None:
        """Show the segment's previous prompt."""
        self.query_one(SessionClock).step_prompt(-1)
        self.tick()

    def action_round(self, shuffle: bool = False) -> None:
        """Start a round through the people present (seat order, or shuffled); again, end it."""
        self.flows.toggle_round(shuffle=shuffle)

    def action_speaker(self, how: str) -> None:
        """Next speaker, pass, or back a speaker in the round."""
        self.flows.round_step(how)

    def action_review_actions(self) -> None:
        """Review the open actions carried from earlier sessions."""
        self.flows.review_actions()

    def action_rebalance(self) -> None:
        """Offer ways to get back on schedule; nothing changes unless one is chosen."""
        self.flows.rebalance()

    def action_register(self) -> None:
        """Marking mode: Space cycles, 1-5 set, Esc (or any other typing) back to notes."""
        self.query_one(RegisterPane).start_marking()

    def action_walk_in(self) -> None:
        """Add someone not on the roster."""
        self.flows.walk_in()

    def action_add_action(self) -> None:
        """Add an action with an optional owner and due date (takes the note line's text)."""
        self.flows.add_action()

    def action_concern(self) -> None:
        """Record a concern: the route taken, never the words."""
        self.flows.concern()

    def action_back_to_notes(self) -> None:
        """Return to the note line."""
        self.query_one(RegisterPane).stop_marking()
        self.note_bar.focus_line()

    def action_projector(self) -> None:
        """Show only the clock, the segment title and its prompt (press again to return)."""
        on = not self.has_class("-projector")
        self.set_class(on, "-projector")
        self.app.clear_notifications()
        if on:
            self.query_one(RegisterPane).stop_marking()
            self.set_focus(None)  # keys typed now save nothing
        self.refresh_bindings()
        self.tick()
        if not on:
            self.note_bar.focus_line()

    # -- messages from the widgets ---------------------------------------------------------

    @on(RegisterTable.Cycle)
    def _cycle(self, message: RegisterTable.Cycle) -> None:
        if self.attempt(lambda: self._live().cycle_attendance(message.entry_id), "register"):
            self.flows.late_arrivals_join()

    @on(RegisterTable.SetStatus)
    def _set_status(self, message: RegisterTable.SetStatus) -> None:
        if self.attempt(lambda: self._live().set_attendance(message.entry_id, message.status), "register"):
            self.flows.late_arrivals_join()

    def action_scale(self, moment: str) -> None:
        """Tally the arrive (``arrival``) or leave (``leaving``) scale: 1-5 per answer."""
        live = self._live()
        self.query_one(RegisterPane).stop_marking()
        self.query_one(ScaleTallyBar).start(moment, live.scale_words(), getattr(live.session, moment))

    @on(RegisterTable.Done)
    def _done_marking(self) -> None:
        if not self.has_class("-projector"):
            self.note_bar.focus_line()

    @on(ScaleTallyBar.Add)
    def _tally_add(self, message: ScaleTallyBar.Add) -> None:
        self.flows.tally(message.moment, message.point, 1)

    @on(ScaleTallyBar.TakeBack)
    def _tally_take_back(self, message: ScaleTallyBar.TakeBack) -> None:
        self.flows.tally(message.moment, message.point, -1)

    @on(ScaleTallyBar.Done)
    def _tally_done(self) -> None:
        if not self.has_class("-projector"):
            self.note_bar.focus_line()

    @on(NoteBar.Save)
    def _save_line(self, message: NoteBar.Save) -> None:
        self.flows.save_note(message.text)

    @on(OptionList.OptionSelected, "#notes")
    def _edit_note(self, event: OptionList.OptionSelected) -> None:
        self.flows.edit_note(UUID(event.option.id or ""))
