"""Crash reports that hold nothing personal.

An unexpected error is recorded as its exception *type* and a stack of ``file:line in
function`` frames, for it and for each exception it was raised from. Never recorded: the
exception's message (it can quote a member's name or a note), local variables, or any
other value. Reports go to ``crash-reports/`` in the platform's state folder (override:
``PSW_TUI_STATE_DIR``), created owner-only (0600 files in a 0700 folder), newest kept.
"""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType


from psw_tui import __version__
from psw_tui.storage.durable import atomic_write, ensure_private_dir
from psw_tui.storage.paths import STATE_DIR_ENV, crash_dir  # noqa: F401 - where it lives: paths

KEEP = 20
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def _where(filename: str) -> str:
    """A frame's file without the folders above the package (they can name the user)."""
    path = Path(filename)
    parts = path.parts
    if "site-packages" in parts:
        return Path(*parts[parts.index("site-packages") + 1 :]).as_posix()
    try:
        return path.resolve().relative_to(_PACKAGE_PARENT).as_posix()
    except (ValueError, OSError):
        return path.name


def _type_name(error: BaseException) -> str:
    kind = type(error)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _stack(tb: TracebackType | None) -> list[str]:
    return [
        f"  {_where(frame.filename)}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(tb)
    ]


def describe(error: BaseException) -> str:
    """The report text: types and frames only, the error first, then what it came from."""
    lines = [
        "psw-tui crash report",
        f"version: {__version__}",
        f"python: {platform.python_version()} on {sys.platform}",
        f"time: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "The error messages and all values are left out: they can hold names or note text.",
        "",
    ]
    seen: set[int] = set()
    current: BaseException | None = error
    heading = "error"
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{heading}: {_type_name(current)} (message withheld)")
        lines.append("stack, most recent call last:")
        lines.extend(_stack(current.__traceback__))
        lines.append("")
        if current.__cause__ is not None:
            current, heading = current.__cause__, "raised from"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, heading = current.__context__, "while handling"
        else:
            current = None
    return "\n".join(lines)


def write_crash_report(error: BaseException, now: datetime | None = None) -> Path | None:
    """Write a report for ``error``; returns its path, or None if it could not be written."""
    now = now or datetime.now()
    try:
        folder = crash_dir()
        ensure_private_dir(folder)
        path = folder / f"crash-{now:%Y%m%d-%H%M%S-%f}.txt"
        atomic_write(path, describe(error).encode("utf-8"))
        old = sorted(folder.glob("crash-*.txt"), reverse=True)[KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a failed report must never hide the original error
        return None
    return path


def short_message(error: BaseException, report: Path | None) -> str:
    """What the terminal shows: no message text, no values."""
    where = f" A crash report (no names or notes in it) is in {report}." if report else ""
    return (
        f"psw-tui stopped after an unexpected error ({type(error).__name__}). "
        f"Everything shown as saved is safe.{where}"
    )
