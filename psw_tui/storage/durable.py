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
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from psw_tui.storage.crypto import PLAIN, Codec
from psw_tui.storage.errors import SaveFailed, StoreCorrupt

BackupFinder = Callable[[], "Path | None"]

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"


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

    The file is created 0600. On any failure the temporary file is removed and the old file
    is left as it was; the ``OSError`` is re-raised as :class:`SaveFailed`.
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
        raise SaveFailed(path, error) from error


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
    """Parse a TinyDB file, raising :class:`StoreCorrupt` unless it is ``{table: {id: doc}}``."""
    try:
        data = json.loads(raw.decode("utf-8"))
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


def read_tables(path: Path, codec: Codec = PLAIN) -> dict[str, dict[str, dict[str, Any]]]:
    """Read and parse one data file (decrypting it with ``codec``); StoreCorrupt if unreadable."""
    return decode_tables(codec.unseal(path.read_bytes(), path), path)


def write_tables(path: Path, tables: dict[str, Any], codec: Codec = PLAIN) -> None:
    """Durably replace one data file with ``tables`` (encrypted with ``codec``)."""
    atomic_write(path, codec.seal(encode(tables)))


def with_backup(error: StoreCorrupt, finder: BackupFinder | None) -> StoreCorrupt:
    """``error`` again, now naming the newest good backup (if it did not already)."""
    if error.backup is not None or finder is None:
        return error
    return StoreCorrupt(error.path, error.reason, finder())


class DurableJSONStorage(Storage):
    """A TinyDB storage that writes atomically (see module docstring).

    The last state read or written is kept in memory so reads do not re-parse the file;
    this process holds the folder lock, so nobody else changes it underneath us. Writes
    are never cached: ``write`` returns only once the data is on disk.
    """

    def __init__(
        self, path: str | Path, backup_finder: BackupFinder | None = None, codec: Codec = PLAIN
    ) -> None:
        self.path = Path(path)
        self._state: dict[str, Any] | None = None
        self._backup_finder = backup_finder
        self._codec = codec

    def read(self) -> dict[str, Any] | None:
        """Return the file's tables, or None for a file that does not exist yet."""
        if self._state is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            try:
                self._state = decode_tables(self._codec.unseal(raw, self.path), self.path)
            except StoreCorrupt as error:
                raise with_backup(error, self._backup_finder) from None
        return self._state

    def write(self, data: dict[str, Any]) -> None:
        """Durably replace the file with ``data``."""
        try:
            atomic_write(self.path, self._codec.seal(encode(data)))
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

    Counters would reveal the order in which anonymous notes were taken.
    """

    document_id_class = str


class RecordDB(TinyDB):
    """A TinyDB on :class:`DurableJSONStorage` whose tables are :class:`RecordTable`."""

    table_class = RecordTable

    def __init__(
        self, path: Path, backup_finder: BackupFinder | None = None, codec: Codec = PLAIN
    ) -> None:
        super().__init__(path, storage=DurableJSONStorage, backup_finder=backup_finder, codec=codec)

    @property
    def durable_storage(self) -> DurableJSONStorage:
        """The underlying storage."""
        return self.storage  # type: ignore[return-value]
