"""The wellness plan: every saved version in one file of its own (``reflections/wellness-plan.json``).

A save adds a version and never rewrites an older one's contents; each write is one durable
write of that file, sealed by the folder's codec like every data file.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any
from uuid import UUID

from psw_tui.models.worker import WellnessPlan
from psw_tui.storage.durable import BackupFinder, RecordDB, with_backup
from psw_tui.storage.errors import StoreCorrupt
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.repositories import TableRepository, adapter_for

TABLE = "versions"


class WellnessRepository:
    """The saved versions of the wellness plan, oldest first."""

    def __init__(
        self,
        paths: DataPaths,
        backup_finder: BackupFinder | None = None,
        *,
        read_only: bool = False,
        guard: AbstractContextManager[Any] | None = None,
    ) -> None:
        self._paths = paths
        self._guard = guard if guard is not None else nullcontext()
        self._backup_finder = backup_finder
        self._read_only = read_only
        self._db: RecordDB | None = None

    def _repo(self) -> TableRepository[WellnessPlan]:
        with self._guard:
            return self._checked_repo()

    def _checked_repo(self) -> TableRepository[WellnessPlan]:
        if self._db is None:
            self._db = RecordDB(self._paths.wellness_file, self._backup_finder, self._paths.codec, self._read_only)
        db = self._db
        tables = db.storage.read() or {}
        unknown = set(tables) - {TABLE}
        if unknown:
            corrupt = StoreCorrupt(self._paths.wellness_file, f"it has unknown tables {sorted(unknown)}")
            raise with_backup(corrupt, self._backup_finder)
        return TableRepository(
            adapter_for(WellnessPlan), self._paths.wellness_file, lambda: db.table(TABLE), self._backup_finder, self._guard
        )

    def versions(self) -> list[WellnessPlan]:
        """Every saved version, oldest first (an empty list before the first save)."""
        return sorted(self._repo().all(), key=lambda plan: plan.version)

    def current(self) -> WellnessPlan | None:
        """The newest version, or None."""
        found = self.versions()
        return found[-1] if found else None

    def add(self, plan: WellnessPlan) -> WellnessPlan:
        """Store a new version (one durable write)."""
        return self._repo().save(plan)

    def replace_many(self, plans: list[WellnessPlan]) -> None:
        """Rewrite these versions in place, in one write (forgetting a name in them)."""
        self._repo().save_many(plans)

    def delete_many(self, version_ids: list[UUID]) -> None:
        """Remove these versions in one write (pruning)."""
        if not version_ids:
            return
        with self._guard:
            self._repo()  # checks the file first
            assert self._db is not None
            self._db.table(TABLE).remove_documents(str(version_id) for version_id in version_ids)  # one write

    def forget(self) -> None:
        """Drop the in-memory copy so the next read comes from disk."""
        with self._guard:
            if self._db is not None:
                self._db.close()
            self._db = None
