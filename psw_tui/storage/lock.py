"""One psw-tui process per data folder.

The lock is an OS lock on the data folder's own descriptor (``flock`` on the directory), so
it cannot be stolen by deleting a file: deleting or replacing ``.lock`` changes nothing, and
the OS drops it when the process ends, however it ends. ``.lock`` is kept as well (an OS
file lock through ``filelock``): on systems without ``flock`` it is the lock, and it shows
people that the folder is in use.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from filelock import FileLock, Timeout

from psw_tui.storage.durable import FILE_MODE
from psw_tui.storage.errors import StoreLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the lock file alone
    fcntl = None  # type: ignore[assignment]


class FolderLock:
    """An exclusive, non-blocking lock on a data folder, released on exit or crash."""

    def __init__(self, data_dir: Path, lock_path: Path) -> None:
        self.data_dir = data_dir
        self._file_lock = FileLock(str(lock_path), timeout=0, mode=FILE_MODE)
        self._dir_fd: int | None = None

    def _lock_folder(self) -> bool:
        if fcntl is None:
            return True
        fd = os.open(self.data_dir, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError:
            os.close(fd)
            raise
        self._dir_fd = fd
        return True

    def _unlock_folder(self) -> None:
        if self._dir_fd is not None:
            fd, self._dir_fd = self._dir_fd, None
            with suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def try_acquire(self) -> bool:
        """Take the lock if it is free; False (nothing held) if another process has it."""
        if self.held:
            return True
        if not self._lock_folder():
            return False
        try:
            self._file_lock.acquire()
        except Timeout:
            self._unlock_folder()
            return False
        except BaseException:
            self._unlock_folder()
            raise
        return True

    def acquire(self) -> None:
        """Take the lock or raise :class:`StoreLocked` at once."""
        if not self.try_acquire():
            raise StoreLocked(self.data_dir)

    def release(self) -> None:
        """Give the lock back."""
        if self._file_lock.is_locked:
            self._file_lock.release()
        self._unlock_folder()

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._file_lock.is_locked and (fcntl is None or self._dir_fd is not None)
