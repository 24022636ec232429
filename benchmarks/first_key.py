"""The first key after start: a real process in a pseudo-terminal, a key typed at once.

``time_first_key`` starts psw-tui exactly as a user does (``python -m psw_tui --data-dir
DIR``) or the bare Textual app of ``start_driver.py`` (``bare-tty``), each in its own
pseudo-terminal of :data:`COLUMNS` x :data:`LINES` with Textual's real Linux driver, and
types ctrl+p into the terminal right after the spawn, as a facilitator who knows the app
types ahead while it starts. The key waits in the terminal's input queue until the app
reads it. The clock runs from the spawn to the first output in which the command palette's
input ("Search for commands…") is drawn: the key handled and its effect on the screen. The
first frame (the home screen's "Your groups") is noted on the way.

Output is read as it comes (a terminal that stops reading stalls the app); control
sequences are stripped before looking for the text. Afterwards ctrl+q quits the app (it
is killed if it has not gone within a few seconds).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS, LINES = 120, 40
KEY = b"\x10"  # ctrl+p
QUIT = b"\x11"  # ctrl+q
KEY_SHOWN = "for commands"  # the palette's input placeholder, "Search for commands…"
FRAME_SHOWN = "Your groups"  # a title on psw-tui's home screen and on the bare app
TIMEOUT_S = 60.0
CONTROL = re.compile(r"\x1b(\[[0-9;?<>=!]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


def visible_text(raw: bytes) -> str:
    """The text in terminal output, control sequences removed."""
    return CONTROL.sub("", raw.decode("utf-8", errors="replace"))


def command(kind: str, folder: Path | None) -> list[str]:
    """The command line for psw-tui on ``folder`` or for the bare app."""
    if kind == "psw":
        return [sys.executable, "-m", "psw_tui", "--data-dir", str(folder)]
    return [sys.executable, str(HERE / "start_driver.py"), "bare-tty"]


def time_first_key(kind: str, folder: Path | None, env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Milliseconds from the spawn to the first frame (``frame``) and to the typed key's
    effect drawn (``key``), for ``kind`` "psw" or "bare"."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    stamps: dict[str, float] = {}
    raw = b""
    started = time.perf_counter()
    process = subprocess.Popen(command(kind, folder), stdin=slave, stdout=slave, stderr=slave,
                               env=env, cwd=cwd, start_new_session=True, close_fds=True)
    try:
        os.write(master, KEY)  # typed at once: it waits in the terminal until the app reads it
        os.close(slave)
        slave = -1
        deadline = started + TIMEOUT_S
        while "key" not in stamps:
            ready, _, _ = select.select([master], [], [], max(deadline - time.perf_counter(), 0))
            if not ready:
                raise RuntimeError(f"{kind}: no {KEY_SHOWN!r} on the screen within {TIMEOUT_S:g} s; "
                                   f"last output: {visible_text(raw)[-400:]!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the app has gone (EIO)
                chunk = b""
            now = time.perf_counter()
            if not chunk:
                raise RuntimeError(f"{kind} exited ({process.poll()}) before drawing the palette: "
                                   f"{visible_text(raw)[-1000:]!r}")
            raw += chunk
            text = visible_text(raw)
            if "frame" not in stamps and FRAME_SHOWN in text:
                stamps["frame"] = now
            if KEY_SHOWN in text:
                stamps["key"] = now
        _quit(process, master)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if slave >= 0:
            os.close(slave)
        os.close(master)
    stamps.setdefault("frame", stamps["key"])
    return {name: (value - started) * 1000 for name, value in stamps.items()}


def _quit(process: subprocess.Popen[bytes], master: int, wait_s: float = 5.0) -> None:
    """ctrl+q, reading the output meanwhile so the app can finish drawing; kill on timeout."""
    os.write(master, QUIT)
    deadline = time.monotonic() + wait_s
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    if process.poll() is None:
        process.kill()
    process.wait()
