"""The agenda of a running session: planned against actual minutes, segment by segment."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

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


MARK_WIDTH = 2  # the marker and a space
MIN_MINUTES_WIDTH = 5  # "20/20"


class AgendaTable(DataTable):
    """Read-only agenda table; the live screen calls :meth:`show` on every tick.

    Columns are packed (no cell padding) and the segment title takes the rest of the pane's
    width, wrapping onto a second line rather than being cut ("Group agreement" stays readable
    in a narrow pane at 80 columns).
    """

    can_focus = False

    def on_mount(self) -> None:
        self.cursor_type = "none"
        self.cell_padding = 0
        self.add_column("", key="mark", width=MARK_WIDTH)
        self.add_column("Min", key="minutes", width=MIN_MINUTES_WIDTH + 1)
        self.add_column("Segment", key="title")
        self._shape: tuple = ()

    def on_resize(self) -> None:
        self._shape = ()  # the title column is re-fitted at the next show()

    def _fit_columns(self, minutes: list[str]) -> None:
        """Minutes as wide as the widest cell plus a space; the title gets what is left."""
        minutes_width = max([MIN_MINUTES_WIDTH, *map(len, minutes)]) + 1
        title_width = max(8, self.scrollable_content_region.width - MARK_WIDTH - minutes_width)
        for key, width in (("minutes", minutes_width), ("title", title_width)):
            column = self.columns[ColumnKey(key)]
            column.width, column.auto_width = width, False

    def _keep_current_in_view(self, reading: ClockReading) -> None:
        """Wrapped titles make the agenda taller than its pane: keep the current row visible."""
        if reading.current is None or reading.current.index >= self.row_count:
            return
        heights = [row.height for row in self.ordered_rows]
        top = sum(heights[: reading.current.index])
        bottom = top + heights[reading.current.index]
        visible = self.scrollable_content_region.height - self.header_height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > self.scroll_y + visible:
            self.scroll_to(y=bottom - visible, animate=False, immediate=True)

    def show(self, reading: ClockReading, session: Session) -> None:
        """Rebuild when the agenda changed shape, otherwise update the cells that moved."""
        shape = tuple(
            (t.segment.id, t.segment.title, t.allowance_seconds, t.visited, marker(t, reading, session))
            for t in reading.segments
        )
        if shape != self._shape:
            self.clear()
            minutes = [minutes_cell(time, session) for time in reading.segments]
            self._fit_columns(minutes)
            for time, cell in zip(reading.segments, minutes, strict=True):
                self.add_row(
                    marker(time, reading, session),
                    cell,
                    Text(time.segment.title),  # literal: never read as markup
                    key=str(time.segment.id),
                    height=None,  # a long title wraps instead of being cut
                )
            self._shape = shape
            self.call_after_refresh(self._keep_current_in_view, reading)
            return
        if reading.current is not None:
            cell = minutes_cell(reading.current, session)
            if len(cell) >= self.columns[ColumnKey("minutes")].width:
                self._shape = ()  # wider than its column: refit at the next show()
            self.update_cell(str(reading.current.segment.id), "minutes", cell)
