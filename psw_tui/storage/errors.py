"""Errors the store raises. Each message is one clear line a person can act on."""

from __future__ import annotations

from pathlib import Path


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


class StoreCorrupt(StoreError):
    """A data file is unreadable, truncated or not ours. It is left exactly as it was."""

    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        message = f"{path} cannot be read: {reason}. It has been left untouched."
        if backup is not None:
            message += f" Newest good backup: {backup} (psw-tui restore {backup})."
        else:
            message += " No good backup was found."
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.backup = backup


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

    def __init__(self, path: Path, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(f"Could not save {path.name}: {reason}. The last saved state is intact.")
        self.path = path
        self.error = error


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
