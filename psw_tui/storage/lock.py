"""One psw-tui process per data folder."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from psw_tui.storage.durable import FILE_MODE
from psw_tui.storage.errors import StoreLocked


class FolderLock:
    """An exclusive, non-blocking lock on a data folder (an OS file lock, released on exit
    or crash, so a killed process never leaves the folder locked)."""

    def __init__(self, data_dir: Path, lock_path: Path) -> None:
        self.data_dir = data_dir
        self._lock = FileLock(str(lock_path), timeout=0, mode=FILE_MODE)

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreLocked` at once."""
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreLocked(self.data_dir) from None

    def release(self) -> None:
        """Give the lock back."""
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._lock.is_locked
