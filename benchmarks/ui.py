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
from pathlib import Path
from typing import Any

from benchmarks.pilot_tools import (
    FrameProbe,
    back_to_live,
    begin,
    drive_app,
    lines_match,
    to_agreement,
    type_keys,
    typed,
    wait_until,
)

HERE = Path(__file__).resolve().parent
NOTES_PER_SEGMENT = 12  # then F4 moves on, so no segment holds more notes than a real one
WORDS = ("hope", "sleep", "walk", "music", "garden", "routine", "family", "courage")


def status_changed(name: str, old: str) -> re.Pattern[str]:
    """A register line showing ``name`` with a status other than ``old``."""
    return re.compile(re.escape(name) + r"\s+(?!" + re.escape(old) + r"(\s|$))\S")


async def _keys(pilot: Any, probe: FrameProbe, session_id: str, pairs: int) -> dict[str, list[float]]:
    from textual.widgets import DataTable, Input

    from psw_tui.screens.live import LiveScreen
    from psw_tui.services.note_entry import parse_entry

    app = pilot.app
    await to_agreement(pilot, session_id)
    await begin(pilot, probe)
    screen = app.screen
    register = screen.query_one("#register", DataTable)
    times: dict[str, list[float]] = {"note_ms": [], "register_ms": []}
    gc.collect()
    os.sync()  # the store is at rest when the session starts, as in note_save
    for index in range(pairs):
        if index and index % NOTES_PER_SEGMENT == 0:
            await pilot.press("f4")
            await back_to_live(pilot)
        # a note: typed, then Enter; timed from Enter to the frame listing it
        text = f"n{index} {WORDS[index % len(WORDS)]}"  # short, so the list never wraps it
        line = screen.query_one("#note-line", Input)
        await type_keys(pilot, typed(text))
        try:
            await wait_until(pilot, lambda: line.value == text, "the typed note on the note line", timeout=5)
        except RuntimeError:
            raise RuntimeError(f"key {index}: typed {text!r}, the note line shows {line.value!r} "
                               f"(focus on {app.focused!r})") from None
        listed = re.compile(re.escape(f"{parse_entry(text).label}: {text}") + r"\b")  # as #notes lists it
        times["note_ms"].append(await probe.time_key(pilot, "enter", lines_match(listed, on_top=LiveScreen),
                                                     "the note in the notes list"))
        # a register change: F7, Space on the highlighted person; timed from Space to the cell
        await type_keys(pilot, [("f7", None)])
        await wait_until(pilot, lambda: register.has_focus, "the register in marking mode")
        name, old = (str(cell) for cell in register.get_row_at(register.cursor_row)[:2])
        times["register_ms"].append(await probe.time_key(
            pilot, "space", lines_match(status_changed(name, old), on_top=LiveScreen),
            f"{name}'s status changed from {old!r}"))
        await type_keys(pilot, [("down", None), ("escape", None)])
        await back_to_live(pilot)
    times["round_ms"] = await _round_keys(pilot, probe)
    return times


async def _round_keys(pilot: Any, probe: FrameProbe) -> list[float]:
    """The round keeper: everyone marked present, a round started (ctrl+s), then each next
    speaker (alt+right) timed to the frame showing "Now: <their name>"."""
    from psw_tui.screens.live import LiveScreen

    screen = pilot.app.screen
    await type_keys(pilot, [("f7", None), *[("1", "1")] * 12, ("escape", None)])
    await back_to_live(pilot)
    await type_keys(pilot, [("ctrl+s", None)])
    keeper = screen.query_one("#round-bar")
    await wait_until(pilot, lambda: keeper.round is not None, "a round running")
    times = []
    while keeper.round is not None and keeper.round.upcoming is not None:
        upcoming = keeper.round.upcoming.name
        shown = re.compile(r"Now: " + re.escape(upcoming) + r"(\s|$)")  # a name may end in "."
        times.append(await probe.time_key(pilot, "alt+right", lines_match(shown, on_top=LiveScreen),
                                          f"Now: {upcoming}"))
    await type_keys(pilot, [("ctrl+s", None)])  # end the round: counts only are kept
    return times


def child_keypress(folder: Path, pairs: int) -> dict[str, Any]:
    """Begin a session for today from home (keys), then time ``pairs`` notes (Enter) and
    register changes (Space), each to the frame that shows it."""
    from psw_tui.storage import RecordStore

    async def body(pilot: Any, probe: FrameProbe, session_id: str) -> dict[str, Any]:
        return await _keys(pilot, probe, session_id, pairs)

    times = asyncio.run(drive_app(folder, body))
    with RecordStore.open(folder, create=False) as store:
        sessions = store.sessions.running()
        count = sum(1 for _ in store.notes(sessions[-1].id).all()) if sessions else 0
    if count != pairs:
        raise RuntimeError(f"typed {pairs} notes but the running session holds {count}")
    return times


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
