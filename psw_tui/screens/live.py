"""The live session screen: clock, agenda, register and the note line, for 90 minutes in a room.

Every key works while a note is being typed (function keys, or ctrl keys the note line does
not use), every change is saved as it happens, and the time shown is always computed from
the stored anchors, so a crash or a sleeping laptop never puts the clock wrong.
"""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from psw_tui.models import SessionStatus
from psw_tui.screens.live_actions import LiveActions
from psw_tui.services.clock import ClockReading, Level
from psw_tui.services.live import LiveSession
from psw_tui.services.note_entry import KIND_LABELS, parse_entry, prefix_help
from psw_tui.storage import StoreError
from psw_tui.widgets.agenda_table import AgendaTable
from psw_tui.widgets.register_table import RegisterTable
from psw_tui.widgets.session_clock import LEVEL_CLASSES, SessionClock, clock_text, state_words


def _keys(action: str, description: str, keys: list[str], name: str, show: bool = True) -> list[Binding]:
    """One binding per key (the first shown in the footer), each with a stable id."""
    return [
        Binding(key, action, description, show=show and i == 0, priority=True,
                id=f"live.{name}" if i == 0 else f"live.{name}_alt")
        for i, key in enumerate(keys)
    ]


class LiveScreen(LiveActions, Screen[None]):
    """One running session. See ``LiveActions`` for what each key does."""

    BINDINGS = [
        *_keys("toggle_pause", "Pause/Resume", ["f2", "ctrl+t"], "pause"),
        *_keys("previous_segment", "Previous segment", ["f3", "ctrl+b"], "previous", show=False),
        *_keys("next_segment", "Next", ["f4", "ctrl+n"], "next"),
        *_keys("less_time", "Take a minute off", ["f5", "ctrl+down"], "less", show=False),
        *_keys("more_time", "Add a minute", ["f6", "ctrl+up"], "more", show=False),
        *_keys("register", "Register", ["f7", "ctrl+r"], "register"),
        *_keys("walk_in", "Add walk-in", ["f8", "ctrl+g"], "walk_in", show=False),
        *_keys("concern", "Concern", ["f9"], "concern"),
        *_keys("rebalance", "Rebalance agenda", ["f10"], "rebalance", show=False),
        *_keys("add_action", "Add action", ["ctrl+o"], "action", show=False),
        *_keys("projector", "Projector view", ["f11", "ctrl+f"], "projector", show=False),
        Binding("escape", "back_to_notes", "Note line", show=False, id="live.note_line"),
    ]

    def __init__(self, session_id: UUID) -> None:
        super().__init__()
        self.session_id = session_id
        self.live: LiveSession | None = None
        self._group_name = ""  # read once on mount: the status line is redrawn every tick
        self._alerted: set[tuple[UUID, object]] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="live-status", markup=False)
        with Vertical(id="live-main"):
            yield SessionClock(id="live-clock")
            with Horizontal(id="live-body"):
                with Vertical(id="agenda-pane", classes="pane"):
                    yield Static("Agenda", classes="pane-title", id="agenda-title")
                    yield AgendaTable(id="agenda")
                with Vertical(id="register-pane", classes="pane"):
                    yield Static("", classes="pane-title", id="register-title")
                    yield RegisterTable(id="register")
                with Vertical(id="notes-pane", classes="pane"):
                    yield Static("Notes in this segment", classes="pane-title", id="notes-title")
                    yield OptionList(id="notes")
            with Horizontal(id="note-bar"):
                yield Static(KIND_LABELS[parse_entry("").kind], id="note-kind")
                yield Input(placeholder="Type a note, Enter saves", id="note-line", max_length=10_000)
            yield Static(prefix_help(), id="note-hint", classes="hint")
        with Vertical(id="projector"):
            yield Static("", id="projector-segment", markup=False)
            yield Digits("--:--", id="projector-digits")
            yield Static("", id="projector-state")
            yield Static("", id="projector-prompt", markup=False)
        yield Footer()

    # -- opening ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        settings = self.app.settings  # type: ignore[attr-defined]
        try:
            self.live = LiveSession(
                self.app.store,  # type: ignore[attr-defined]
                self.session_id,
                self.app.time,  # type: ignore[attr-defined]
                warn_at=settings.warn_at_fraction,
                urgent_at=settings.urgent_at_fraction,
            )
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Cannot open the session")
            self.app.pop_screen()
            return
        self.query_one("#note-line").focus()
        try:
            group = self.app.store.groups.get(self.live.session.group_id)  # type: ignore[attr-defined]
            self._group_name = group.name if group else self.live.session.title
            if self.live.session.status is SessionStatus.PLANNED:
                self.begin()
            else:
                self.refresh_all()
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Cannot open the session")
            self.live = None
            self.app.pop_screen()
            return
        self.set_interval(0.5, self.tick)

    # -- drawing ---------------------------------------------------------------------------

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
        settings = self.app.settings  # type: ignore[attr-defined]
        position = ""
        if reading.current is not None:
            position = f"({reading.current.index + 1} of {len(reading.segments)})"
        self.query_one(SessionClock).show(reading, show_overrun=settings.show_overrun, position=position)
        self.query_one(AgendaTable).show(reading, self.live.session)
        self._show_status(reading)
        if self.has_class("-projector"):
            self._show_projector(reading, settings.show_overrun)

    def _show_status(self, reading: ClockReading) -> None:
        words = [self._group_name, reading.schedule_words]
        if reading.behind_minutes > 0 and self.live.rebalance_options():  # type: ignore[union-attr]
            words.append("F10 rebalance")
        text = " · ".join(words)
        status = self.query_one("#live-status", Static)
        if str(status.content) != text:
            status.update(text)

    def _show_projector(self, reading: ClockReading, show_overrun: bool) -> None:
        segment = reading.current.segment if reading.current is not None else None
        self.query_one("#projector-segment", Static).update(segment.title if segment else "")
        self.query_one("#projector-digits", Digits).update(clock_text(reading, show_overrun))
        self.query_one("#projector-state", Static).update(state_words(reading))
        prompts = "\n".join(segment.prompts) if segment and segment.prompts else ""
        self.query_one("#projector-prompt", Static).update(prompts)
        projector = self.query_one("#projector")
        for level in Level:
            projector.set_class(reading.level is level, LEVEL_CLASSES[level])

    def _alert_at_zero(self, reading: ClockReading) -> None:
        current = reading.current
        if current is None or reading.level is not Level.OVERRUN or reading.paused:
            return
        run = self.live.session.runs[-1]  # type: ignore[union-attr]
        key = (current.segment.id, run.started_at)
        if key in self._alerted:
            return
        self._alerted.add(key)
        if current.remaining_seconds < -5:
            return  # reopened long after zero: no bell for an old alarm
        if self.app.settings.bell:  # type: ignore[attr-defined]
            self.app.bell()
        self.app.notify(f"Time is up for {current.segment.title}.", title="Segment clock")

    def refresh_register(self) -> None:
        """Redraw the register and its head count."""
        rows = self.live.register_rows()  # type: ignore[union-attr]
        self.query_one(RegisterTable).show(rows)
        here = self.live.head_count()  # type: ignore[union-attr]
        unmarked = sum(1 for row in rows if row.entry.status is None)
        title = f"{here} here"
        if unmarked:
            title += f" · {unmarked} to mark"
        self.query_one("#register-title", Static).update(title)

    def refresh_notes(self) -> None:
        """List the notes of the current segment, by kind and text (never entry order)."""
        live = self.live
        assert live is not None
        run = live.session.runs[-1] if live.session.runs else None
        notes = live.notes(run.segment_id) if run is not None else []
        options = [
            Option(Content(f"{KIND_LABELS[note.kind]}: {note.text}"), id=str(note.id)) for note in notes
        ]
        notes_list = self.query_one("#notes", OptionList)
        notes_list.clear_options()
        notes_list.add_options(options)
        concerns = live.store.concerns(live.session.id).count()
        title = f"Notes in this segment · {len(notes)}"
        if concerns:
            title += f" · {concerns} concern{'s' if concerns != 1 else ''} recorded"
        self.query_one("#notes-title", Static).update(title)

    # -- the note line ---------------------------------------------------------------------

    @on(Input.Changed, "#note-line")
    def _kind_follows_prefix(self, event: Input.Changed) -> None:
        self.query_one("#note-kind", Static).update(parse_entry(event.value).label)

    @on(Input.Submitted, "#note-line")
    def _save_line(self, event: Input.Submitted) -> None:
        entry = parse_entry(event.value)
        if not entry.text:
            return
        live = self.live
        if live is None or live.session.status is not SessionStatus.RUNNING:
            self.app.notify("The session is not running.", severity="warning")
            return
        try:
            if entry.is_action:
                live.add_action(entry.text)
                self.app.notify("Action saved (ctrl+o adds one with an owner or due date).")
            else:
                live.add_note(entry.kind, entry.text)  # type: ignore[arg-type]
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Not saved")
            return  # the text stays in the line, so nothing typed is lost
        event.input.value = ""
        self.redraw("notes")

    @on(OptionList.OptionSelected, "#notes")
    def _edit_note(self, event: OptionList.OptionSelected) -> None:
        self.edit_note(UUID(event.option.id or ""))

