"""The open session files: a few are kept open (parsed), the least recently used dropped.

Every lookup and eviction happens under the store's lock, the same lock every repository
read and write holds, so a handle is never dropped while another thread reads through it.
Repositories look their handle up on every call instead of keeping it, so a dropped handle
is never written through later (which would overwrite what a newer handle saved).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from uuid import UUID

from psw_tui.storage.durable import BackupFinder, RecordDB
from psw_tui.storage.errors import RecordNotFound, StoreCorrupt
from psw_tui.storage.paths import DataPaths

SESSION_TABLES = frozenset({"session", "register", "notes", "actions", "concerns"})
KEEP_OPEN = 16


class SessionFiles:
    """Handles on session files, keyed by session id (at most :data:`KEEP_OPEN` kept).

    ``on_damaged(session_id, reason)`` is told about a file found unreadable or not ours.
    """

    def __init__(
        self,
        paths: DataPaths,
        backup_finder: BackupFinder,
        on_damaged: Callable[[UUID, str], object],
        guard: threading.RLock,
        *,
        read_only: bool = False,
    ) -> None:
        self._paths = paths
        self._backup_finder = backup_finder
        self._on_damaged = on_damaged
        self._guard = guard
        self._read_only = read_only
        self._open: OrderedDict[UUID, RecordDB] = OrderedDict()

    def get(self, session_id: UUID, *, must_exist: bool = True) -> RecordDB:
        """The handle on one session's file (opened and checked on first use).

        Raises :class:`RecordNotFound` when ``must_exist`` and the file is missing, and
        :class:`StoreCorrupt` (after telling ``on_damaged``) when it cannot be read.
        """
        with self._guard:
            db = self._open.get(session_id)
            if db is not None:
                self._open.move_to_end(session_id)
                return db
            db = self._load(session_id, must_exist)
            self._open[session_id] = db
            if len(self._open) > KEEP_OPEN:
                _, old = self._open.popitem(last=False)
                old.close()  # safe: nobody reads through it without holding the lock
            return db

    def _load(self, session_id: UUID, must_exist: bool) -> RecordDB:
        path = self._paths.session_file(session_id)
        if must_exist and not path.exists():
            raise RecordNotFound(f"session {session_id} has no file ({path.name} is missing)")
        db = RecordDB(path, self._backup_finder, self._paths.codec, self._read_only)
        if path.exists():
            try:
                unknown = set(db.storage.read() or {}) - SESSION_TABLES
            except StoreCorrupt as error:
                self._on_damaged(session_id, error.reason)
                raise
            if unknown:
                reason = f"it has unknown tables {sorted(unknown)}"
                self._on_damaged(session_id, reason)
                raise StoreCorrupt(path, reason, self._backup_finder(path))
        return db

    def forget(self, session_id: UUID) -> None:
        """Drop one handle (after the file was removed or replaced)."""
        with self._guard:
            db = self._open.pop(session_id, None)
            if db is not None:
                db.close()

    def clear(self) -> None:
        """Drop every handle (the next read of each file comes from disk)."""
        with self._guard:
            for db in self._open.values():
                db.close()
            self._open.clear()
