"""Crash-safe file writes and the TinyDB storage built on them.

TinyDB's stock ``JSONStorage`` rewrites its file in place, so a kill or a full disk mid-write
leaves it unreadable. Here every write goes to a temporary file in the same folder, is flushed
and fsynced, then atomically renamed over the old file, and the folder is fsynced so the
rename itself survives a power cut. Readers therefore only ever see the old or the new file.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any, Protocol

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from psw_tui.storage.crypto import PLAIN, Codec
from psw_tui.storage.errors import (
    ReadFailed,
    ReadOnlyStore,
    SavedWithDiskError,
    SaveFailed,
    StoreCorrupt,
    StoreError,
)
from psw_tui.storage.limits import MAX_DATA_FILE_BYTES, LimitExceeded, check_size, loads_bounded

BackupFinder = Callable[..., "Path | None"]  # called with the damaged file's path

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


class Stager(Protocol):
    """A multi-file change under way (see ``journal``): writes are staged, not made."""

    def stage_write(self, target: Path, data: bytes) -> None: ...

    def source(self, target: Path) -> Path | None: ...

    def stat(self, target: Path) -> os.stat_result: ...


# data folder root -> the change being staged there by this process (at most one)
_ACTIVE: dict[Path, Stager] = {}
# data folder root -> why writes are stopped (a recorded change that could not be finished)
_STOPPED: dict[Path, StoreError] = {}
# warnings for saves that landed but whose folder fsync failed (newest last)
_DISK_WARNINGS: deque[SavedWithDiskError] = deque(maxlen=64)
_WARNING_LISTENERS: list[Callable[[SavedWithDiskError], None]] = []


def _for_root(mapping: dict[Path, Any], path: Path) -> Any:
    if not mapping:
        return None
    for folder in (path.parent, path.parent.parent):
        found = mapping.get(folder)
        if found is not None:
            return found
    return None


def stager_for(path: Path) -> Stager | None:
    """The change being staged in the data folder that holds ``path`` (if any)."""
    return _for_root(_ACTIVE, path)


def final_stat(path: Path) -> os.stat_result:
    """``os.stat`` of ``path`` as it is (or, inside a multi-file change, as it will be)."""
    stager = stager_for(path)
    return stager.stat(path) if stager is not None else os.stat(path)


def stop_writes(root: Path, reason: StoreError | None) -> None:
    """Refuse every write under ``root`` with ``reason`` (None: allow them again)."""
    if reason is None:
        _STOPPED.pop(root, None)
    else:
        _STOPPED[root] = reason


def report_disk_warning(warning: SavedWithDiskError) -> None:
    """Record a "saved, but the disk reported an error" warning and tell any listener.

    Off the main thread the listeners are told from a thread of their own: the worker
    that wrote holds the store's lock, and a listener waiting on the UI thread (which may
    be waiting for that lock) would never return."""
    _DISK_WARNINGS.append(warning)
    listeners = list(_WARNING_LISTENERS)
    if threading.current_thread() is threading.main_thread():
        for listener in listeners:
            listener(warning)
    elif listeners:
        threading.Thread(target=lambda: [listener(warning) for listener in listeners], daemon=True).start()


def add_warning_listener(listener: Callable[[SavedWithDiskError], None]) -> None:
    """Call ``listener`` with every :class:`SavedWithDiskError` from now on."""
    _WARNING_LISTENERS.append(listener)


def remove_warning_listener(listener: Callable[[SavedWithDiskError], None]) -> None:
    """Stop calling ``listener``."""
    with suppress(ValueError):
        _WARNING_LISTENERS.remove(listener)


def take_disk_warnings(root: Path) -> list[SavedWithDiskError]:
    """The warnings recorded for files under ``root`` since last asked (they are cleared)."""
    mine = [w for w in _DISK_WARNINGS if root in w.path.parents]
    for warning in mine:
        _DISK_WARNINGS.remove(warning)
    return mine


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents we create) owner-only, whatever the umask."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)
    if path not in missing:
        os.chmod(path, DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The file is created 0600. On any failure up to the rename the temporary file is removed
    and the old file is left as it was; the ``OSError`` is re-raised as :class:`SaveFailed`.
    A failure of the folder fsync after the rename is reported as a
    :class:`SavedWithDiskError` warning (see :func:`take_disk_warnings`), not raised.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as error:
        raise SaveFailed(path, error) from error
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, path)
    except BaseException as error:
        with suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(error, OSError):
            raise SaveFailed(path, error) from error
        raise
    try:
        fsync_dir(path.parent)
    except OSError as error:
        # The rename happened: the data is in place. Saying "not saved" would make the user
        # save it again (a duplicate), so this is a warning, not a failure.
        report_disk_warning(SavedWithDiskError(path, error))


def remove_temp_files(folder: Path) -> None:
    """Delete temp files a killed write left in ``folder`` (never data: they were never
    renamed into place). Only call this while holding the folder lock."""
    if not folder.is_dir():
        return
    for leftover in folder.glob(f".*{TEMP_SUFFIX}"):
        with suppress(FileNotFoundError):
            leftover.unlink()


def encode(data: Any) -> bytes:
    """Serialise a store document. Keys are sorted so files never reveal insertion order."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def decode_tables(raw: bytes, path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """Parse a TinyDB file, raising :class:`StoreCorrupt` unless it is ``{table: {id: doc}}``.

    The size is checked before parsing; the depth is bounded by the parser (see ``limits``).
    """
    try:
        data = loads_bounded(raw, MAX_DATA_FILE_BYTES, max_depth=None)
    except LimitExceeded as error:
        raise StoreCorrupt(path, str(error)) from None
    except UnicodeDecodeError:
        raise StoreCorrupt(path, "it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise StoreCorrupt(path, f"it is not valid JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(data, dict):
        raise StoreCorrupt(path, "it does not hold psw-tui tables")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise StoreCorrupt(path, f"table {name!r} does not hold records")
    return data


def read_bounded(path: Path) -> bytes:
    """A data file's bytes, refusing (StoreCorrupt) one larger than psw-tui ever writes
    before reading it into memory. FileNotFoundError passes through."""
    try:
        with open(path, "rb") as file:
            try:
                check_size(os.fstat(file.fileno()).st_size, MAX_DATA_FILE_BYTES + 4096)
            except LimitExceeded as error:
                raise StoreCorrupt(path, str(error)) from None
            return file.read()
    except (FileNotFoundError, NotADirectoryError):
        raise
    except OSError as error:
        raise ReadFailed(path, error) from error


def read_tables(path: Path, codec: Codec = PLAIN) -> dict[str, dict[str, dict[str, Any]]]:
    """Read and parse one data file (decrypting it with ``codec``); StoreCorrupt if unreadable."""
    return decode_tables(codec.unseal(read_bounded(path), path), path)


def write_tables(path: Path, tables: dict[str, Any], codec: Codec = PLAIN) -> None:
    """Durably replace one data file with ``tables`` (encrypted with ``codec``)."""
    atomic_write(path, codec.seal(encode(tables), path))


def with_backup(error: StoreCorrupt, finder: BackupFinder | None) -> StoreCorrupt:
    """``error`` again, now naming the newest backup that can bring the file back (if it
    was not looked for yet)."""
    if error.looked_up or finder is None:
        return error
    return StoreCorrupt(error.path, error.reason, finder(error.path))


class DurableJSONStorage(Storage):
    """A TinyDB storage that writes atomically (see module docstring).

    The last state read or written is kept in memory so reads do not re-parse the file;
    this process holds the folder lock, so nobody else changes it underneath us. Writes
    are never cached: ``write`` returns only once the data is on disk.
    """

    def __init__(
        self,
        path: str | Path,
        backup_finder: BackupFinder | None = None,
        codec: Codec = PLAIN,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path)
        self._state: dict[str, Any] | None = None
        self._backup_finder = backup_finder
        self._codec = codec
        self._read_only = read_only

    def read(self) -> dict[str, Any] | None:
        """Return the file's tables, or None for a file that does not exist yet."""
        if self._state is None:
            source = self.path
            stager = None if self._read_only else stager_for(self.path)
            if stager is not None:
                staged = stager.source(self.path)
                if staged is None:
                    return None  # deleted by the change being staged
                source = staged
            try:
                raw = read_bounded(source)
            except FileNotFoundError:
                return None
            except StoreCorrupt as error:
                raise with_backup(StoreCorrupt(self.path, error.reason), self._backup_finder) from None
            try:
                self._state = decode_tables(self._codec.unseal(raw, self.path), self.path)
            except StoreCorrupt as error:
                raise with_backup(error, self._backup_finder) from None
        return self._state

    def write(self, data: dict[str, Any]) -> None:
        """Durably replace the file with ``data`` (or stage it, inside a multi-file change)."""
        if self._read_only:
            self._state = None
            raise ReadOnlyStore(self.path.parent)
        stopped = _for_root(_STOPPED, self.path)
        if stopped is not None:
            raise stopped
        stager = stager_for(self.path)
        try:
            if stager is not None:
                stager.stage_write(self.path, self._codec.seal(encode(data), self.path))
            else:
                atomic_write(self.path, self._codec.seal(encode(data), self.path))
        except BaseException:
            # TinyDB mutated the state it read before calling us; re-read it next time.
            self._state = None
            raise
        self._state = data

    def close(self) -> None:
        """Forget the in-memory copy."""
        self._state = None


class RecordTable(Table):
    """A TinyDB table keyed by each record's UUID (as text) instead of a counter.

    Counters would reveal the order in which anonymous notes were taken. Batch changes go
    through :meth:`write_documents` and :meth:`remove_documents`: one durable write each,
    made on a copy of the tables (a reader holding the previous state never sees it change).
    """

    document_id_class = str

    def _rewrite(self, change: Callable[[dict[str, Any]], None]) -> None:
        tables = dict(self.storage.read() or {})
        table = dict(tables.get(self.name, {}))
        change(table)
        tables[self.name] = table
        try:
            self.storage.write(tables)
        finally:
            self.clear_cache()

    def write_documents(self, docs: dict[str, dict[str, Any]]) -> None:
        """Insert or replace whole documents (keyed by id as text) in one write."""
        if docs:
            self._rewrite(lambda table: table.update(docs))

    def remove_documents(self, doc_ids: Iterable[str]) -> int:
        """Remove the documents with these ids in one write; returns how many were there."""
        present = [doc_id for doc_id in dict.fromkeys(doc_ids) if self.contains(doc_id=doc_id)]
        if present:

            def drop(table: dict[str, Any]) -> None:
                for doc_id in present:
                    table.pop(doc_id, None)

            self._rewrite(drop)
        return len(present)


class RecordDB(TinyDB):
    """A TinyDB on :class:`DurableJSONStorage` whose tables are :class:`RecordTable`."""

    table_class = RecordTable

    def __init__(
        self,
        path: Path,
        backup_finder: BackupFinder | None = None,
        codec: Codec = PLAIN,
        read_only: bool = False,
    ) -> None:
        super().__init__(
            path,
            storage=DurableJSONStorage,
            backup_finder=backup_finder,
            codec=codec,
            read_only=read_only,
        )

    def table(self, name: str, **kwargs: Any) -> RecordTable:
        """The table ``name`` (a :class:`RecordTable`)."""
        return super().table(name, **kwargs)  # type: ignore[return-value]

    @property
    def durable_storage(self) -> DurableJSONStorage:
        """The underlying storage."""
        return self.storage  # type: ignore[return-value]
