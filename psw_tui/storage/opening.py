"""Opening a data folder for writing: the lock, interrupted changes, the key, migrations,
and the checks and repairs done before anything is shown.

``store.RecordStore.open`` calls :func:`open_locked`; a read-only open goes through
``snapshot`` instead, which shares :func:`validate_catalog` and :func:`self_repair`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from psw_tui.storage import encryption, journal, migrations
from psw_tui.storage.backups import newest_good_backup
from psw_tui.storage.crypto import PLAIN
from psw_tui.storage.durable import RecordDB, ensure_private_dir, remove_temp_files, write_tables
from psw_tui.storage.errors import SaveFailed, StoreCorrupt, StoreMissing, StoreTooNew
from psw_tui.storage.keyfile import UnlockedKey
from psw_tui.storage.lock import FolderLock
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.repositories import TableRepository
from psw_tui.storage.schema import migrate, new_meta, read_schema_version
from psw_tui.storage.sessions import SessionRepository

CATALOG_TABLES = frozenset({"meta", "groups", "members", "templates", "sessions", "series", "contacts", "supervision"})


class OpenedStore(Protocol):
    """What opening needs of the store it builds (see ``store.RecordStore``)."""

    paths: DataPaths
    read_only: bool
    recovered: list[str]
    groups: TableRepository[Any]
    members: TableRepository[Any]
    templates: TableRepository[Any]
    series: TableRepository[Any]
    sessions: SessionRepository

    @property
    def catalog(self) -> RecordDB: ...


S = TypeVar("S", bound=OpenedStore)


def open_locked(
    factory: Callable[[DataPaths, FolderLock, UnlockedKey | None], S],
    paths: DataPaths,
    recovered: list[str],
    *,
    create: bool,
    passphrase: str | None,
) -> S:
    """Take the folder's lock and open it (see ``RecordStore.open`` for what is raised);
    ``recovered`` is what was done already, in words."""
    if not create and not paths.catalog.exists() and not paths.has_data():
        raise StoreMissing(paths.root)
    lock: FolderLock | None = None
    if paths.root.is_dir() and journal.pending(paths.root):
        # Finish or undo an interrupted change first: it may bring back the key file.
        lock = FolderLock(paths.root, paths.lock)
        lock.acquire()
        try:
            recovered = recovered + journal.recover(paths.root)
        except OSError as error:
            lock.release()
            raise SaveFailed(paths.root / journal.JOURNAL, error, "the interrupted change") from error
        except BaseException:
            lock.release()
            raise
    try:
        key = encryption.open_key(paths, passphrase)
        ensure_private_dir(paths.root)
        if lock is None:
            lock = FolderLock(paths.root, paths.lock)
            lock.acquire()
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    try:
        if key is not None:
            key = encryption.finish_conversion(paths, key)
        paths = DataPaths(paths.root, key.cipher() if key is not None else PLAIN)
        for folder in (paths.root, paths.sessions, paths.reflections, paths.backups):
            remove_temp_files(folder)  # left by a killed write; we hold the lock
        prepare(paths)
        store = factory(paths, lock, key)
        validate_catalog(store)
        store.recovered = recovered + self_repair(store)
    except BaseException:
        lock.release()
        raise
    return store


def prepare(paths: DataPaths) -> None:
    """Create a new store, or check and migrate an existing one."""
    if not paths.catalog.exists():
        if paths.has_data():
            raise StoreCorrupt(
                paths.catalog,
                "it is missing although session or reflection files are present",
                newest_good_backup(paths),
            )
        ensure_private_dir(paths.sessions)
        ensure_private_dir(paths.reflections)
        write_tables(paths.catalog, {"meta": {"schema": new_meta()}}, paths.codec)
        return
    ensure_private_dir(paths.sessions)
    ensure_private_dir(paths.reflections)
    version = read_schema_version(paths.catalog, paths)
    if version > migrations.CURRENT_SCHEMA_VERSION:
        raise StoreTooNew(paths.catalog, version, migrations.CURRENT_SCHEMA_VERSION)
    if version < migrations.CURRENT_SCHEMA_VERSION:
        migrate(paths, version)


def validate_catalog(store: OpenedStore) -> None:
    """Read the whole catalog through its repositories; StoreCorrupt naming the newest
    good backup when anything in it is unreadable or not ours."""
    try:
        tables = store.catalog.storage.read() or {}
    except StoreCorrupt as error:
        raise StoreCorrupt(error.path, error.reason, newest_good_backup(store.paths)) from None
    unknown = set(tables) - CATALOG_TABLES
    if unknown:
        raise StoreCorrupt(
            store.paths.catalog,
            f"it has unknown tables {sorted(unknown)}",
            newest_good_backup(store.paths),
        )
    try:
        for repository in (store.groups, store.members, store.templates, store.series):
            repository.all()
        store.sessions.headers()
    except StoreCorrupt as error:
        raise StoreCorrupt(error.path, error.reason, newest_good_backup(store.paths)) from None


def self_repair(store: OpenedStore) -> list[str]:
    """Bring the index in line with the session files (the files are the truth); returns
    what was done, in words."""
    done = []
    store.sessions.reconcile_index(write=not store.read_only)
    adopted = store.sessions.adopt_orphans(write=not store.read_only)
    if adopted and not store.read_only:
        done.append(f"listed {len(adopted)} session(s) whose saving was cut off")
    damaged = store.sessions.damaged()
    if damaged:
        done.append(
            f"{len(damaged)} session file(s) cannot be read and are shown as damaged "
            "(psw-tui check says more)"
        )
    return done
