"""The prompts of the current segment, one at a time, with the planned check-in question."""

from __future__ import annotations

from textual.widgets import Static

from psw_tui.models import Segment, SegmentKind


def segment_lines(segment: Segment | None, check_in_question: str) -> list[str]:
    """What the facilitator may read out in this segment: the session's check-in question
    first in a check-in segment, then every prompt of the segment."""
    if segment is None:
        return []
    lines = []
    question = " ".join(check_in_question.split())
    if question and segment.kind is SegmentKind.CHECK_IN:
        lines.append(f"Check-in question: {question}")
    lines.extend(segment.prompts)
    return lines


class SegmentPrompts(Static):
    """Shows one prompt of the segment and where it is in the list ("2/3"); PgDn and PgUp
    on the live screen step through them, and a new segment starts at its first."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self._lines: list[str] = []
        self._index = 0
        self._segment_id: object = None

    @property
    def current(self) -> str:
        """The prompt showing now ('' when the segment has none)."""
        return self._lines[self._index] if self._lines else ""

    def show(self, segment: Segment | None, check_in_question: str) -> None:
        """Follow the current segment (cheap when nothing changed)."""
        lines = segment_lines(segment, check_in_question)
        segment_id = segment.id if segment is not None else None
        if segment_id != self._segment_id:
            self._segment_id, self._index = segment_id, 0
        if lines != self._lines:
            self._lines = lines
            self._index = min(self._index, max(len(lines) - 1, 0))
        self._draw()

    def step(self, by: int) -> None:
        """Show the next (1) or previous (-1) prompt, going round."""
        if self._lines:
            self._index = (self._index + by) % len(self._lines)
            self._draw()

    def _draw(self) -> None:
        if not self._lines:
            text = ""
        elif len(self._lines) == 1:
            text = self._lines[0]
        else:
            text = f"{self._index + 1}/{len(self._lines)} {self._lines[self._index]}  (PgDn next)"
        if str(self.content) != text:
            self.update(text)
