"""The register: one row per person, one keystroke to cycle their status."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from psw_tui.models import Attendance
from psw_tui.services.live import ATTENDANCE_WORDS, RegisterRow
from psw_tui.widgets.keys import follow_focus, hand_to, is_text

DIRECT_KEYS = {
    "1": Attendance.PRESENT,
    "2": Attendance.LATE,
    "3": Attendance.LEFT_EARLY,
    "4": Attendance.APOLOGIES,
    "5": Attendance.DID_NOT_ATTEND,
    "0": None,
}

# Keys that mark while the register has the focus; every other character is note text.
REGISTER_KEYS = frozenset({"space", *DIRECT_KEYS})


def status_cell(row: RegisterRow) -> str:
    """The status in words; unmarked people stand out with a marker."""
    if row.entry.status is None:
        return "• to mark"
    return ATTENDANCE_WORDS[row.entry.status]


class RegisterTable(DataTable):
    """The register, in marking mode while it has the focus (F7 on the live screen).

    Space cycles the highlighted person's status; 1-5 set it directly and move to the next
    person, 0 clears. Enter, Escape or Tab end marking; any other typed character ends
    marking and goes to the note line (``home``), so text typed here is never a status."""

    BINDINGS = [
        Binding("space", "cycle", "Cycle status", id="register.cycle"),
        Binding("enter,escape,tab", "done", "Done marking", id="register.done"),
        *[
            Binding(key, f"set_status('{key}')", "Set status", show=False, id=f"register.set_{key}")
            for key in DIRECT_KEYS
        ],
    ]

    can_focus = False  # only in marking mode: reached by F7, never by Tab

    def __init__(self, *, home: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._home = home

    @dataclass
    class Done(Message):
        """Marking ended: the screen puts the focus back on the note line."""

    def start_marking(self) -> None:
        """Take the focus for marking."""
        self.can_focus = True
        self.screen.set_focus(self)  # at once: the keys typed next are marking keys

    def stop_marking(self) -> None:
        """Give the focus up; the register cannot be reached by Tab again."""
        self.can_focus = False

    def action_done(self) -> None:
        """End marking (the screen puts the focus back on the note line)."""
        self.stop_marking()
        self.post_message(self.Done())

    async def _on_key(self, event: events.Key) -> None:
        # Runs before the base classes' own ``_on_key`` (Textual calls each class's); a key
        # handled here is stopped and its default prevented, so theirs does not run.
        if follow_focus(self, event):
            return
        if is_text(event) and event.key not in REGISTER_KEYS:
            self.stop_marking()
            self.post_message(self.Done())
            hand_to(self.screen.query_one(self._home), event)
            return

    @dataclass
    class Cycle(Message):
        """Move this entry to its next status."""

        entry_id: UUID

    @dataclass
    class SetStatus(Message):
        """Give this entry a status (None clears it)."""

        entry_id: UUID
        status: Attendance | None

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self._add_columns(8)

    def _add_columns(self, name_width: int) -> None:
        # Widths given, not measured: a name is never cut to the width of the first rows drawn.
        self.add_column("Name", key="name", width=name_width)
        self.add_column("Status", key="status", width=14)  # the longest status: no re-layout

    def show(self, rows: list[RegisterRow]) -> None:
        """Show the register, keeping the cursor on the same person. When the same people
        are listed, only the status cells that changed are redrawn."""
        keys = [str(row.entry.id) for row in rows]
        if keys == [str(key.value) for key in self.rows]:
            for row, key in zip(rows, keys, strict=True):
                status = status_cell(row)
                if str(self.get_cell(key, "status")) != status:
                    self.update_cell(key, "status", status)
            return
        keep = self.cursor_row
        self.clear(columns=True)
        self._add_columns(max([4, *(len(row.name) for row in rows)]))
        for row in rows:
            self.add_row(Text(row.name), status_cell(row), key=str(row.entry.id))  # literal name
        if rows:
            self.move_cursor(row=min(max(keep, 0), len(rows) - 1))

    def _highlighted(self) -> UUID | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return UUID(str(key.value))

    def action_cycle(self) -> None:
        """Cycle the highlighted person's status."""
        entry_id = self._highlighted()
        if entry_id is not None:
            self.post_message(self.Cycle(entry_id))

    def action_set_status(self, key: str) -> None:
        """Set the highlighted person's status from a number key, then move to the next
        person: a register is marked in one key per person."""
        entry_id = self._highlighted()
        if entry_id is not None:
            self.post_message(self.SetStatus(entry_id, DIRECT_KEYS[key]))
            if self.cursor_row < self.row_count - 1:
                self.move_cursor(row=self.cursor_row + 1)
