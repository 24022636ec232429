"""Turning encryption at rest on and off for a data folder, and changing its passphrase.

Every step writes whole files atomically, so a crash leaves each file either in its old or
its new form. The key file's ``state`` records a conversion under way (``encrypting`` or
``decrypting``); :func:`finish_conversion` completes it the next time the folder is opened
with the passphrase. Backups are converted along with the data (a backup that cannot be
read is removed while encrypting, since it may hold plain text that can no longer be
converted), and so are stray temporary files left by killed writes.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from psw_tui.storage.backups import KEY_MEMBER, list_backups, pack, read_members
from psw_tui.storage.crypto import PLAIN, Cipher, KdfParams, check_new_passphrase, derive_key, is_sealed
from psw_tui.storage.durable import atomic_write, fsync_dir, remove_temp_files
from psw_tui.storage.errors import PassphraseNeeded, StoreCorrupt, StoreError
from psw_tui.storage.keyfile import KeyFile, UnlockedKey, new_key, unlock
from psw_tui.storage.paths import DataPaths


class EncryptionRefused(StoreError):
    """Encrypting or decrypting cannot be done as asked (already in that form, weak passphrase)."""


@dataclass
class ConversionReport:
    """What a conversion did besides the data files."""

    files: int = 0
    backups: int = 0
    removed_backups: list[Path] = field(default_factory=list)
    skipped_backups: list[Path] = field(default_factory=list)


def is_encrypted(data_dir: Path) -> bool:
    """Whether the data folder at ``data_dir`` is encrypted (has a key file)."""
    return DataPaths(Path(data_dir).expanduser().resolve()).key_file.exists()


def open_key(paths: DataPaths, passphrase: str | None) -> UnlockedKey | None:
    """The folder's data key opened with ``passphrase`` (None for a plain folder).

    Reads only the key file, so a wrong passphrase changes nothing anywhere.
    """
    if not paths.key_file.exists():
        return None
    file = KeyFile.read(paths.key_file)
    if passphrase is None:
        raise PassphraseNeeded(paths.root)
    return unlock(file, passphrase, paths.root)


def finish_conversion(paths: DataPaths, key: UnlockedKey) -> UnlockedKey | None:
    """Complete a conversion cut off by a crash (call with the folder lock held).

    Returns the key to use from now on, or None when the folder ended up plain.
    """
    if key.file.state == "encrypting":
        ready = key.rewrapped(state="ready")
        _convert(paths, key.cipher(), to_sealed=True, key_member=ready.file.to_bytes())
        ready.write(paths.key_file)
        return ready
    if key.file.state == "decrypting":
        _convert(paths, key.cipher(), to_sealed=False, key_member=None)
        paths.key_file.unlink(missing_ok=True)
        fsync_dir(paths.root)
        return None
    return key


def enable(paths: DataPaths, passphrase: str, kdf: KdfParams | None = None) -> tuple[UnlockedKey, ConversionReport]:
    """Encrypt every data file and backup of a plain folder (lock held by the caller)."""
    if paths.key_file.exists():
        raise EncryptionRefused(f"{paths.root} is already encrypted")
    try:
        check_new_passphrase(passphrase)
    except ValueError as error:
        raise EncryptionRefused(f"{error}; nothing was changed") from None
    key = new_key(passphrase, kdf or KdfParams.fresh(), "encrypting")
    key.write(paths.key_file)
    ready = key.rewrapped(state="ready")
    report = _convert(paths, key.cipher(), to_sealed=True, key_member=ready.file.to_bytes())
    ready.write(paths.key_file)
    return ready, report


def disable(paths: DataPaths, key: UnlockedKey) -> ConversionReport:
    """Decrypt every data file and backup (lock held by the caller); removes the key file."""
    converting = key.rewrapped(state="decrypting")
    converting.write(paths.key_file)
    report = _convert(paths, converting.cipher(), to_sealed=False, key_member=None)
    paths.key_file.unlink()
    fsync_dir(paths.root)
    return report


def change_passphrase(
    paths: DataPaths, key: UnlockedKey, new_passphrase: str, kdf: KdfParams | None = None
) -> UnlockedKey:
    """Wrap the same data key under ``new_passphrase`` (one atomic write), then update the
    copies of the key file inside the backups, so the old passphrase opens none of them."""
    try:
        check_new_passphrase(new_passphrase)
    except ValueError as error:
        raise EncryptionRefused(f"{error}; the passphrase was not changed") from None
    params = kdf or KdfParams.fresh(key.file.kdf.n, key.file.kdf.r, key.file.kdf.p)
    changed = key.rewrapped(kek=derive_key(new_passphrase, params), kdf=params)
    changed.write(paths.key_file)
    member = changed.file.to_bytes()
    for info in list_backups(paths):
        try:
            members = read_members(info.path)
            if KEY_MEMBER not in members:
                continue
            if KeyFile.parse(members[KEY_MEMBER], info.path).key_id != key.file.key_id:
                continue
        except StoreCorrupt:
            continue
        members[KEY_MEMBER] = member
        atomic_write(info.path, pack(members))
    return changed


def check_passphrase(paths: DataPaths, passphrase: str) -> UnlockedKey:
    """Open the folder's key with ``passphrase`` (for commands that ask twice)."""
    key = open_key(paths, passphrase)
    if key is None:
        raise EncryptionRefused(f"{paths.root} is not encrypted")
    return key


def _convert(paths: DataPaths, cipher: Cipher, *, to_sealed: bool, key_member: bytes | None) -> ConversionReport:
    """Bring every data file and backup into the target form, then clear leftovers."""
    report = ConversionReport()
    for file in paths.data_files():
        raw = file.read_bytes()
        if is_sealed(raw) == to_sealed:
            continue
        plain = cipher.unseal(raw, file)
        atomic_write(file, cipher.seal(plain) if to_sealed else plain)
        report.files += 1
    for info in list_backups(paths):
        try:
            members = read_members(info.path)
            if KEY_MEMBER in members and KeyFile.parse(members[KEY_MEMBER], info.path).key_id != cipher.key_id:
                report.skipped_backups.append(info.path)  # another key's backup: left as it is
                continue
            converted = {}
            for name, raw in members.items():
                if name == KEY_MEMBER:
                    continue
                plain = cipher.unseal(raw, info.path / name)
                converted[name] = cipher.seal(plain) if to_sealed else PLAIN.seal(plain)
        except StoreCorrupt:
            if to_sealed:
                info.path.unlink()
                report.removed_backups.append(info.path)
            else:
                report.skipped_backups.append(info.path)
            continue
        if key_member is not None:
            converted = {KEY_MEMBER: key_member, **converted}
        atomic_write(info.path, pack(converted))
        report.backups += 1
    _remove_leftovers(paths)
    return report


def _remove_leftovers(paths: DataPaths) -> None:
    """Delete temp files of killed writes and staging folders of cut-off restores.

    They may hold data in the old form; no other process writes here while we hold the lock.
    """
    for folder in (paths.root, paths.sessions, paths.reflections, paths.backups):
        remove_temp_files(folder)
    for staging in paths.root.glob(".restore-*"):
        shutil.rmtree(staging, ignore_errors=True)
