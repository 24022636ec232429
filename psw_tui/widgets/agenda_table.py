"""The agenda of a running session: planned against actual minutes, segment by segment."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from psw_tui.models import Session
from psw_tui.services.clock import ClockReading, SegmentTime


def minutes_cell(time: SegmentTime, session: Session) -> str:
    """Minutes as "actual/planned" once the segment was reached ("6/5": one over), else the
    plan alone; a live rebalance shows the earlier plan in brackets: "12 (15)".

    Whole minutes, like the plan: the big clock shows the seconds of the current segment."""
    segment = time.segment
    if segment.id in session.dropped_segment_ids:
        return "dropped"
    planned = time.allowance_seconds // 60
    if time.visited:
        return f"{round(time.actual_seconds / 60)}/{planned}"
    original = session.original_minutes.get(segment.id)
    return f"{planned} ({original})" if original is not None and original != planned else str(planned)


def marker(time: SegmentTime, reading: ClockReading, session: Session) -> str:
    """▶ for the current segment, ✓ for one done, – for one dropped."""
    if reading.current is not None and time.index == reading.current.index:
        return "▶"
    if time.segment.id in session.dropped_segment_ids:
        return "–"
    return "✓" if time.visited else ""


class AgendaTable(DataTable):
    """Read-only agenda table; the live screen calls :meth:`show` on every tick."""

    can_focus = False

    def on_mount(self) -> None:
        self.cursor_type = "none"
        self.add_column("", key="mark", width=1)
        self.add_column("Min", key="minutes")
        self.add_column("Segment", key="title")
        self._shape: tuple = ()

    def show(self, reading: ClockReading, session: Session) -> None:
        """Rebuild when the agenda changed shape, otherwise update the cells that moved."""
        shape = tuple(
            (t.segment.id, t.segment.title, t.allowance_seconds, t.visited, marker(t, reading, session))
            for t in reading.segments
        )
        if shape != self._shape:
            self.clear()
            for time in reading.segments:
                self.add_row(
                    marker(time, reading, session),
                    minutes_cell(time, session),
                    Text(time.segment.title),  # literal: never read as markup
                    key=str(time.segment.id),
                )
            self._shape = shape
            return
        if reading.current is not None:
            cell = minutes_cell(reading.current, session)
            self.update_cell(str(reading.current.segment.id), "minutes", cell)
