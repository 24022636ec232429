"""The data folder is psw-tui's alone: no symbolic links inside it, owner-only modes.

A symbolic link in place of ``backups/`` or ``sessions/`` (or any file in them) would make
psw-tui write, chmod or delete outside the data folder, so such a folder is refused before
anything is read or written, with one line naming the links. Modes looser than 0700 for
folders and 0600 for files are tightened, and the caller is given one line to show.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from psw_tui.storage.errors import StoreError

DIR_MODE = 0o700
FILE_MODE = 0o600
FOLDERS = ("sessions", "reflections", "backups")
SHOWN = 4  # names listed in a one-line message before "and N more"


class FolderNotPrivate(StoreError):
    """The data folder holds symbolic links, or modes that cannot be tightened."""


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def _entries(root: Path) -> list[tuple[str, bool, int]]:
    """``(name relative to root, is a link, lstat mode)`` of the data folder's own entries
    and of its sub-folders' (links not followed), straight from ``scandir``."""
    found: list[tuple[str, bool, int]] = []
    with os.scandir(root) as top:
        for entry in top:
            link = entry.is_symlink()
            found.append((entry.name, link, entry.stat(follow_symlinks=False).st_mode))
            if entry.name in FOLDERS and not link and entry.is_dir(follow_symlinks=False):
                with os.scandir(entry.path) as inner:
                    for item in inner:
                        name = f"{entry.name}/{item.name}"
                        found.append((name, item.is_symlink(), item.stat(follow_symlinks=False).st_mode))
    return found


def secure_folder(root: Path) -> str | None:
    """Refuse a data folder with symbolic links inside it; tighten loose modes.

    Returns a phrase saying what was tightened (for "On opening ...: ..."), or None when
    nothing was, and raises :class:`FolderNotPrivate` naming the links (nothing is changed
    then). A folder that does not exist yet is fine.
    """
    if not root.is_dir():
        return None
    entries = sorted(_entries(root))
    links = [name for name, link, _ in entries if link]
    if links:
        raise FolderNotPrivate(
            f"{root} holds symbolic links ({_listed(links)}); psw-tui keeps its data inside the "
            "data folder only, so replace them with the real folders or files; nothing was changed"
        )
    loose: list[str] = []
    for name, _, st_mode in [("", False, root.lstat().st_mode), *entries]:
        wanted = DIR_MODE if stat.S_ISDIR(st_mode) else FILE_MODE
        mode = stat.S_IMODE(st_mode)
        if not mode & ~wanted:
            continue
        path = root / name if name else root
        try:
            os.chmod(path, mode & wanted)
        except OSError as error:
            raise FolderNotPrivate(
                f"{path} is open to other users (mode {mode:o}) and psw-tui cannot change that "
                f"({error.strerror or error}); the folder was not opened"
            ) from None
        loose.append(f"{name or 'the data folder'} {mode:o}->{mode & wanted:o}")
    if not loose:
        return None
    return f"tightened permissions so only you can read them ({_listed(loose)})"


def passphrase_file_warning(path: Path) -> str | None:
    """One line to show when a passphrase file can be read by other users (None if not)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if not mode & 0o044:
        return None
    return (
        f"warning: the passphrase file {path} can be read by other users (mode {mode:o}); "
        f"make it private with: chmod 600 {path}"
    )
