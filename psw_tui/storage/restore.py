"""Restoring a data folder from a backup, encryption included."""

from __future__ import annotations

from pathlib import Path

from psw_tui.storage import journal
from psw_tui.storage.backups import take_backup
from psw_tui.storage.durable import ensure_private_dir, remove_temp_files
from psw_tui.storage.errors import ReadFailed, SaveFailed, StoreError
from psw_tui.storage.folder_guard import secure_folder
from psw_tui.storage.lock import FolderLock
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.restore_keys import plan_restore


def restore_backup(
    data_dir: Path, backup: Path, passphrase: str | None = None, *, accept_encryption_change: bool = False
) -> Path:
    """Replace the data folder's files with those of ``backup``, encryption included.

    The folder must not be open elsewhere (the lock is taken). The current files, damaged
    or not, are first saved as a backup of their own, whose path is returned. An encrypted
    backup needs ``passphrase`` (the folder's current one, or the one it was taken under).

    The backup's files are staged beside the data and switched in as one journaled change
    (see ``journal``): a kill or a disk error at any step leaves either the folder as it was
    or the whole backup in place, never a mix.

    When the backup is encrypted and the folder not, or the other way round, nothing is
    done unless ``accept_encryption_change`` (see ``restore_keys``: a plain backup's data
    is encrypted under the folder's key, never left plain).
    """
    paths = DataPaths(Path(data_dir).expanduser().resolve())
    try:
        secure_folder(paths.root)
        plan = plan_restore(paths, backup, passphrase, accept_encryption_change=accept_encryption_change)
        members, key_member = plan.members, plan.key_file
        ensure_private_dir(paths.root)
        lock = FolderLock(paths.root, paths.lock)
        lock.acquire()
    except OSError as error:
        raise ReadFailed(backup, error) from error
    try:
        journal.recover(paths.root)  # finish or undo anything a kill left first
        remove_temp_files(paths.root)
        saved = take_backup(paths, keep=10_000)
        incoming = {paths.root / name for name in members}
        with journal.transaction(paths.root, "restore") as tx:
            if key_member is not None:
                tx.stage_write(paths.key_file, key_member)
            elif not plan.encrypted and paths.key_file.exists():
                tx.delete(paths.key_file)  # a plain backup: the folder is plain again
            for name, raw in members.items():
                tx.stage_write(paths.root / name, raw)
            for old in paths.data_files():
                if old not in incoming:
                    tx.delete(old)
        return saved
    except OSError as error:
        raise SaveFailed(paths.catalog, error, "the restore") from error
    finally:
        lock.release()


__all__ = ["RecordStore", "restore_backup", "StoreError"]
