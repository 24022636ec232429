"""Storage side of a right-to-erasure request: backups that still hold an erased name.

Rewriting records goes through the ordinary repositories (every save rewrites its whole file,
so a replaced value leaves no trace in the data file). Older backups are zip copies of the
files as they were; :func:`replace_backups` removes them once a fresh backup of the erased
data is safely written, so the name is gone from ``backups/`` too.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from psw_tui.storage.backups import list_backups, take_backup, verify_backup
from psw_tui.storage.errors import ChangePending, StoreError
from psw_tui.storage.store import RecordStore


def replace_backups(store: RecordStore, now: datetime | None = None) -> Path:
    """Take a fresh backup, check it reads back whole, then delete every older backup.

    If the fresh backup cannot be written or read back, the older backups are left alone
    (an error is raised) so the folder is never left with no good backup at all.
    """
    try:
        fresh = take_backup(store.paths, now, keep=10_000)
        verify_backup(fresh, store.paths.codec)
        older = [info.path for info in list_backups(store.paths) if info.path != fresh]
        if not older:
            return fresh
        # One journaled change: after a kill or a disk error either every older backup is
        # gone or (until the next open finishes the job) the change is recorded.
        with store.transaction("removal of older backups") as tx:
            for path in older:
                tx.delete(path)
    except ChangePending:
        raise
    except (OSError, StoreError) as error:
        raise BackupsNotReplaced(store.paths.backups, error) from error
    return fresh


class BackupsNotReplaced(StoreError):
    """The data was changed, but the older backups could not be replaced (they still hold
    what was removed)."""

    def __init__(self, folder: Path, error: Exception) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        super().__init__(
            f"The change is saved, but the older backups in {folder} could not be replaced "
            f"({reason.rstrip('.')}); they still hold what was removed until you purge them again."
        )
        self.folder = folder


def backups_count(store: RecordStore) -> int:
    """How many backups the folder holds now."""
    return len(list_backups(store.paths))
