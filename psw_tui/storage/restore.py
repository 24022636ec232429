"""Restoring a data folder from a backup, encryption included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from psw_tui.storage.backups import KEY_MEMBER, read_members, take_backup, verify_backup
from psw_tui.storage.crypto import PLAIN, Codec
from psw_tui.storage.durable import atomic_write, ensure_private_dir, fsync_dir
from psw_tui.storage.errors import PassphraseNeeded, SaveFailed, StoreError
from psw_tui.storage.keyfile import KeyFile, unlock
from psw_tui.storage.lock import FolderLock
from psw_tui.storage.paths import DataPaths


def _backup_key(paths: DataPaths, backup: Path, passphrase: str | None) -> tuple[Codec, bytes | None]:
    """How to read an encrypted backup, and the key file to install with it (None: keep or
    remove the folder's own). A plain backup needs no passphrase."""
    members = read_members(backup)
    if KEY_MEMBER not in members:
        return PLAIN, None
    found = KeyFile.parse(members[KEY_MEMBER], backup / KEY_MEMBER)
    current = KeyFile.read(paths.key_file) if paths.key_file.exists() else None
    same = current is not None and current.key_id == found.key_id
    if passphrase is None:
        raise PassphraseNeeded(backup)
    try:
        key = unlock(found, passphrase, backup)
    except StoreError:
        if not same:
            raise
        key = unlock(current, passphrase, paths.root)  # type: ignore[arg-type]
    cipher = key.cipher().strict()
    return cipher, None if same else members[KEY_MEMBER]


def restore_backup(data_dir: Path, backup: Path, passphrase: str | None = None) -> Path:
    """Replace the data folder's files with those of ``backup``, encryption included.

    The folder must not be open elsewhere (the lock is taken). The current files, damaged
    or not, are first saved as a backup of their own, whose path is returned. An encrypted
    backup needs ``passphrase`` (the folder's current one, or the one it was taken under).
    """
    paths = DataPaths(Path(data_dir).expanduser().resolve())
    codec, key_member = _backup_key(paths, backup, passphrase)
    members = verify_backup(backup, codec)
    members.pop(KEY_MEMBER, None)
    ensure_private_dir(paths.root)
    lock = FolderLock(paths.root, paths.lock)
    lock.acquire()
    try:
        saved = take_backup(paths, keep=10_000)
        staging = paths.root / f".restore-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        ensure_private_dir(staging)
        for folder in ("sessions", "reflections"):
            ensure_private_dir(staging / folder)
        for name, raw in members.items():
            atomic_write(staging / name, raw)
        if key_member is not None:
            atomic_write(paths.key_file, key_member)  # the key first, then files sealed with it
        elif not codec.encrypted and paths.key_file.exists():
            paths.key_file.unlink()  # a plain backup: the folder is plain again
        for old in paths.data_files():
            if old != paths.catalog:
                old.unlink()
        for name in sorted(members, key=lambda n: n == "catalog.json"):
            target = paths.root / name
            ensure_private_dir(target.parent)
            os.replace(staging / name, target)
            fsync_dir(target.parent)
        shutil.rmtree(staging, ignore_errors=True)
        return saved
    except OSError as error:
        raise SaveFailed(paths.catalog, error) from error
    finally:
        lock.release()


__all__ = ["RecordStore", "restore_backup", "StoreError"]
