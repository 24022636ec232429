"""The record store: the facade over an open data folder.

Each job lives in a module of its own, and :class:`RecordStore` wires them together:
``opening`` (lock, interrupted changes, key, migrations, checks), ``session_cache`` (the
open session files), ``repositories`` / ``sessions`` / ``reflections`` / ``wellness``
(records in and out, each model's ``TypeAdapter`` built once), ``folder_key``
(encryption), ``importer`` (bundles) and ``snapshot`` (reading without the lock).

Threads: the UI thread writes while workers (home counts, search index, reports) read.
Every read and write through the store holds :attr:`RecordStore.mutex` (a re-entrant
lock), and a multi-file change holds it from start to commit, so a worker never sees a
half-written change nor a session file handle being dropped under it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from psw_tui.models import Action, Bundle, Concern, Group, Member, Note, RegisterEntry, Template
from psw_tui.models.series import Series
from psw_tui.models.worker import Contact, SupervisionRecord
from psw_tui.storage import encryption, journal, opening
from psw_tui.storage.backups import newest_backup_with, newest_good_backup, take_backup
from psw_tui.storage.crypto import KdfParams
from psw_tui.storage.durable import RecordDB, take_disk_warnings
from psw_tui.storage.errors import RecordNotFound, SavedWithDiskError, StoreCorrupt
from psw_tui.storage.folder_guard import secure_folder
from psw_tui.storage.folder_key import FolderKey
from psw_tui.storage.importer import write_bundle
from psw_tui.storage.keyfile import UnlockedKey
from psw_tui.storage.lock import FolderLock
from psw_tui.storage.opening import CATALOG_TABLES
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.reflections import ReflectionRepository
from psw_tui.storage.repositories import TableRepository, adapter_for
from psw_tui.storage.restore import restore_backup
from psw_tui.storage.schema import migrate, new_meta, read_schema_version, validation_message
from psw_tui.storage.session_cache import SESSION_TABLES, SessionFiles
from psw_tui.storage.sessions import SessionRepository
from psw_tui.storage.snapshot import open_read_only, read_consistent
from psw_tui.storage.wellness import WellnessRepository


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
        self._keys = FolderKey(key)
        self.read_only = read_only
        self.recovered: list[str] = []  # what opening finished, undid or repaired, in words
        self._token: tuple[int, int] | None = None
        self.mutex = threading.RLock()  # held by every read and write: see the module doc
        self._connect()

    def _connect(self) -> None:
        ro, guard = self.read_only, self.mutex
        self._catalog = RecordDB(self.paths.catalog, self.newest_backup, self.paths.codec, ro)
        self._files = SessionFiles(self.paths, self.newest_backup, self._mark_damaged, guard, read_only=ro)
        self.groups = self._catalog_repository(Group, "groups")
        self.members = self._catalog_repository(Member, "members")
        self.templates = self._catalog_repository(Template, "templates")
        self.series = self._catalog_repository(Series, "series")
        self.sessions = SessionRepository(self)
        self.reflections = ReflectionRepository(self.paths, self.newest_backup, read_only=ro, guard=guard)
        self.reflections.after_abort = self._after_abort
        # The worker's own records: small ones in the catalog, the wellness plan in a file of its own.
        self.contacts = self._catalog_repository(Contact, "contacts")
        self.supervision = self._catalog_repository(SupervisionRecord, "supervision")
        self.wellness = WellnessRepository(self.paths, self.newest_backup, read_only=ro, guard=guard)

    def _catalog_repository(self, model: type[Any], table: str) -> TableRepository[Any]:
        # The catalog is looked up on every call: reload() replaces it.
        return TableRepository(
            adapter_for(model), self.paths.catalog, lambda: self._catalog.table(table), self.newest_backup, self.mutex
        )

    def _mark_damaged(self, session_id: UUID, reason: str) -> None:
        self.sessions.mark_damaged(session_id, reason)

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
        (see ``journal``); ``label`` names it in messages ("prune", "forget member").
        The store's lock is held throughout, so no other thread reads what is staged."""
        return self._locked_transaction(label)

    @contextmanager
    def _locked_transaction(self, label: str) -> Iterator[journal.Transaction]:
        with self.mutex, journal.transaction(self.paths.root, label, on_abort=self._after_abort) as tx:
            yield tx

    def _after_abort(self) -> None:
        """A multi-file change was given up: forget every in-memory copy of what it staged,
        and in an encrypted folder what the codec learned reading staged files (their
        versions), which must not reach the catalog's version ledger."""
        if self._keys.key is not None and self.paths.encrypted:
            self._use_codec()
        else:
            self.reload()

    def read_consistent(self, read: Any) -> Any:
        """``read(self)``; on a read-only store, repeated until no multi-file change
        happened meanwhile (see ``snapshot``). Use it for ``sessions``, ``export``, ``check``."""
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
            return open_read_only(cls, paths, passphrase)
        recovered = [tightened] if tightened else []
        return opening.open_locked(cls, paths, recovered, create=create, passphrase=passphrase)

    def _self_repair(self) -> list[str]:
        """Bring the index in line with the session files (see ``opening.self_repair``)."""
        return opening.self_repair(self)

    @staticmethod
    def _prepare(paths: DataPaths) -> None:
        """Create a new store, or check and migrate an existing one."""
        opening.prepare(paths)

    def _validate_catalog(self) -> None:
        opening.validate_catalog(self)

    # -- per-session files ---------------------------------------------------------------

    def session_db(self, session_id: UUID, *, must_exist: bool = True) -> RecordDB:
        """The open TinyDB of one session's file (a few are kept open: see ``session_cache``).
        Hold :attr:`mutex` while reading through it from a thread other than the UI's."""
        return self._files.get(session_id, must_exist=must_exist)

    def forget_session_db(self, session_id: UUID) -> None:
        """Drop a cached handle (after the file was removed or replaced)."""
        self._files.forget(session_id)

    def _part(self, model: Any, table: str, session_id: UUID) -> TableRepository[Any]:
        self.session_db(session_id)  # a missing or damaged file is reported now
        files = self._files
        return TableRepository(
            adapter_for(model),
            self.paths.session_file(session_id),
            lambda: files.get(session_id, must_exist=False).table(table),
            self.newest_backup,
            self.mutex,
        )

    def register(self, session_id: UUID) -> TableRepository[RegisterEntry]:
        """The register of one session."""
        return self._part(RegisterEntry, "register", session_id)

    def notes(self, session_id: UUID) -> TableRepository[Note]:
        """The notes of one session."""
        return self._part(Note, "notes", session_id)

    def actions(self, session_id: UUID) -> TableRepository[Action]:
        """The actions raised in (or carried into) one session."""
        return self._part(Action, "actions", session_id)

    def concerns(self, session_id: UUID) -> TableRepository[Concern]:
        """The concerns recorded in one session."""
        return self._part(Concern, "concerns", session_id)

    # -- catalog access for the session repository ---------------------------------------

    @property
    def catalog(self) -> RecordDB:
        """The catalog database (groups, rosters, templates, session index)."""
        return self._catalog

    # -- maintenance ---------------------------------------------------------------------

    def backup(self, now: datetime | None = None) -> Path:
        """Take a rolling backup now."""
        with self.mutex:
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
        with self.mutex:
            self._files.clear()
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

    def _use_codec(self) -> None:
        with self.mutex:
            self._files.clear()
            self._catalog.close()
            self.paths = DataPaths(self.paths.root, self._keys.codec)
            self._connect()

    def enable_encryption(
        self, passphrase: str, kdf: KdfParams | None = None
    ) -> encryption.ConversionReport:
        """Encrypt every data file and backup under a new random key wrapped by ``passphrase``."""
        with self.mutex:
            report = self._keys.enable(self.paths, passphrase, kdf)
            self._use_codec()
        return report

    def disable_encryption(self) -> encryption.ConversionReport:
        """Decrypt every data file and backup and remove the key file."""
        with self.mutex:
            report = self._keys.disable(self.paths)
            self._use_codec()
        return report

    def change_passphrase(
        self, new_passphrase: str, kdf: KdfParams | None = None, *, rotate: bool = True
    ) -> encryption.ConversionReport:
        """Put the folder under ``new_passphrase``; with ``rotate`` (the default) also under a
        new data key, every file and backup encrypted again (see ``encryption``)."""
        with self.mutex:
            report = self._keys.change(self.paths, self._catalog.storage, new_passphrase, kdf, rotate=rotate)
            self._use_codec()
        return report

    def import_bundle(self, bundle: Bundle) -> None:
        """Write a validated bundle into the store, all or nothing (see ``importer``)."""
        write_bundle(self, bundle)

    def close(self) -> None:
        """Record file versions in the catalog and key file (encrypted folders), release the lock."""
        with self.mutex:
            if self._lock is not None and not self.read_only:
                self._keys.catch_up(self.paths, self._catalog.storage)
            self._files.clear()
            self._catalog.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "CATALOG_TABLES",
    "SESSION_TABLES",
    "RecordStore",
    "migrate",
    "new_meta",
    "read_schema_version",
    "restore_backup",
    "validation_message",
]
