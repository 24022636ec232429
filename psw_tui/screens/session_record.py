"""One past session, read-only: agenda planned vs actual, register, notes, actions, debrief.

Opened from a search result, it scrolls to the note or action that matched and highlights it.
"""

from __future__ import annotations

from uuid import UUID

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from psw_tui.models import Debrief, FacilitatorNote
from psw_tui.services.summary import SessionSummary, build_summary
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records


def open_summary(screen: Screen, session_id: UUID, *, export: bool = False) -> None:
    """Push the session's summary screen (straight to its export dialog with ``export``)."""
    try:
        from psw_tui.screens.summary import SummaryScreen  # the session-closing screens
    except ImportError:
        screen.notify("The summary and export screen is not available in this build; "
                      "use psw-tui export on the command line.", severity="warning")
        return
    screen.app.push_screen(SummaryScreen(session_id, export_now=export))


def _same(text: str, wanted: str) -> bool:
    return " ".join(text.split()).casefold() == " ".join(wanted.split()).casefold()


class SessionRecordScreen(PswScreen, Screen[None]):
    """A past session as it was recorded. Nothing here can be changed.

    ``find`` is the text of a note or action to bring into view and highlight (a search hit).
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="record.back"),
        Binding("s", "summary", "Summary", id="record.summary"),
        Binding("e", "export", "Export", id="record.export"),
    ]

    def __init__(self, session_id: UUID, *, find: str | None = None) -> None:
        super().__init__()
        self.session_id = session_id
        self.find = find
        self.found: Static | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="record"):
            yield Static("", id="record-title", classes="title", markup=False)
            yield Static("", id="record-facts", markup=False)
            yield Static("Agenda: planned and actual", classes="lookback-heading")
            yield DataTable(id="record-agenda", cursor_type="none", zebra_stripes=True)
            yield Static("Register", classes="lookback-heading")
            yield DataTable(id="record-register", cursor_type="none", zebra_stripes=True)
            yield Static("Notes", classes="lookback-heading")
            yield Vertical(id="record-notes", classes="record-lines")
            yield Static("Actions", classes="lookback-heading")
            yield Vertical(id="record-actions", classes="record-lines")
            yield Static("Your debrief and reflections (private)", classes="lookback-heading")
            yield Vertical(id="record-debrief", classes="record-lines")
        yield Footer()

    def on_mount(self) -> None:
        store = self.psw.store
        try:
            summary = build_summary(store, self.session_id, shareable=False)
            session = records.session(store, self.session_id)
            own = records.facilitator_notes(store, self.session_id)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            self.app.pop_screen()
            return
        self._show(summary, session.debrief, own)

    def _show(self, summary: SessionSummary, debrief: Debrief | None, own: list[FacilitatorNote]) -> None:
        self.query_one("#record-title", Static).update(f"{summary.title} (read-only)")
        when = f"{summary.date:%A} {summary.date.day} {summary.date:%B %Y}"
        if summary.start_time:
            when += f" at {summary.start_time:%H:%M}"
        facts = [f"{summary.group_name} · {when} · {summary.status}", summary.attendance]
        if summary.facilitators:
            facts.append("Facilitated by " + ", ".join(summary.facilitators))
        if summary.concerns:
            facts.append(summary.concerns)
        self.query_one("#record-facts", Static).update("\n".join(facts))
        agenda = self.query_one("#record-agenda", DataTable)
        agenda.add_columns("Segment", "Planned", "Actual", "Difference")
        for line in summary.agenda:
            actual = "dropped" if line.dropped else ("—" if line.actual_minutes is None else f"{line.actual_minutes} min")
            diff = "" if line.actual_minutes is None else f"{line.difference_minutes:+d} min"
            agenda.add_row(Text(line.title), f"{line.planned_minutes} min", actual, diff)
        total = "—" if summary.actual_minutes is None else f"{summary.actual_minutes} min"
        agenda.add_row("Total", f"{summary.planned_minutes} min", total, "")
        register = self.query_one("#record-register", DataTable)
        register.add_columns("Name", "Role", "Attendance")
        for person in summary.register:
            register.add_row(Text(person.name), person.role, person.status)
        notes: list[tuple[str, str | None]] = []
        for section in summary.notes:
            if section.texts:
                notes.append((f"{section.title}:", None))
                notes += [(f"  • {text}", text) for text in section.texts]
        self._lines("#record-notes", notes, "No notes were taken.")
        actions = [(f"• {a.text}" + (f" ({a.owner})" if a.owner else "")
                    + (f", due {a.due:%d %b %Y}" if a.due else "") + f" [{a.status}]", a.text)
                   for a in summary.actions]
        self._lines("#record-actions", actions, "No actions.")
        private: list[tuple[str, str | None]] = []
        if debrief is not None:
            for label, value in (("How was it", debrief.how_was_it), ("To escalate", debrief.to_escalate),
                                 ("Self-care", debrief.self_care), ("For supervision", debrief.for_supervision)):
                if value.strip():
                    private.append((f"{label}: {value.strip()}", None))
        private += [(f"Reflection: {note.text}", note.text) for note in own]
        self._lines("#record-debrief", private, "No debrief was written.")
        if self.found is not None:
            self.call_after_refresh(self._bring_found)

    def _lines(self, where: str, lines: list[tuple[str, str | None]], empty: str) -> None:
        """One Static per line (text shown literally); the line whose own text is the one
        searched for is marked as found."""
        widgets = []
        for shown, own_text in lines or [(empty, None)]:
            line = Static(shown, markup=False, classes="record-line")
            if self.find and self.found is None and own_text is not None and _same(own_text, self.find):
                line.add_class("-found")
                self.found = line
            widgets.append(line)
        self.query_one(where, Vertical).mount_all(widgets)

    def _bring_found(self) -> None:
        """Scroll the found line to the middle of the page."""
        if self.found is not None:
            self.query_one("#record", VerticalScroll).scroll_to_center(self.found, animate=False, immediate=True)

    def action_summary(self) -> None:
        """Open the summary (internal or shareable)."""
        open_summary(self, self.session_id)

    def action_export(self) -> None:
        """Export the session's summary (Markdown, text, HTML, CSV or JSON)."""
        open_summary(self, self.session_id, export=True)
