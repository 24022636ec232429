"""The app's own figures: a key in the live session to the frame showing it, and start-up.

``child_keypress`` runs in a child process of ``run.py`` (mode ``keypress``); ``time_start``
runs in ``run.py`` itself and starts ``start_driver.py`` in a new process each time.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import select
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZE = (120, 40)  # a laptop terminal
NOTES_PER_SEGMENT = 12  # then F4 moves on, so no segment holds more notes than a real one
WORDS = ("hope", "sleep", "walk", "music", "garden", "routine", "family", "courage")
FRAME_TIMEOUT_S = 5.0


def update_lines(renderable: Any) -> list[str]:
    """The text of each line a compositor update redraws."""
    from textual._compositor import ChopsUpdate, LayoutUpdate

    if isinstance(renderable, LayoutUpdate):
        return ["".join(strip.text for strip in line) for line in renderable.strips]
    if isinstance(renderable, ChopsUpdate):
        return ["".join(strip.text for _, strip in sorted(renderable.chops[y].items()) if strip is not None)
                for y, _, _ in renderable.spans]
    return []


class FrameProbe:
    """Patches ``App._display`` to stamp the first frame whose redrawn lines match a pattern.

    The stamp is taken as the frame reaches the terminal driver (headless: composed and
    rendered, not encoded), before the lines are read, so reading them costs nothing measured.
    """

    def __init__(self) -> None:
        from textual.app import App

        self.pattern: re.Pattern[str] | None = None
        self.shown_at = 0.0
        self.shown = asyncio.Event()
        original = App._display
        probe = self

        def display(app: App, screen: Any, renderable: Any) -> None:
            original(app, screen, renderable)
            if probe.pattern is None or renderable is None or app._batch_count:
                return
            stamp = time.perf_counter()
            if any(probe.pattern.search(line) for line in update_lines(renderable)):
                probe.pattern = None
                probe.shown_at = stamp
                probe.shown.set()

        App._display = display  # type: ignore[method-assign]

    async def time_key(self, pilot: Any, key: str, pattern: str) -> float:
        """Milliseconds from pressing ``key`` to the first frame showing ``pattern``."""
        self.shown.clear()
        self.pattern = re.compile(pattern)
        started = time.perf_counter()
        await pilot.press(key)
        try:
            await asyncio.wait_for(self.shown.wait(), FRAME_TIMEOUT_S)
        except TimeoutError:
            raise RuntimeError(f"no frame showed {pattern!r} within {FRAME_TIMEOUT_S:g} s of {key!r}") from None
        return (self.shown_at - started) * 1000


async def type_keys(pilot: Any, keys: list[tuple[str, str | None]]) -> None:
    """Send key events as a terminal would deliver fast typing (Pilot's ``press`` waits for
    the process to go idle after every key), then wait for the app to settle. Untimed."""
    from textual import events

    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await pilot.pause()


def typed(text: str) -> list[tuple[str, str | None]]:
    """The key events for typing ``text``."""
    from textual.keys import _character_to_key

    return [(_character_to_key(character), character) for character in text]


async def _drive(folder: Path, pairs: int) -> dict[str, list[float]]:
    from textual.widgets import Input

    from psw_tui.app import create_app
    from psw_tui.models import GroupKind, Settings
    from psw_tui.screens.live import LiveScreen
    from psw_tui.services.live import ATTENDANCE_CYCLE
    from psw_tui.services.note_entry import parse_entry
    from psw_tui.services.start import session_for_now
    from psw_tui.services.timesource import SystemTime
    from psw_tui.storage import RecordStore
    from psw_tui.widgets.register_table import RegisterTable, status_cell

    store = RecordStore.open(folder, create=False)
    clock = SystemTime()
    group = min((g for g in store.groups.all() if g.kind is GroupKind.PEER_SUPPORT and not g.archived),
                key=lambda g: g.name)
    session = session_for_now(store, group.id, clock)
    app = create_app(Settings(bell=False, idle_lock_minutes=0), store, time=clock)
    probe = FrameProbe()
    times: dict[str, list[float]] = {"note_ms": [], "register_ms": []}
    async with app.run_test(size=SIZE) as pilot:
        screen = LiveScreen(session.id)
        await app.push_screen(screen)
        await pilot.pause()
        while app.screen is not screen:  # the review of carried actions: finish it
            await pilot.press("escape")
            await pilot.pause()
        register = screen.query_one("#register", RegisterTable)
        gc.collect()
        os.sync()  # the store is at rest when the session starts, as in note_save
        for index in range(pairs):
            if index and index % NOTES_PER_SEGMENT == 0:
                await pilot.press("f4")
                await pilot.pause()
                while app.screen is not screen:  # an offer to rebalance: not now
                    await pilot.press("escape")
                    await pilot.pause()
            # a note: typed, then Enter; timed from Enter to the frame listing it
            text = f"n{index} {WORDS[index % len(WORDS)]}"  # short, so the list never wraps it
            await type_keys(pilot, typed(text))
            if screen.query_one("#note-line", Input).value != text:
                raise RuntimeError("the note line did not get the typed text")
            listed = re.escape(f"{parse_entry(text).label}: {text}") + r"\b"  # as #notes lists it
            times["note_ms"].append(await probe.time_key(pilot, "enter", listed))
            # a register change: F7, Space on the next person; timed from Space to the cell
            await type_keys(pilot, [("f7", None)])
            row = screen.live.register_rows()[register.cursor_row]  # type: ignore[union-attr]
            status = ATTENDANCE_CYCLE[(ATTENDANCE_CYCLE.index(row.entry.status) + 1) % len(ATTENDANCE_CYCLE)]
            expected = status_cell(replace(row, entry=row.entry.model_copy(update={"status": status})))
            pattern = re.escape(row.name) + r"\s+" + re.escape(expected)
            times["register_ms"].append(await probe.time_key(pilot, "space", pattern))
            await type_keys(pilot, [("down", None), ("escape", None)])
    count = sum(1 for _ in store.notes(session.id).all())
    store.close()
    if count != pairs:
        raise RuntimeError(f"typed {pairs} notes but the session holds {count}")
    return times


def child_keypress(folder: Path, pairs: int) -> dict[str, Any]:
    """Open the store, start a live session in the app (headless, Pilot) and time ``pairs``
    notes (Enter) and register changes (Space), each to the frame that shows it."""
    return asyncio.run(_drive(folder, pairs))


def start_env(scratch: Path) -> dict[str, str]:
    """The environment for a start: no settings file, crash reports kept in scratch."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env["PSW_TUI_CONFIG"] = str(scratch / "no-settings.toml")
    env["PSW_TUI_STATE_DIR"] = str(scratch / "state")
    return env


def time_start(kind: str, folder: Path | None, env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Start ``start_driver.py kind`` and return milliseconds from the spawn to each stamp
    (``python``, ``imported``, ``frame``) and to the first frame as this process saw it."""
    read_end, write_end = os.pipe()
    command = [sys.executable, str(HERE / "start_driver.py"), kind, str(folder or "-"), str(write_end)]
    started = time.perf_counter()
    process = subprocess.Popen(command, pass_fds=(write_end,), env=env, cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_end)
    line = b""
    try:
        while not line.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 60)
            chunk = os.read(read_end, 4096) if ready else b""
            if not chunk:
                break
            line += chunk
        seen = time.perf_counter()
    finally:
        os.close(read_end)
    _, err = process.communicate(timeout=120)
    if not line.endswith(b"\n") or process.returncode != 0:
        raise RuntimeError(f"{kind} start failed ({process.returncode}): {err.decode()[-2000:]}")
    stamps = json.loads(line)
    found = {name: (value - started) * 1000 for name, value in stamps.items()}
    found["seen"] = (seen - started) * 1000
    return found
