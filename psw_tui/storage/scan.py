"""Read paths for looking back over many sessions at once (search, reports).

Every write in psw-tui replaces a file atomically, so reading a session file straight from
disk (decrypting it when the folder is encrypted) always sees a whole, current version. These helpers parse only the tables asked for,
validate them with pydantic, and never touch the concerns table unless asked (search and
reports never ask). File fingerprints let the search index re-read only what changed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from psw_tui.models import Action, Note, RegisterEntry, Session, SessionHeader
from psw_tui.storage.durable import read_tables, with_backup
from psw_tui.storage.errors import StoreCorrupt
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.repositories import adapter_for, describe_error

Fingerprint = tuple[int, int]

_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "register": adapter_for(RegisterEntry),
    "notes": adapter_for(Note),
    "actions": adapter_for(Action),
}
_SESSION = adapter_for(Session)
PARTS = frozenset(_ADAPTERS) | {"session"}


class DamageBook(Protocol):
    """Where damaged session files are noted (``sessions.SessionRepository``)."""

    def is_damaged(self, session_id: UUID) -> bool: ...

    def mark_damaged(self, session_id: UUID, reason: str) -> object: ...


class ScanSource(Protocol):
    """What these reads need of the store (see ``store.RecordStore``)."""

    paths: DataPaths
    mutex: threading.RLock

    @property
    def sessions(self) -> DamageBook: ...

    def newest_backup(self, path: Path | None = None) -> Path | None: ...


@dataclass
class SessionParts:
    """What one session file holds, limited to the tables that were asked for."""

    header: SessionHeader
    session: Session | None = None
    register: list[RegisterEntry] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def _fingerprint(path: Path) -> Fingerprint | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _validated(adapter: TypeAdapter[Any], table: dict[str, Any], path: Path, store: ScanSource) -> list[Any]:
    found = []
    for doc_id, doc in table.items():
        try:
            found.append(adapter.validate_python({**doc, "id": doc_id}))
        except ValidationError as error:
            corrupt = StoreCorrupt(path, f"record {doc_id} is invalid ({describe_error(error)})")
            raise with_backup(corrupt, store.newest_backup) from None
    return found


def read_parts(store: ScanSource, header: SessionHeader, parts: Iterable[str]) -> SessionParts:
    """Read the ``parts`` ("session", "register", "notes", "actions") of one session.

    A session whose file is missing yields empty parts (``psw-tui check`` reports it);
    an unreadable or invalid file raises :class:`StoreCorrupt` naming it.
    """
    wanted = set(parts)
    unknown = wanted - PARTS
    if unknown:
        raise ValueError(f"unknown session parts {sorted(unknown)}")
    result = SessionParts(header=header)
    try:
        with store.mutex:  # never in the middle of this process's multi-file change
            path = store.paths.session_file(header.id)
            tables = read_tables(path, store.paths.codec)
    except FileNotFoundError:
        return result
    except StoreCorrupt as error:
        raise with_backup(error, store.newest_backup) from None
    for name in wanted - {"session"}:
        setattr(result, name, _validated(_ADAPTERS[name], tables.get(name, {}), path, store))
    if "session" in wanted:
        sessions = _validated(_SESSION, tables.get("session", {}), path, store)
        result.session = sessions[0] if sessions else None
    return result


def iter_parts(
    store: ScanSource, headers: Iterable[SessionHeader], parts: Iterable[str]
) -> Iterator[SessionParts]:
    """:func:`read_parts` for each header in turn (lazily, so callers can stop early).

    A damaged session file blocks only itself: it is skipped and marked damaged (see
    ``store.sessions.damaged()``, which reports and lists show), so every other session
    still counts.
    """
    wanted = tuple(parts)
    for header in headers:
        if store.sessions.is_damaged(header.id):
            continue
        try:
            found = read_parts(store, header, wanted)
        except StoreCorrupt as error:
            store.sessions.mark_damaged(header.id, error.reason)
            continue
        yield found


def session_fingerprints(store: ScanSource, headers: Iterable[SessionHeader]) -> dict[UUID, Fingerprint | None]:
    """Each session file's (mtime, size), or None when it is missing."""
    return {header.id: _fingerprint(store.paths.session_file(header.id)) for header in headers}


def reflection_fingerprints(store: ScanSource) -> dict[str, Fingerprint | None]:
    """Each reflection year file's (mtime, size), keyed by file name."""
    folder = store.paths.reflections
    if not folder.is_dir():
        return {}
    return {
        path.name: _fingerprint(path)
        for path in sorted(folder.glob("*.json"))
        if path.stem.isdigit()
    }
