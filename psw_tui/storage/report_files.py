"""Writing reports (CSV) and journal exports (Markdown) to a file the user chose."""

from __future__ import annotations

from pathlib import Path

from psw_tui.storage.durable import atomic_write
from psw_tui.storage.errors import SaveFailed


def write_text_file(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path``, owner-only (0600) and atomically.

    The folder must exist (it is not created, so a typo does not scatter folders);
    raises :class:`SaveFailed` with a one-line message otherwise.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise SaveFailed(target, IsADirectoryError(21, "it is a folder, not a file name"))
    if not target.parent.is_dir():
        raise SaveFailed(target, FileNotFoundError(2, f"no folder {target.parent}"))
    atomic_write(target, text.encode("utf-8"))
    return target
