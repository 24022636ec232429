"""Storage side of a right-to-erasure request: backups that still hold an erased name.

Rewriting records goes through the ordinary repositories (every save rewrites its whole file,
so a replaced value leaves no trace in the data file), except for reflections: a move cut
off by a crash can leave a reflection in two year files, and the repository shows only the
newer copy, so :func:`rewrite_reflection_copies` reaches every copy in every year file.
Older backups are zip copies of the files as they were; :func:`replace_backups` removes them
once a fresh backup of the erased data is safely written, so the name is gone from
``backups/`` too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from psw_tui.models import Reflection
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


def rewrite_reflection_copies(
    store: RecordStore, change: Callable[[Reflection], Reflection | None]
) -> int:
    """Apply ``change`` to every stored copy of every reflection, in every year file.

    ``change`` returns the new record, or None to leave that copy as it is. Each year file is
    written at most once, in place (a copy never moves to another year). Returns how many
    copies were rewritten.
    """
    repository = store.reflections
    rewritten = 0
    for year in repository._years():  # noqa: SLF001 - every year file, not the merged view
        year_file = repository._repo(year)  # noqa: SLF001
        changed = [new for new in map(change, year_file.all()) if new is not None]
        year_file.save_many(changed)
        rewritten += len(changed)
    repository.forget()
    return rewritten
