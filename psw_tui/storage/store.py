"""The record store: opens a data folder safely and hands out repositories."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from psw_tui.models import (
    Action,
    Bundle,
    Concern,
    Group,
    Member,
    Note,
    RegisterEntry,
    Template,
)
from psw_tui.storage import encryption, migrations
from psw_tui.storage.backups import newest_good_backup, take_backup
from psw_tui.storage.crypto import PLAIN, Codec, KdfParams
from psw_tui.storage.durable import (
    RecordDB,
    atomic_write,
    encode,
    ensure_private_dir,
    read_tables,
    remove_temp_files,
    write_tables,
)
from psw_tui.storage.errors import (
    RecordNotFound,
    StoreCorrupt,
    StoreMissing,
    StoreTooNew,
)
from psw_tui.storage.importer import write_bundle
from psw_tui.storage.keyfile import UnlockedKey
from psw_tui.storage.lock import FolderLock
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.reflections import ReflectionRepository
from psw_tui.storage.repositories import TableRepository, describe_error
from psw_tui.storage.restore import restore_backup
from psw_tui.storage.sessions import SessionRepository

CATALOG_TABLES = {"meta", "groups", "members", "templates", "sessions"}
SESSION_TABLES = {"session", "register", "notes", "actions", "concerns"}

_NOTE = TypeAdapter(Note)


class RecordStore:
    """An open data folder. Use :meth:`open`; close it with :meth:`close` (or ``with``)."""

    def __init__(self, paths: DataPaths, lock: FolderLock, key: UnlockedKey | None = None) -> None:
        self.paths = paths
        self._lock = lock
        self._key = key
        self._session_dbs: OrderedDict[UUID, RecordDB] = OrderedDict()
        self._connect()

    def _connect(self) -> None:
        self._catalog = RecordDB(self.paths.catalog, self.newest_backup, self.paths.codec)
        catalog = lambda name: lambda: self._catalog.table(name)  # noqa: E731 - late-bound
        path, finder = self.paths.catalog, self.newest_backup
        self.groups = TableRepository(TypeAdapter(Group), path, catalog("groups"), finder)
        self.members = TableRepository(TypeAdapter(Member), path, catalog("members"), finder)
        self.templates = TableRepository(TypeAdapter(Template), path, catalog("templates"), finder)
        self.sessions = SessionRepository(self)
        self.reflections = ReflectionRepository(self.paths, finder)

    def newest_backup(self) -> Path | None:
        """The newest backup that reads back whole (named in corrupt-file messages)."""
        return newest_good_backup(self.paths)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls, data_dir: Path, *, create: bool = True, passphrase: str | None = None
    ) -> RecordStore:
        """Open (creating it if new and ``create``) the data folder at ``data_dir``.

        Raises :class:`StoreLocked` if another process has it, :class:`StoreCorrupt` if a file
        is unreadable or not ours (the file is left untouched and the newest good backup is
        named), :class:`StoreTooNew` for data from a newer version. An encrypted folder needs
        ``passphrase`` (:class:`PassphraseNeeded` without it, :class:`WrongPassphrase` if it
        does not fit: both before anything is touched); it is ignored for a plain folder.
        """
        paths = DataPaths(Path(data_dir).expanduser().resolve())
        if not create and not paths.catalog.exists() and not paths.has_data():
            raise StoreMissing(paths.root)
        key = encryption.open_key(paths, passphrase)
        ensure_private_dir(paths.root)
        lock = FolderLock(paths.root, paths.lock)
        lock.acquire()
        try:
            if key is not None:
                key = encryption.finish_conversion(paths, key)
            paths = DataPaths(paths.root, key.cipher() if key is not None else PLAIN)
            for folder in (paths.root, paths.sessions, paths.reflections, paths.backups):
                remove_temp_files(folder)  # left by a killed write; we hold the lock
            cls._prepare(paths)
            store = cls(paths, lock, key)
            store._validate_catalog()
            store.sessions.reconcile_index()
        except BaseException:
            lock.release()
            raise
        return store

    @staticmethod
    def _prepare(paths: DataPaths) -> None:
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

    def _validate_catalog(self) -> None:
        try:
            tables = self._catalog.storage.read() or {}
        except StoreCorrupt as error:
            raise StoreCorrupt(error.path, error.reason, newest_good_backup(self.paths)) from None
        unknown = set(tables) - CATALOG_TABLES
        if unknown:
            raise StoreCorrupt(
                self.paths.catalog,
                f"it has unknown tables {sorted(unknown)}",
                newest_good_backup(self.paths),
            )
        try:
            for repository in (self.groups, self.members, self.templates):
                repository.all()
            self.sessions.headers()
        except StoreCorrupt as error:
            raise StoreCorrupt(error.path, error.reason, newest_good_backup(self.paths)) from None

    # -- per-session files ---------------------------------------------------------------

    def session_db(self, session_id: UUID, *, must_exist: bool = True) -> RecordDB:
        """The open TinyDB of one session's file (a few are kept open)."""
        db = self._session_dbs.get(session_id)
        if db is not None:
            self._session_dbs.move_to_end(session_id)
            return db
        path = self.paths.session_file(session_id)
        if must_exist and not path.exists():
            raise RecordNotFound(f"session {session_id} has no file ({path.name} is missing)")
        db = RecordDB(path, self.newest_backup, self.paths.codec)
        if path.exists():
            unknown = set(db.storage.read() or {}) - SESSION_TABLES
            if unknown:
                raise StoreCorrupt(path, f"it has unknown tables {sorted(unknown)}", self.newest_backup())
        self._session_dbs[session_id] = db
        if len(self._session_dbs) > 16:
            _, old = self._session_dbs.popitem(last=False)
            old.close()
        return db

    def forget_session_db(self, session_id: UUID) -> None:
        """Drop a cached handle (after the file was removed or replaced)."""
        db = self._session_dbs.pop(session_id, None)
        if db is not None:
            db.close()

    def _part(self, adapter: TypeAdapter[Any], table: str, session_id: UUID) -> TableRepository[Any]:
        path = self.paths.session_file(session_id)
        db = self.session_db(session_id)
        return TableRepository(adapter, path, lambda: db.table(table), self.newest_backup)

    def register(self, session_id: UUID) -> TableRepository[RegisterEntry]:
        """The register of one session."""
        return self._part(TypeAdapter(RegisterEntry), "register", session_id)

    def notes(self, session_id: UUID) -> TableRepository[Note]:
        """The notes of one session."""
        return self._part(_NOTE, "notes", session_id)

    def actions(self, session_id: UUID) -> TableRepository[Action]:
        """The actions raised in (or carried into) one session."""
        return self._part(TypeAdapter(Action), "actions", session_id)

    def concerns(self, session_id: UUID) -> TableRepository[Concern]:
        """The concerns recorded in one session."""
        return self._part(TypeAdapter(Concern), "concerns", session_id)

    # -- catalog access for the session repository ---------------------------------------

    @property
    def catalog(self) -> RecordDB:
        """The catalog database (groups, rosters, templates, session index)."""
        return self._catalog

    # -- maintenance ---------------------------------------------------------------------

    def backup(self, now: datetime | None = None) -> Path:
        """Take a rolling backup now."""
        return take_backup(self.paths, now)

    def counts(self) -> dict[str, int]:
        """How many groups, members, sessions, notes and reflections the store holds."""
        headers = self.sessions.headers()
        notes = sum(self.notes(header.id).count() for header in headers)
        return {
            "groups": self.groups.count(),
            "members": self.members.count(),
            "sessions": len(headers),
            "notes": notes,
            "reflections": len(self.reflections.all()),
        }

    def reload(self) -> None:
        """Forget every in-memory copy so the next read comes from disk."""
        for db in self._session_dbs.values():
            db.close()
        self._session_dbs.clear()
        self._catalog.close()
        # The repositories look the catalog up on every call, so they stay valid.
        self._catalog = RecordDB(self.paths.catalog, self.newest_backup, self.paths.codec)
        self.sessions.forget()
        self.reflections.forget()

    # -- encryption at rest --------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        """Whether this data folder is encrypted (exports from it are not: warn the user)."""
        return self.paths.encrypted

    def _use_codec(self, codec: Codec) -> None:
        for db in self._session_dbs.values():
            db.close()
        self._session_dbs.clear()
        self._catalog.close()
        self.paths = DataPaths(self.paths.root, codec)
        self._connect()

    def enable_encryption(
        self, passphrase: str, kdf: KdfParams | None = None
    ) -> encryption.ConversionReport:
        """Encrypt every data file and backup under a new random key wrapped by ``passphrase``."""
        key, report = encryption.enable(self.paths, passphrase, kdf)
        self._key = key
        self._use_codec(key.cipher())
        return report

    def disable_encryption(self) -> encryption.ConversionReport:
        """Decrypt every data file and backup and remove the key file."""
        if self._key is None:
            raise encryption.EncryptionRefused(f"{self.paths.root} is not encrypted")
        report = encryption.disable(self.paths, self._key)
        self._key = None
        self._use_codec(PLAIN)
        return report

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Wrap the data key under ``new_passphrase`` (the data files are not rewritten)."""
        if self._key is None:
            raise encryption.EncryptionRefused(f"{self.paths.root} is not encrypted")
        self._key = encryption.change_passphrase(self.paths, self._key, new_passphrase, kdf)

    def import_bundle(self, bundle: Bundle) -> None:
        """Write a validated bundle into the store, all or nothing (see ``importer``)."""
        write_bundle(self, bundle)

    def close(self) -> None:
        """Release the folder lock."""
        for db in self._session_dbs.values():
            db.close()
        self._session_dbs.clear()
        self._catalog.close()
        self._lock.release()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def new_meta() -> dict[str, Any]:
    """The meta record of a new catalog."""
    return {
        "app": migrations.APP_MARK,
        "schema_version": migrations.CURRENT_SCHEMA_VERSION,
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def read_schema_version(catalog: Path, paths: DataPaths) -> int:
    """Read the schema version, raising StoreCorrupt (with a backup named) for a foreign file."""
    try:
        tables = read_tables(catalog, paths.codec)
    except StoreCorrupt as error:
        raise StoreCorrupt(error.path, error.reason, newest_good_backup(paths)) from None
    schema = tables.get("meta", {}).get("schema", {})
    version = schema.get("schema_version")
    if schema.get("app") != migrations.APP_MARK or not isinstance(version, int) or version < 1:
        raise StoreCorrupt(catalog, "it is not a psw-tui catalog", newest_good_backup(paths))
    return version


def migrate(paths: DataPaths, found: int) -> None:
    """Back up, then bring every data file from schema ``found`` to the current one."""
    steps = migrations.plan(found)
    take_backup(paths)
    for step in steps:
        for file in paths.data_files():
            tables = read_tables(file, paths.codec)
            if file == paths.catalog:
                tables = step.catalog(tables)
                tables.setdefault("meta", {}).setdefault("schema", {})
            elif file.parent == paths.sessions:
                tables = step.session(tables)
            else:
                tables = step.reflections(tables)
            if file == paths.catalog:
                continue  # the catalog, with its version, is written last
            atomic_write(file, paths.codec.seal(encode(tables)))
        catalog = step.catalog(read_tables(paths.catalog, paths.codec))
        catalog.setdefault("meta", {}).setdefault("schema", {})["schema_version"] = step.to_version
        atomic_write(paths.catalog, paths.codec.seal(encode(catalog)))


def validation_message(error: ValidationError) -> str:
    """A validation error as one line naming the field."""
    return describe_error(error)
