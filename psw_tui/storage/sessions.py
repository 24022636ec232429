"""Sessions: one file each, plus a small index in the catalog for listing."""

from __future__ import annotations

import os
from datetime import time
from typing import TYPE_CHECKING, Any
from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from psw_tui.models import Session, SessionHeader, SessionStatus
from psw_tui.storage.durable import fsync_dir
from psw_tui.storage.errors import RecordNotFound, StoreCorrupt
from psw_tui.storage.repositories import TableRepository, describe_error

if TYPE_CHECKING:
    from psw_tui.storage.store import RecordStore

_SESSION = TypeAdapter(Session)
INDEX_TABLE = "sessions"


def _fingerprint(stat: os.stat_result) -> list[int]:
    return [stat.st_mtime_ns, stat.st_size, stat.st_ino]


class SessionRepository:
    """Sessions of every group.

    The session file is the truth; the catalog keeps each session's header (group, title,
    date, status) and the file's fingerprint, so listing never opens session files and a
    note saved during a live session never rewrites the catalog. When a file changed after
    its index row (a crash between the two writes), :meth:`reconcile_index` refreshes the row.
    """

    def __init__(self, store: RecordStore) -> None:
        self._store = store
        self._headers: dict[UUID, SessionHeader] | None = None

    @property
    def _index(self):  # noqa: ANN202 - a TinyDB table
        return self._store.catalog.table(INDEX_TABLE)

    def _file_repo(self, session_id: UUID) -> TableRepository[Session]:
        db = self._store.session_db(session_id, must_exist=False)
        path = self._store.paths.session_file(session_id)
        return TableRepository(_SESSION, path, lambda: db.table("session"), self._store.newest_backup)

    def forget(self) -> None:
        """Drop the cached headers so the next read comes from the catalog."""
        self._headers = None

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

    def headers(self, group_id: UUID | None = None) -> list[SessionHeader]:
        """Session headers, oldest first, optionally for one group."""
        found = [h for h in self._loaded().values() if group_id is None or h.group_id == group_id]
        return sorted(found, key=lambda h: (h.date, h.start_time or time.min, str(h.id)))

    def header(self, session_id: UUID) -> SessionHeader | None:
        """The header of one session, or None."""
        return self._loaded().get(session_id)

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

    def save(self, session: Session) -> Session:
        """Create or update a session: its file first, then its index row if the header changed."""
        path = self._store.paths.session_file(session.id)
        self._file_repo(session.id).save(session)
        header = SessionHeader.of(session)
        if self.header(session.id) != header:
            self._write_row(header, _fingerprint(path.stat()))
        return session

    def save_many(self, sessions: list[Session]) -> None:
        """Write several new session files, then index them in one catalog write."""
        rows: dict[str, dict[str, Any]] = {}
        for session in sessions:
            self._file_repo(session.id).save(session)
            stat = self._store.paths.session_file(session.id).stat()
            rows[str(session.id)] = self._row(SessionHeader.of(session), _fingerprint(stat))
        self._write_rows(rows)

    def delete(self, session_id: UUID) -> None:
        """Remove a session, its file and everything recorded in it."""
        path = self._store.paths.session_file(session_id)
        self._index.remove(doc_ids=[str(session_id)]) if self.header(session_id) else None
        if self._headers is not None:
            self._headers.pop(session_id, None)
        self._store.forget_session_db(session_id)
        path.unlink(missing_ok=True)

    def delete_many(self, session_ids: list[UUID]) -> None:
        """Remove several sessions: their files first, then their index rows in one write.

        A crash in between leaves index rows whose file is gone (``psw-tui check`` names
        them, and pruning again finishes the job); the content is never left behind.
        """
        for session_id in session_ids:
            self._store.forget_session_db(session_id)
            self._store.paths.session_file(session_id).unlink(missing_ok=True)
        if session_ids:
            fsync_dir(self._store.paths.sessions)
        wanted = {str(session_id) for session_id in session_ids}

        def updater(table: dict[str, Any]) -> None:
            for doc_id in wanted & set(table):
                del table[doc_id]

        try:
            self._index._update_table(updater)
        finally:
            self._headers = None

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

        def updater(table: dict[str, Any]) -> None:
            table.update(rows)

        try:
            self._index._update_table(updater)
        except BaseException:
            self._headers = None
            raise
        if self._headers is not None:
            for doc_id, row in rows.items():
                fields = {k: v for k, v in row.items() if k != "fingerprint"}
                header = SessionHeader.model_validate({**fields, "id": doc_id})
                self._headers[header.id] = header

    # -- healing -------------------------------------------------------------------------

    def reconcile_index(self) -> int:
        """Refresh index rows whose session file changed since; returns how many."""
        stale: dict[str, dict[str, Any]] = {}
        for doc in self._index.all():
            path = self._store.paths.session_file(UUID(doc.doc_id))
            try:
                fingerprint = _fingerprint(path.stat())
            except FileNotFoundError:
                continue  # reported by `psw-tui check`; never guessed at here
            if fingerprint == doc.get("fingerprint"):
                continue
            session = self._file_repo(UUID(doc.doc_id)).get(UUID(doc.doc_id))
            if session is None:
                continue
            header = SessionHeader.of(session)
            stale[doc.doc_id] = self._row(header, fingerprint)
        self._write_rows(stale)
        return len(stale)
