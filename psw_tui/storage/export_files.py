"""Writing export files: atomically, owner-only (0600), never overwriting unless asked.

A file is written to a temporary name in the same folder, flushed and fsynced, then moved into
place, so a reader (or a crash) only ever sees no file, the old file or the whole new one.
Without ``force`` the move is a hard link, which fails if the name was taken meanwhile, so an
existing file is never replaced, even by a race.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from psw_tui.storage.durable import FILE_MODE, TEMP_SUFFIX, ensure_private_dir, fsync_dir
from psw_tui.storage.errors import StoreError


class ExportExists(StoreError):
    """The export file is already there and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; use --force to overwrite it")
        self.path = path


class ExportFailed(StoreError):
    """The export could not be written (bad path, permissions, full disk); nothing was left."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Could not write {path}: {reason}. Nothing was written.")
        self.path = path
        self.reason = reason


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    return error.strerror or str(error)


def check_target(path: Path, *, force: bool = False) -> Path:
    """Check that ``path`` can be written, before any work; returns it with ``~`` expanded."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportFailed(path, "it is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportFailed(path, f"the folder {path.parent} does not exist")
    if path.exists() and not force:
        raise ExportExists(path)
    return path


def write_export(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically and 0600; returns the path written.

    Raises :class:`ExportExists` if the file exists and ``force`` is false, and
    :class:`ExportFailed` with a one-line reason on a bad path or a full disk.
    """
    path = check_target(path, force=force)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as error:
        raise ExportFailed(path, _reason(error)) from None
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp_name, path)
        else:
            _link_new(tmp_name, path)
        fsync_dir(path.parent)
    except OSError as error:
        with suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(error, FileExistsError):
            raise ExportExists(path) from None
        raise ExportFailed(path, _reason(error)) from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_name)
        raise
    return path


def _link_new(tmp_name: str, path: Path) -> None:
    """Move the temporary file to ``path`` only if ``path`` does not exist."""
    try:
        os.link(tmp_name, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links (e.g. FAT on a USB stick): check, then rename.
        if path.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp_name, path)
        return
    os.unlink(tmp_name)


def write_batch(folder: Path, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """Write several exports into ``folder`` (created 0700 if missing); returns their paths.

    Every name is checked first, so an existing file stops the batch before anything is
    written (unless ``force``).
    """
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportFailed(folder, "it is a file; give a folder for a batch export")
    if not folder.exists():
        try:
            ensure_private_dir(folder)
        except OSError as error:
            raise ExportFailed(folder, _reason(error)) from None
    targets = [check_target(folder / name, force=force) for name in files]
    return [write_export(target, data, force=force) for target, data in zip(targets, files.values(), strict=True)]
