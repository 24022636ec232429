"""Errors the store raises, and that screens and services catch.

They live at the bottom of the layers, below ``psw_tui.models``, so a screen can catch a
:class:`StoreError` without importing the storage package (whose ``__init__`` opens TinyDB and
the rest). ``psw_tui.storage.errors`` re-exports every name here, so storage code is unchanged.
Each message is one clear line a person can act on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class StoreError(Exception):
    """Base of every store error; ``str(error)`` is a one-line message for the user."""


class StoreLocked(StoreError):
    """Another psw-tui already has this data folder open."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"psw-tui is already open on {data_dir} (another window or terminal?); "
            "close it there first."
        )
        self.data_dir = data_dir


class StoreMissing(StoreError):
    """There is no psw-tui data in the folder (and we were asked not to create any)."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"{data_dir} holds no psw-tui data (run psw-tui once to create it, or pass --data-dir)"
        )
        self.data_dir = data_dir


class _NotLookedUp:
    """Marker: nobody looked for a backup yet (so the message must not claim there is none)."""

    def __repr__(self) -> str:
        return "NOT_LOOKED_UP"


NOT_LOOKED_UP: Any = _NotLookedUp()


def next_step(path: Path) -> str:
    """What to do about a damaged file when no backup holds a good copy of it."""
    if path.name == "catalog.json":
        return (
            "No backup holds a good copy: run psw-tui check --repair to rebuild the catalog "
            "from the session files (a backup is taken first)."
        )
    return (
        "No backup holds a good copy: run psw-tui check --repair to set the file aside "
        "and keep using everything else."
    )


class StoreCorrupt(StoreError):
    """A data file is unreadable, truncated or not ours. It is left exactly as it was.

    ``backup`` is the newest backup that can bring it back, ``None`` when one was looked for
    and none found (the message then gives the next step instead), or :data:`NOT_LOOKED_UP`.
    """

    def __init__(self, path: Path, reason: str, backup: Path | None = NOT_LOOKED_UP) -> None:
        message = f"{path} cannot be read: {reason}. It has been left untouched."
        if isinstance(backup, Path):
            message += f" Newest good backup: {backup} (psw-tui restore {backup})."
        elif backup is None:
            message += " " + next_step(path)
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.backup = None if backup is NOT_LOOKED_UP else backup
        self.looked_up = backup is not NOT_LOOKED_UP


class StoreTooNew(StoreError):
    """The data was written by a newer psw-tui than this one."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer psw-tui (schema {found}; this one reads up to "
            f"{supported}). Upgrade psw-tui; nothing was changed."
        )


class RecordNotFound(StoreError):
    """A record asked for by id is not in the store."""


class ImportRejected(StoreError):
    """An import file failed validation; nothing was written."""


class SaveFailed(StoreError):
    """Writing to disk failed (disk full, permissions...); the last saved state is intact."""

    def __init__(self, path: Path, error: OSError, what: str | None = None) -> None:
        reason = error.strerror or str(error)
        super().__init__(
            f"Could not save {what or path.name}: {reason}. The last saved state is intact."
        )
        self.path = path
        self.error = error


class ReadFailed(StoreError):
    """The disk failed while a file was being read (an I/O error); nothing was changed."""

    def __init__(self, path: Path, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(f"Could not read {path.name}: {reason}. Nothing was changed; try again.")
        self.path = path
        self.error = error


class SavedWithDiskError(StoreError):
    """The change is saved (the new file is in place), but the disk then reported an error
    while making it durable (the folder fsync). Shown as a warning, never as "not saved":
    saving again would only duplicate what is already there."""

    def __init__(self, path: Path, error: OSError, what: str | None = None) -> None:
        reason = error.strerror or str(error)
        super().__init__(
            f"Saved {what or path.name}, but the disk reported an error ({reason}); "
            "check the disk and take a backup soon."
        )
        self.path = path
        self.error = error


class ChangePending(StoreError):
    """A multi-file change was recorded (its journal is on disk) but could not be finished
    in this process; it is finished the next time the folder is opened."""

    def __init__(self, label: str, data_dir: Path, error: OSError | None = None) -> None:
        reason = f" ({error.strerror or error})" if error is not None else ""
        super().__init__(
            f"The {label} was recorded but could not be finished{reason}; close psw-tui and "
            f"open {data_dir} again to finish it (nothing recorded is lost)."
        )
        self.label = label
        self.data_dir = data_dir
        self.error = error


class ReadOnlyStore(StoreError):
    """The store was opened read-only (another psw-tui has it open for writing)."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"{data_dir} is open read-only here (psw-tui may be open on it elsewhere); "
            "nothing was changed."
        )
        self.data_dir = data_dir


class PassphraseNeeded(StoreError):
    """The data folder is encrypted and no passphrase was given."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"{data_dir} is encrypted; a passphrase is needed (give --passphrase-file FILE "
            "when there is no terminal to ask on)"
        )
        self.data_dir = data_dir


class WrongPassphrase(StoreError):
    """The passphrase does not open the data folder's key. Nothing was read or changed."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"wrong passphrase for {data_dir} (or its key file was altered); "
            "nothing was opened or changed"
        )
        self.data_dir = data_dir
