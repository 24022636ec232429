"""Sessions: one file each, plus a small index in the catalog for listing."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from functools import wraps
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar
from uuid import UUID

from pydantic import ValidationError

from psw_tui.models import Session, SessionHeader, SessionStatus
from psw_tui.storage.durable import RecordDB, RecordTable, final_stat
from psw_tui.storage.errors import RecordNotFound, StoreCorrupt
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.repositories import TableRepository, adapter_for, describe_error

INDEX_TABLE = "sessions"
P = ParamSpec("P")
R = TypeVar("R")


class SessionStore(Protocol):
    """What the session repository needs of the store (see ``store.RecordStore``)."""

    paths: DataPaths
    mutex: threading.RLock

    @property
    def catalog(self) -> RecordDB: ...

    def session_db(self, session_id: UUID, *, must_exist: bool = True) -> RecordDB: ...

    def forget_session_db(self, session_id: UUID) -> None: ...

    def newest_backup(self, path: Path | None = None) -> Path | None: ...

    def transaction(self, label: str) -> Any: ...


def locked(method: Callable[Concatenate[SessionRepository, P], R]) -> Callable[Concatenate[SessionRepository, P], R]:
    """Run ``method`` holding the store's lock (workers read while the UI thread writes)."""

    @wraps(method)
    def run(self: SessionRepository, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._store.mutex:
            return method(self, *args, **kwargs)

    return run


def _fingerprint(stat: os.stat_result) -> list[int]:
    return [stat.st_mtime_ns, stat.st_size, stat.st_ino]


def fingerprint(stat: os.stat_result) -> list[int]:
    """What the index keeps of a session file to notice it changed (mtime, size, inode)."""
    return _fingerprint(stat)


@dataclass(frozen=True)
class DamagedSession:
    """A session file that cannot be read (or is missing). It blocks only itself."""

    session_id: UUID
    path: Path
    reason: str
    header: SessionHeader | None = None  # None: the file is not in the index either

    @property
    def missing(self) -> bool:
        """Whether the file is gone (rather than unreadable)."""
        return self.reason == MISSING


MISSING = "its file is missing"


class SessionRepository:
    """Sessions of every group.

    The session file is the truth; the catalog keeps each session's header (group, title,
    date, status) and the file's fingerprint, so listing never opens session files and a
    note saved during a live session never rewrites the catalog. When a file changed after
    its index row (a crash between the two writes), :meth:`reconcile_index` refreshes the row.
    """

    def __init__(self, store: SessionStore) -> None:
        self._store = store
        self._headers: dict[UUID, SessionHeader] | None = None
        self._damaged: dict[UUID, DamagedSession] = {}
        self._damaged_lock = threading.Lock()  # scans run in workers while lists are drawn

    @property
    def _index(self) -> RecordTable:
        return self._store.catalog.table(INDEX_TABLE)

    def _file_repo(self, session_id: UUID) -> TableRepository[Session]:
        db = self._store.session_db(session_id, must_exist=False)
        path = self._store.paths.session_file(session_id)
        return TableRepository(adapter_for(Session), path, lambda: db.table("session"), self._store.newest_backup)

    @locked
    def forget(self) -> None:
        """Drop the cached headers so the next read comes from the catalog."""
        self._headers = None

    # -- damaged files ---------------------------------------------------------------------

    @locked
    def mark_damaged(self, session_id: UUID, reason: str) -> DamagedSession:
        """Remember that a session's file cannot be read (listing shows it as damaged)."""
        header = self._loaded().get(session_id)
        damaged = DamagedSession(session_id, self._store.paths.session_file(session_id), reason, header)
        with self._damaged_lock:
            self._damaged[session_id] = damaged
        return damaged

    def damaged(self) -> list[DamagedSession]:
        """Sessions known to be damaged: found on open, by a scan, or by ``check``."""
        with self._damaged_lock:
            found = list(self._damaged.values())
        return sorted(found, key=lambda d: str(d.session_id))

    def is_damaged(self, session_id: UUID) -> bool:
        """Whether the session's file is known to be damaged."""
        return session_id in self._damaged

    def clear_damaged(self, session_id: UUID) -> None:
        """Forget a damage mark (after the file was restored or set aside)."""
        with self._damaged_lock:
            self._damaged.pop(session_id, None)

    # -- reading -------------------------------------------------------------------------

    def _loaded(self) -> dict[UUID, SessionHeader]:
        if self._headers is None:
            headers = {}
            for doc in self._index.all():
                row = {k: v for k, v in doc.items() if k != "fingerprint"}
                try:
                    header = SessionHeader.model_validate({**row, "id": doc.doc_id})
                except ValidationError as error:
                    raise StoreCorrupt(
                        self._store.paths.catalog,
                        f"session index row {doc.doc_id} is invalid ({describe_error(error)})",
                        self._store.newest_backup(),
                    ) from None
                headers[header.id] = header
            self._headers = headers
        return self._headers

    @locked
    def headers(self, group_id: UUID | None = None) -> list[SessionHeader]:
        """Session headers, oldest first, optionally for one group."""
        found = [h for h in self._loaded().values() if group_id is None or h.group_id == group_id]
        return sorted(found, key=lambda h: (h.date, h.start_time or time.min, str(h.id)))

    @locked
    def header(self, session_id: UUID) -> SessionHeader | None:
        """The header of one session, or None."""
        return self._loaded().get(session_id)

    @locked
    def get(self, session_id: UUID) -> Session:
        """The full session (agenda and timing log); raises RecordNotFound."""
        if self.header(session_id) is None:
            raise RecordNotFound(f"no session {session_id}")
        session = self._file_repo(session_id).get(session_id)
        if session is None:
            raise StoreCorrupt(self._store.paths.session_file(session_id), "it holds no session")
        return session

    def running(self) -> list[SessionHeader]:
        """Sessions left running (e.g. by a crash), to offer resuming."""
        return [h for h in self.headers() if h.status is SessionStatus.RUNNING]

    # -- writing -------------------------------------------------------------------------

    @locked
    def save(self, session: Session) -> Session:
        """Create or update a session.

        When its header (group, title, date, status) is new or changed, the session file and
        its index row change together as one journaled change (see ``journal``): a kill or
        a disk error leaves both as before or both as after. Other saves (the timing log
        during a live session) rewrite only the session file.
        """
        path = self._store.paths.session_file(session.id)
        header = SessionHeader.of(session)
        if self.header(session.id) == header:
            self._file_repo(session.id).save(session)
            return session
        with self._store.transaction("save of a session"):
            self._file_repo(session.id).save(session)
            self._write_row(header, _fingerprint(final_stat(path)))
        return session

    @locked
    def save_many(self, sessions: list[Session]) -> None:
        """Write several new session files and index them, all or nothing."""
        with self._store.transaction("save of several sessions"):
            rows: dict[str, dict[str, Any]] = {}
            for session in sessions:
                self._file_repo(session.id).save(session)
                stat = final_stat(self._store.paths.session_file(session.id))
                rows[str(session.id)] = self._row(SessionHeader.of(session), _fingerprint(stat))
            self._write_rows(rows)

    def delete(self, session_id: UUID) -> None:
        """Remove a session, its file and everything recorded in it (all or nothing)."""
        self.delete_many([session_id], label="removal of a session")

    @locked
    def delete_many(self, session_ids: list[UUID], label: str = "prune") -> None:
        """Remove several sessions, their files and index rows, as one change (see
        ``journal``): after a kill or a disk error either all are gone or none."""
        if not session_ids:
            return
        try:
            with self._store.transaction(label) as tx:
                for session_id in session_ids:
                    self._store.forget_session_db(session_id)
                    tx.delete(self._store.paths.session_file(session_id))
                self._index.remove_documents(str(session_id) for session_id in session_ids)
        finally:
            self._headers = None
            for session_id in session_ids:
                self._store.forget_session_db(session_id)
        for session_id in session_ids:
            self.clear_damaged(session_id)

    @staticmethod
    def _row(header: SessionHeader, fingerprint: list[int]) -> dict[str, Any]:
        row = header.model_dump(mode="json", exclude={"id"})
        row["fingerprint"] = fingerprint
        return row

    def _write_row(self, header: SessionHeader, fingerprint: list[int]) -> None:
        self._write_rows({str(header.id): self._row(header, fingerprint)})

    def _write_rows(self, rows: dict[str, dict[str, Any]]) -> None:
        if not rows:
            return
        try:
            self._index.write_documents(rows)
        except BaseException:
            self._headers = None
            raise
        if self._headers is not None:
            for doc_id, row in rows.items():
                fields = {k: v for k, v in row.items() if k != "fingerprint"}
                header = SessionHeader.model_validate({**fields, "id": doc_id})
                self._headers[header.id] = header

    # -- healing -------------------------------------------------------------------------

    def _read_header(self, session_id: UUID, fingerprint: list[int]) -> dict[str, Any] | None:
        """A fresh index row from the session file, or None (marked damaged) if unreadable."""
        try:
            session = self._file_repo(session_id).get(session_id)
        except StoreCorrupt as error:
            self._store.forget_session_db(session_id)
            self.mark_damaged(session_id, error.reason)
            return None
        if session is None:
            self._store.forget_session_db(session_id)
            self.mark_damaged(session_id, "it holds no session")
            return None
        return self._row(SessionHeader.of(session), fingerprint)

    @locked
    def reconcile_index(self, *, write: bool = True) -> int:
        """Refresh index rows whose session file changed since; returns how many.

        An unreadable or missing file is marked damaged (it blocks only itself). With
        ``write`` false (a read-only store) the fresh rows are kept in memory only.
        """
        stale: dict[str, dict[str, Any]] = {}
        folder = os.fspath(self._store.paths.sessions)  # plain strings: this runs on every open
        for doc in self._index.all():
            try:
                fingerprint = _fingerprint(os.stat(f"{folder}/{doc.doc_id}.json"))
            except FileNotFoundError:
                self.mark_damaged(UUID(doc.doc_id), MISSING)
                continue
            if fingerprint == doc.get("fingerprint"):
                continue
            session_id = UUID(doc.doc_id)
            row = self._read_header(session_id, fingerprint)
            if row is not None:
                stale[doc.doc_id] = row
        self._apply_rows(stale, write)
        return len(stale)

    @locked
    def adopt_orphans(self, *, write: bool = True) -> list[UUID]:
        """Index session files that have no row (a kill between a new session's file and
        its row): the file is the truth. Returns the ids indexed; unreadable ones are
        marked damaged instead."""
        folder = self._store.paths.sessions
        if not folder.is_dir():
            return []
        indexed = {doc.doc_id for doc in self._index.all()}
        rows: dict[str, dict[str, Any]] = {}
        for name in os.listdir(folder):
            if name.startswith(".") or not name.endswith(".json") or name[:-5] in indexed:
                continue
            try:
                session_id = UUID(name[:-5])
            except ValueError:
                continue  # not a name psw-tui writes: `check` reports it
            if str(session_id) != name[:-5]:
                continue
            try:
                stat = (folder / name).stat()
            except FileNotFoundError:
                continue
            row = self._read_header(session_id, _fingerprint(stat))
            if row is not None:
                rows[str(session_id)] = row
        self._apply_rows(rows, write)
        return [UUID(doc_id) for doc_id in rows]

    def _apply_rows(self, rows: dict[str, dict[str, Any]], write: bool) -> None:
        if write:
            self._write_rows(rows)
            return
        headers = self._loaded()
        for doc_id, row in rows.items():
            fields = {k: v for k, v in row.items() if k != "fingerprint"}
            header = SessionHeader.model_validate({**fields, "id": doc_id})
            headers[header.id] = header
