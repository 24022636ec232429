"""Putting damaged files right: from a backup when one holds a good copy, else set aside.

Every step is a journaled change (see ``journal``), and nothing is ever deleted: a damaged
file that no backup can replace is moved to ``damaged/`` in the data folder (owner-only),
where a person can still look at it, and the rest of the data is used as normal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from psw_tui.models import Group, Session, SessionHeader
from psw_tui.storage.backups import good_copy, list_backups, newest_backup_with, take_backup
from psw_tui.storage.durable import decode_tables, encode, read_bounded
from psw_tui.storage.errors import StoreCorrupt, StoreError
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.sessions import MISSING, fingerprint
from psw_tui.storage.store import RecordStore

DAMAGED_FOLDER = "damaged"


class RepairRefused(StoreError):
    """A repair step cannot be done as asked (nothing was changed)."""


def _aside_path(paths: DataPaths, name: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return paths.root / DAMAGED_FOLDER / f"{stamp}-{name}"


def _relative(paths: DataPaths, path: Path) -> str:
    return path.relative_to(paths.root).as_posix()


def restore_session_from_backup(store: RecordStore, session_id: UUID) -> Path:
    """Bring one session's file back from the newest backup holding a good copy of it;
    returns that backup. Raises :class:`RepairRefused` (with the next step) if none does."""
    paths = store.paths
    path = paths.session_file(session_id)
    backup = newest_backup_with(paths, _relative(paths, path))
    if backup is None:
        raise RepairRefused(
            f"no backup holds a good copy of session {session_id}; set its file aside "
            "instead (psw-tui check --repair) so everything else can be used"
        )
    plain = good_copy(backup, _relative(paths, path), paths.codec)
    assert plain is not None
    tables = decode_tables(plain, path)
    docs = tables.get("session", {})
    if str(session_id) not in docs:
        raise RepairRefused(f"the copy of session {session_id} in {backup} holds no session")
    header = SessionHeader.of(Session.model_validate({**docs[str(session_id)], "id": str(session_id)}))
    with store.transaction("restore of a session") as tx:
        store.forget_session_db(session_id)
        tx.stage_write(path, paths.codec.seal(plain, path))
        row = header.model_dump(mode="json", exclude={"id"})
        row["fingerprint"] = fingerprint(tx.stat(path))
        store.catalog.table("sessions").write_documents({str(session_id): row})
    store.forget_session_db(session_id)
    store.sessions.forget()
    store.sessions.clear_damaged(session_id)
    return backup


def set_session_aside(store: RecordStore, session_id: UUID) -> Path | None:
    """Move a damaged session's file to ``damaged/`` and take it off the list, as one
    change; returns where the file went (None when it was missing already)."""
    paths = store.paths
    path = paths.session_file(session_id)
    aside = _aside_path(paths, path.name) if path.exists() else None
    with store.transaction("setting aside of a damaged session") as tx:
        store.forget_session_db(session_id)
        if aside is not None:
            tx.move(path, aside)
        store.catalog.table("sessions").remove_documents([str(session_id)])
    store.forget_session_db(session_id)
    store.sessions.forget()
    store.sessions.clear_damaged(session_id)
    return aside


def repair_reflection_year(store: RecordStore, year: int) -> str:
    """Bring a damaged reflection year file back from a backup, or set it aside."""
    paths = store.paths
    path = paths.reflection_file(year)
    name = _relative(paths, path)
    backup = newest_backup_with(paths, name)
    with store.transaction("repair of reflections") as tx:
        if backup is not None:
            plain = good_copy(backup, name, paths.codec)
            assert plain is not None
            tx.stage_write(path, paths.codec.seal(plain, path))
        else:
            tx.move(path, _aside_path(paths, f"reflections-{path.name}"))
    store.reflections.forget()
    if backup is not None:
        return f"brought {name} back from {backup.name}"
    return f"set {name} aside in {DAMAGED_FOLDER}/ (no backup held a good copy)"


@dataclass
class RepairReport:
    """What ``check --repair`` did, one line per step."""

    done: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def repair_store(store: RecordStore, damaged_years: list[int] | None = None) -> RepairReport:
    """Fix what a check found (call after ``verify_store``, which marks the damage):
    reflections stored twice lose their older copy, each damaged or missing session file
    comes back from the newest backup holding it or is set aside, each damaged reflection
    year file likewise. A backup of everything as it was is taken first."""
    report = RepairReport()
    damaged = store.sessions.damaged()
    years = sorted(set(damaged_years or []) | set(store.reflections.damaged))
    if damaged or years:
        backup = store.backup()
        report.done.append(f"saved everything as it was in {backup.name}")
    before = store.reflections.repaired
    store.reflections.all()
    if store.reflections.repaired > before:
        report.done.append(f"removed {store.reflections.repaired - before} older copy(ies) of reflections")
    for item in damaged:
        try:
            used = restore_session_from_backup(store, item.session_id)
            report.done.append(f"brought session {item.session_id} back from {used.name}")
        except RepairRefused:
            aside = set_session_aside(store, item.session_id)
            if item.reason == MISSING or aside is None:
                report.done.append(f"took session {item.session_id} (its file is missing) off the list")
            else:
                report.done.append(f"set session file {item.path.name} aside in {DAMAGED_FOLDER}/")
    for year in years:
        report.done.append(repair_reflection_year(store, year))
    return report


# -- rebuilding a damaged catalog --------------------------------------------------------


@dataclass
class RebuildReport:
    """What :func:`rebuild_catalog` found and did."""

    backup_taken: Path
    catalog_from: Path | None
    sessions: int = 0
    unreadable: list[Path] = field(default_factory=list)
    placeholder_groups: int = 0

    def summary(self) -> str:
        """One line for the user."""
        source = (
            f"groups, rosters and templates from {self.catalog_from.name}"
            if self.catalog_from is not None
            else "no backup with a readable catalog, so groups are placeholders"
        )
        line = f"Rebuilt the catalog: {self.sessions} session(s) listed from their files, {source}"
        if self.placeholder_groups:
            line += f", {self.placeholder_groups} placeholder group(s) for sessions of unknown groups"
        if self.unreadable:
            line += f"; {len(self.unreadable)} session file(s) could not be read"
        return line + f". Everything as it was is in {self.backup_taken.name}."


def _catalog_from_backups(paths: DataPaths) -> tuple[dict[str, Any], Path | None]:
    for info in list_backups(paths):
        plain = good_copy(info.path, "catalog.json", paths.codec)
        if plain is not None:
            return decode_tables(plain, info.path / "catalog.json"), info.path
    return {}, None


def rebuild_catalog(paths: DataPaths, new_meta: dict[str, Any]) -> RebuildReport:
    """Write a new catalog from the session files (call with the folder lock held).

    Groups, rosters and templates come from the newest backup with a readable catalog;
    sessions whose group is unknown get a placeholder group so they stay usable. A backup
    of everything as it was (the damaged catalog included) is taken first.
    """
    from psw_tui.storage import journal

    taken = take_backup(paths, keep=10_000)
    base, source = _catalog_from_backups(paths)
    catalog: dict[str, Any] = {name: dict(base.get(name, {})) for name in ("groups", "members", "templates")}
    catalog["meta"] = {"schema": new_meta}
    report = RebuildReport(backup_taken=taken, catalog_from=source)
    rows: dict[str, Any] = {}
    placeholders: dict[str, str] = {}
    for path in sorted(paths.sessions.glob("*.json")) if paths.sessions.is_dir() else []:
        try:
            tables = decode_tables(paths.codec.unseal(read_bounded(path), path), path)
            doc_id, doc = next(iter(tables["session"].items()))
            header = SessionHeader.of(Session.model_validate({**doc, "id": doc_id}))
        except (StoreCorrupt, KeyError, StopIteration, ValueError):
            report.unreadable.append(path)
            continue
        group_id = str(header.group_id)
        if group_id not in catalog["groups"] and group_id not in placeholders:
            name = f"Recovered group {len(placeholders) + 1}"
            group = Group(id=header.group_id, name=name)
            placeholders[group_id] = name
            catalog["groups"][group_id] = group.model_dump(mode="json", exclude={"id"})
        row = header.model_dump(mode="json", exclude={"id"})
        row["fingerprint"] = fingerprint(path.stat())
        rows[doc_id] = row
    catalog["sessions"] = rows
    report.sessions = len(rows)
    report.placeholder_groups = len(placeholders)
    with journal.transaction(paths.root, "rebuild of the catalog") as tx:
        tx.stage_write(paths.catalog, paths.codec.seal(encode(catalog), paths.catalog))
    return report


def rebuild(data_dir: Path, passphrase: str | None = None) -> RebuildReport:
    """Rebuild a damaged catalog of the data folder at ``data_dir`` (see
    :func:`rebuild_catalog`); takes the folder lock, and refuses when the catalog reads."""
    from psw_tui.storage import encryption, journal
    from psw_tui.storage.crypto import PLAIN
    from psw_tui.storage.lock import FolderLock
    from psw_tui.storage.schema import new_meta, read_schema_version

    paths = DataPaths(Path(data_dir).expanduser().resolve())
    key = encryption.open_key(paths, passphrase)
    paths = DataPaths(paths.root, key.cipher() if key is not None else PLAIN)
    lock = FolderLock(paths.root, paths.lock)
    lock.acquire()
    try:
        journal.recover(paths.root)
        if paths.catalog.exists():
            try:
                read_schema_version(paths.catalog, paths)
            except StoreCorrupt:
                pass
            else:
                raise RepairRefused(f"{paths.catalog} reads back whole; there is nothing to rebuild")
        return rebuild_catalog(paths, new_meta())
    finally:
        lock.release()
