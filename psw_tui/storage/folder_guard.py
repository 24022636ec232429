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


Inner = list[tuple[str, bool, "os.DirEntry[str]"]]


def _scan(root: Path) -> tuple[list[tuple[str, bool, int]], dict[str, Inner]]:
    """The data folder's own entries as ``(name, is a link, lstat mode)``, and the entries
    of its sub-folders as ``(name relative to root, is a link, entry)`` (links are told
    from the directory listing, so a ten-year folder costs no stat per file)."""
    top: list[tuple[str, bool, int]] = []
    inner: dict[str, Inner] = {}
    with os.scandir(root) as entries:
        for entry in entries:
            link = entry.is_symlink()
            top.append((entry.name, link, entry.stat(follow_symlinks=False).st_mode))
            if entry.name in FOLDERS and not link and entry.is_dir(follow_symlinks=False):
                with os.scandir(entry.path) as items:
                    inner[entry.name] = [(f"{entry.name}/{i.name}", i.is_symlink(), i) for i in items]
    return sorted(top), {folder: sorted(items, key=lambda t: t[0]) for folder, items in inner.items()}


def _too_open(st_mode: int) -> bool:
    return bool(stat.S_IMODE(st_mode) & ~(DIR_MODE if stat.S_ISDIR(st_mode) else FILE_MODE))


def secure_folder(root: Path) -> str | None:
    """Refuse a data folder with symbolic links inside it; tighten loose modes.

    The data folder, its own files and its sub-folders are always checked; the files inside
    ``sessions/``, ``reflections/`` and ``backups/`` when their folder (or the data folder)
    was open to others: behind owner-only folders nobody else can reach them. Returns a
    phrase saying what was tightened (for "On opening ...: ..."), or None when nothing was,
    and raises :class:`FolderNotPrivate` naming the links (nothing is changed then). A
    folder that does not exist yet is fine.
    """
    if not root.is_dir():
        return None
    top, inner = _scan(root)
    links = [name for name, link, _ in top if link]
    links += [name for items in inner.values() for name, link, _ in items if link]
    if links:
        raise FolderNotPrivate(
            f"{root} holds symbolic links ({_listed(links)}); psw-tui keeps its data inside the "
            "data folder only, so replace them with the real folders or files; nothing was changed"
        )
    root_mode = root.lstat().st_mode
    checked = [("", root_mode), *((name, st_mode) for name, _, st_mode in top)]
    modes = dict(checked)
    for folder, items in inner.items():
        if _too_open(root_mode) or _too_open(modes[folder]):
            checked.extend((name, entry.stat(follow_symlinks=False).st_mode) for name, _, entry in items)
    loose: list[str] = []
    for name, st_mode in checked:
        if not _too_open(st_mode):
            continue
        mode = stat.S_IMODE(st_mode)
        tight = mode & (DIR_MODE if stat.S_ISDIR(st_mode) else FILE_MODE)
        path = root / name if name else root
        try:
            os.chmod(path, tight)
        except OSError as error:
            raise FolderNotPrivate(
                f"{path} is open to other users (mode {mode:o}) and psw-tui cannot change that "
                f"({error.strerror or error}); the folder was not opened"
            ) from None
        loose.append(f"{name or 'the data folder'} {mode:o}->{tight:o}")
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
