"""The arrive / leave scale, tallied by the facilitator one key per answer.

While it has the focus (opened from the palette: "Arrival scale", "Leaving scale") 1-5 add
one answer at that point, Backspace takes the last one back, Escape, Enter or Tab end the
tally. No names and no order are kept: only the five counts. Any other character ends the
tally and goes to the note line, as in the register's marking mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from psw_tui.models import ScaleTally
from psw_tui.widgets.keys import follow_focus, hand_to, is_text

TALLY_KEYS = frozenset({"1", "2", "3", "4", "5"})
MOMENT_WORDS = {"arrival": "How are you arriving?", "leaving": "How are you leaving?"}


def tally_line(words: list[str], tally: ScaleTally | None) -> str:
    """'1 stormy 0 · 2 rough 3 · ... (7 answered)'."""
    counts = tally.counts if tally is not None else [0] * 5
    parts = [f"{i + 1} {word} {count}" for i, (word, count) in enumerate(zip(words, counts, strict=True))]
    return " · ".join(parts) + f"  ({sum(counts)} answered)"


class ScaleTallyBar(Static, can_focus=True):
    """Tally mode: one key per answer. Posts :class:`Add`, :class:`TakeBack` and :class:`Done`."""

    BINDINGS = [
        *[Binding(key, f"add({key})", "Add", show=False, id=f"tally.add_{key}") for key in sorted(TALLY_KEYS)],
        Binding("backspace", "take_back", "Take back the last", show=False, id="tally.take_back"),
        Binding("escape,enter,tab", "done", "Done", show=False, id="tally.done"),
    ]

    @dataclass
    class Add(Message):
        """One more answer at ``point`` (1-5)."""

        moment: str
        point: int

    @dataclass
    class TakeBack(Message):
        """Take back one answer at ``point`` (the last key, kept only while tallying)."""

        moment: str
        point: int

    @dataclass
    class Done(Message):
        """The tally is closed."""

    def __init__(self, *, home: str, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self._home = home
        self.moment = "arrival"
        self._keys: list[int] = []  # this tally's keys, for Backspace; never saved

    def start(self, moment: str, words: list[str], tally: ScaleTally | None) -> None:
        """Open the tally for the arrival or leaving scale."""
        self.moment, self._keys = moment, []
        self.show(words, tally)
        self.display = True
        self.screen.set_focus(self)

    def show(self, words: list[str], tally: ScaleTally | None) -> None:
        """Redraw the counts."""
        head = f"{MOMENT_WORDS[self.moment]}  1-5 add one · Backspace takes back · Esc done"
        self.update(f"{head}\n{tally_line(words, tally)}")

    def action_add(self, point: int) -> None:
        self._keys.append(point)
        self.post_message(self.Add(self.moment, point))

    def action_take_back(self) -> None:
        if self._keys:
            self.post_message(self.TakeBack(self.moment, self._keys.pop()))

    def action_done(self) -> None:
        self.close()
        self.post_message(self.Done())

    def close(self) -> None:
        """Hide the tally (its counts are saved already)."""
        self._keys = []
        self.display = False

    async def _on_key(self, event: events.Key) -> None:
        # Runs before the base classes' own ``_on_key``; a key handled here is stopped.
        if follow_focus(self, event):
            return
        if is_text(event) and event.key not in TALLY_KEYS:
            self.close()
            self.post_message(self.Done())
            hand_to(self.screen.query_one(self._home), event)

    def on_blur(self) -> None:
        self.close()
