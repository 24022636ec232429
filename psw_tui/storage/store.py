"""The record store: opens a data folder safely and hands out repositories."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter

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
from psw_tui.models.series import Series
from psw_tui.models.worker import Contact, SupervisionRecord
from psw_tui.storage import encryption, journal, migrations
from psw_tui.storage.backups import newest_backup_with, newest_good_backup, take_backup
from psw_tui.storage.crypto import PLAIN, Codec, KdfParams
from psw_tui.storage.durable import (
    RecordDB,
    ensure_private_dir,
    remove_temp_files,
    take_disk_warnings,
    write_tables,
)
from psw_tui.storage.errors import (
    RecordNotFound,
    SavedWithDiskError,
    SaveFailed,
    StoreCorrupt,
    StoreMissing,
    StoreTooNew,
)
from psw_tui.storage.importer import write_bundle
from psw_tui.storage.keyfile import UnlockedKey
from psw_tui.storage.folder_guard import secure_folder
from psw_tui.storage.lock import FolderLock
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.reflections import ReflectionRepository
from psw_tui.storage.repositories import TableRepository
from psw_tui.storage.restore import restore_backup
from psw_tui.storage.schema import migrate, new_meta, read_schema_version, validation_message
from psw_tui.storage.sessions import SessionRepository
from psw_tui.storage.wellness import WellnessRepository

CATALOG_TABLES = {"meta", "groups", "members", "templates", "sessions", "series", "contacts", "supervision"}
SESSION_TABLES = {"session", "register", "notes", "actions", "concerns"}

_NOTE = TypeAdapter(Note)


class RecordStore:
    """An open data folder. Use :meth:`open`; close it with :meth:`close` (or ``with``)."""

    def __init__(
        self,
        paths: DataPaths,
        lock: FolderLock | None,
        key: UnlockedKey | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.paths = paths
        self._lock = lock
        self._key = key
        self.read_only = read_only
        self.recovered: list[str] = []  # what opening finished, undid or repaired, in words
        self._token: tuple[int, int] | None = None
        self._session_dbs: OrderedDict[UUID, RecordDB] = OrderedDict()
        self._connect()

    def _connect(self) -> None:
        ro = self.read_only
        self._catalog = RecordDB(self.paths.catalog, self.newest_backup, self.paths.codec, ro)
        catalog = lambda name: lambda: self._catalog.table(name)  # noqa: E731 - late-bound
        path, finder = self.paths.catalog, self.newest_backup
        self.groups = TableRepository(TypeAdapter(Group), path, catalog("groups"), finder)
        self.members = TableRepository(TypeAdapter(Member), path, catalog("members"), finder)
        self.templates = TableRepository(TypeAdapter(Template), path, catalog("templates"), finder)
        self.series = TableRepository(TypeAdapter(Series), path, catalog("series"), finder)
        self.sessions = SessionRepository(self)
        self.reflections = ReflectionRepository(self.paths, finder, read_only=ro)
        self.reflections.after_abort = self._after_abort
        # The worker's own records: small ones in the catalog, the wellness plan in a file of its own.
        self.contacts = TableRepository(TypeAdapter(Contact), path, catalog("contacts"), finder)
        self.supervision = TableRepository(TypeAdapter(SupervisionRecord), path, catalog("supervision"), finder)
        self.wellness = WellnessRepository(self.paths, finder, read_only=ro)

    def newest_backup(self, path: Path | None = None) -> Path | None:
        """The newest backup that reads back whole (named in corrupt-file messages); for a
        damaged ``path``, failing that, the newest backup holding a good copy of that file."""
        found = newest_good_backup(self.paths)
        if found is None and path is not None and self.paths.root in path.parents:
            found = newest_backup_with(self.paths, path.relative_to(self.paths.root).as_posix())
        return found

    @property
    def recovery_note(self) -> str | None:
        """One line saying what opening the folder finished, undid or repaired (or None)."""
        if not self.recovered:
            return None
        text = "; ".join(self.recovered)
        return f"On opening {self.paths.root}: {text}."

    def transaction(self, label: str) -> Any:
        """A context manager making every write inside it one all-or-nothing change
        (see ``journal``); ``label`` names it in messages ("prune", "forget member")."""
        return journal.transaction(self.paths.root, label, on_abort=self._after_abort)

    def _after_abort(self) -> None:
        """A multi-file change was given up: forget every in-memory copy of what it staged,
        and in an encrypted folder what the codec learned reading staged files (their
        versions), which must not reach the catalog's version ledger."""
        if self._key is not None and self.paths.encrypted:
            self._use_codec(self._key.cipher())
        else:
            self.reload()

    def read_consistent(self, read: Any) -> Any:
        """``read(self)``; on a read-only store, repeated until no multi-file change
        happened meanwhile (see ``snapshot``). Use it for ``sessions``, ``export``, ``check``."""
        from psw_tui.storage.snapshot import read_consistent

        return read_consistent(self, read)

    def take_disk_warnings(self) -> list[SavedWithDiskError]:
        """Saves in this folder that landed but whose disk then reported an error, since
        last asked: show them as "saved, but the disk reported an error"."""
        return take_disk_warnings(self.paths.root)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        create: bool = True,
        passphrase: str | None = None,
        read_only: bool = False,
    ) -> RecordStore:
        """Open (creating it if new and ``create``) the data folder at ``data_dir``.

        Raises :class:`StoreLocked` if another process has it, :class:`StoreCorrupt` if the
        catalog is unreadable or not ours (the file is left untouched and the newest good
        backup is named), :class:`StoreTooNew` for data from a newer version. A damaged
        session file blocks only itself (see ``sessions.damaged()``). An encrypted folder
        needs ``passphrase`` (:class:`PassphraseNeeded` without it, :class:`WrongPassphrase`
        if it does not fit: both before any data file is touched); it is ignored for a
        plain folder. Opening finishes or undoes a change a kill interrupted and indexes
        session files a kill left out; :attr:`recovery_note` says so in one line.

        ``read_only`` opens without the lock (so it works while psw-tui is open elsewhere)
        and never writes: see :mod:`psw_tui.storage.snapshot`.
        """
        paths = DataPaths(Path(data_dir).expanduser().resolve())
        tightened = secure_folder(paths.root)  # before anything is read: no links, owner-only
        if read_only:
            from psw_tui.storage.snapshot import open_read_only

            return open_read_only(cls, paths, passphrase)
        if not create and not paths.catalog.exists() and not paths.has_data():
            raise StoreMissing(paths.root)
        lock: FolderLock | None = None
        recovered: list[str] = [tightened] if tightened else []
        if paths.root.is_dir() and journal.pending(paths.root):
            # Finish or undo an interrupted change first: it may bring back the key file.
            lock = FolderLock(paths.root, paths.lock)
            lock.acquire()
            try:
                recovered += journal.recover(paths.root)
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
            cls._prepare(paths)
            store = cls(paths, lock, key)
            store._validate_catalog()
            store.recovered = recovered + store._self_repair()
        except BaseException:
            lock.release()
            raise
        return store

    def _self_repair(self) -> list[str]:
        """Bring the index in line with the session files (the files are the truth)."""
        done = []
        self.sessions.reconcile_index(write=not self.read_only)
        adopted = self.sessions.adopt_orphans(write=not self.read_only)
        if adopted and not self.read_only:
            done.append(f"listed {len(adopted)} session(s) whose saving was cut off")
        damaged = self.sessions.damaged()
        if damaged:
            done.append(
                f"{len(damaged)} session file(s) cannot be read and are shown as damaged "
                "(psw-tui check says more)"
            )
        return done

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
            for repository in (self.groups, self.members, self.templates, self.series):
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
        db = RecordDB(path, self.newest_backup, self.paths.codec, self.read_only)
        if path.exists():
            try:
                unknown = set(db.storage.read() or {}) - SESSION_TABLES
            except StoreCorrupt as error:
                self.sessions.mark_damaged(session_id, error.reason)
                raise
            if unknown:
                reason = f"it has unknown tables {sorted(unknown)}"
                self.sessions.mark_damaged(session_id, reason)
                raise StoreCorrupt(path, reason, self.newest_backup(path))
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
        """How many groups, members, sessions, notes and reflections the store holds
        (notes of damaged sessions are not counted: see ``sessions.damaged()``)."""
        headers = self.sessions.headers()
        notes = 0
        for header in headers:
            try:
                notes += self.notes(header.id).count()
            except (StoreCorrupt, RecordNotFound) as error:
                reason = error.reason if isinstance(error, StoreCorrupt) else "its file is missing"
                self.sessions.mark_damaged(header.id, reason)
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
        self._catalog = RecordDB(self.paths.catalog, self.newest_backup, self.paths.codec, self.read_only)
        self.sessions.forget()
        self.reflections.forget()
        self.wellness.forget()

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

    def change_passphrase(
        self, new_passphrase: str, kdf: KdfParams | None = None, *, rotate: bool = True
    ) -> encryption.ConversionReport:
        """Put the folder under ``new_passphrase``; with ``rotate`` (the default) also under a
        new data key, every file and backup encrypted again (see ``encryption``)."""
        if self._key is None:
            raise encryption.EncryptionRefused(f"{self.paths.root} is not encrypted")
        key = encryption.catch_up(self.paths, self._catalog.storage, self._key)
        self._key = None  # if this fails part way, the next open finishes it: never rewrite the key file
        self._key, report = encryption.change_passphrase(self.paths, key, new_passphrase, kdf, rotate=rotate)
        self._use_codec(self._key.cipher())
        return report

    def import_bundle(self, bundle: Bundle) -> None:
        """Write a validated bundle into the store, all or nothing (see ``importer``)."""
        write_bundle(self, bundle)

    def close(self) -> None:
        """Record file versions in the catalog and key file (encrypted folders), release the lock."""
        if self._lock is not None and not self.read_only:
            self._key = encryption.catch_up(self.paths, self._catalog.storage, self._key)
        for db in self._session_dbs.values():
            db.close()
        self._session_dbs.clear()
        self._catalog.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["RecordStore", "migrate", "new_meta", "read_schema_version", "restore_backup", "validation_message"]
