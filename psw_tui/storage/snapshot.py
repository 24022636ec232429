"""Reading a data folder without its lock, while psw-tui may be open on it elsewhere.

Every single-file write is an atomic rename, so any one file read is whole. Changes to
several files go through the journal (see ``journal``), whose sequence number moves on
with each: :func:`read_consistent` reads, then checks the number did not move (re-reading
if it did), so a reader never mixes the before and after of one change. A read-only
store never writes: no repairs, no migrations; a write raises :class:`ReadOnlyStore`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from psw_tui.storage import encryption, journal, migrations
from psw_tui.storage.crypto import PLAIN
from psw_tui.storage.errors import StoreError, StoreMissing, StoreTooNew
from psw_tui.storage.keyfile import UnlockedKey
from psw_tui.storage.lock import FolderLock
from psw_tui.storage.opening import OpenedStore, self_repair, validate_catalog
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.schema import read_schema_version

T = TypeVar("T")


class SnapshotStore(OpenedStore, Protocol):
    """What a lock-free reader needs of the store (see ``store.RecordStore``)."""

    _token: tuple[int, int] | None

    def reload(self) -> None: ...


S = TypeVar("S", bound=SnapshotStore)
WAIT_SECONDS = 10.0  # the longest a change being applied elsewhere is waited for
POLL_SECONDS = 0.05


class StoreBusy(StoreError):
    """A change was being applied elsewhere for longer than a reader waits."""

    def __init__(self, data_dir: object) -> None:
        super().__init__(
            f"psw-tui is busy finishing a change in {data_dir}; try again in a moment"
        )


def _settled_token(
    paths: DataPaths, wait: float = WAIT_SECONDS, done: list[str] | None = None
) -> tuple[int, int]:
    """Wait until no change is being applied; finish one a kill interrupted if nobody holds
    the lock (that is what any open does, and it is added to ``done``). Returns the
    journal's token."""
    deadline = time.monotonic() + wait
    while True:
        token = journal.change_token(paths.root)
        if token is not None:
            return token
        lock = FolderLock(paths.root, paths.lock)
        if lock.try_acquire():
            try:
                finished = journal.recover(paths.root)
            finally:
                lock.release()
            if done is not None:
                done.extend(finished)
            continue
        if time.monotonic() > deadline:
            raise StoreBusy(paths.root)
        time.sleep(POLL_SECONDS)


def open_read_only(
    factory: Callable[..., S], paths: DataPaths, passphrase: str | None
) -> S:
    """A store (built by ``factory``, a ``RecordStore``) that reads ``paths`` without the
    lock and never writes."""
    if not paths.catalog.exists():
        raise StoreMissing(paths.root)
    finished: list[str] = []
    token = _settled_token(paths, done=finished)
    key: UnlockedKey | None = encryption.open_key(paths, passphrase)
    paths = DataPaths(paths.root, key.cipher() if key is not None else PLAIN)
    version = read_schema_version(paths.catalog, paths)
    if version > migrations.CURRENT_SCHEMA_VERSION:
        raise StoreTooNew(paths.catalog, version, migrations.CURRENT_SCHEMA_VERSION)
    if version < migrations.CURRENT_SCHEMA_VERSION:
        raise StoreError(
            f"{paths.root} holds data from an older psw-tui; open it once with psw-tui "
            "(which upgrades it) before reading it from here"
        )
    store = factory(paths, None, key, read_only=True)
    validate_catalog(store)
    store.recovered = finished + self_repair(store)  # in memory only: fresh rows, damage noted
    store._token = token
    return store


def read_consistent(store: S, read: Callable[[S], T], attempts: int = 5) -> T:
    """``read(store)``, repeated (after a reload) until no multi-file change happened while
    it ran. For a store holding the lock it simply runs once."""
    if not store.read_only:
        return read(store)
    for _ in range(attempts):
        before = _settled_token(store.paths)
        if before != store._token:
            store.reload()
            self_repair(store)
            store._token = before
        result = read(store)
        if journal.change_token(store.paths.root) == before:
            return result
    raise StoreBusy(store.paths.root)
