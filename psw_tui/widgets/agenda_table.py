"""The agenda of a running session: planned against actual minutes, segment by segment."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from psw_tui.models import Session
from psw_tui.services.clock import ClockReading, SegmentTime


def plan_cell(time: SegmentTime, session: Session) -> str:
    """Planned minutes, with the minutes before a live rebalance in brackets."""
    segment = time.segment
    if segment.id in session.dropped_segment_ids:
        return "dropped"
    minutes = time.allowance_seconds // 60
    original = session.original_minutes.get(segment.id)
    return f"{minutes} ({original})" if original is not None and original != minutes else str(minutes)


def actual_cell(time: SegmentTime) -> str:
    """Actual minutes so far (to the nearest minute, like the plan), blank if not reached.

    The big clock shows the seconds of the current segment; the agenda compares minutes."""
    return str(round(time.actual_seconds / 60)) if time.visited else ""


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
        self.add_column("Plan", key="plan")
        self.add_column("Actual", key="actual")
        self.add_column("Segment", key="title")
        self._shape: tuple = ()

    def show(self, reading: ClockReading, session: Session) -> None:
        """Rebuild when the agenda changed shape, otherwise update the cells that moved."""
        shape = tuple(
            (t.segment.id, t.segment.title, plan_cell(t, session), marker(t, reading, session))
            for t in reading.segments
        )
        if shape != self._shape:
            self.clear()
            for time in reading.segments:
                self.add_row(
                    marker(time, reading, session),
                    plan_cell(time, session),
                    actual_cell(time),
                    Text(time.segment.title),  # literal: never read as markup
                    key=str(time.segment.id),
                )
            self._shape = shape
            return
        if reading.current is not None:
            self.update_cell(str(reading.current.segment.id), "actual", actual_cell(reading.current))
