"""Turning encryption at rest on and off for a data folder, changing its passphrase and
rotating its data key.

Every step writes whole files atomically, so a crash leaves each file either in its old or
its new form. The key file's ``state`` records a conversion under way (``encrypting``,
``decrypting`` or ``rotating``); :func:`finish_conversion` completes it the next time the
folder is opened with the passphrase (a folder encrypted by an older psw-tui, with a
format 1 key file, is upgraded the same way). Backups are converted along with the data (a
backup that cannot be read is removed while encrypting, since it may hold plain text that
can no longer be converted), and so are stray temporary files left by killed writes.
"""

from __future__ import annotations

import shutil
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from psw_tui.storage.backups import KEY_MEMBER, list_backups, pack, read_members
from psw_tui.storage.crypto import PLAIN, KdfParams, check_new_passphrase, derive_key, is_sealed, read_header
from psw_tui.storage.durable import atomic_write, fsync_dir, remove_temp_files
from psw_tui.storage.errors import PassphraseNeeded, StoreCorrupt, StoreError
from psw_tui.storage.keyfile import KeyFile, UnlockedKey, new_key, unlock
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.sealing import CATALOG, FolderCipher, file_name

Mode = Literal["seal", "open", "reseal"]


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
    return unlock(file, passphrase, paths.root, root=paths.root)


def finish_conversion(paths: DataPaths, key: UnlockedKey) -> UnlockedKey | None:
    """Complete a conversion cut off by a crash, or upgrade a format 1 folder (call with
    the folder lock held). Returns the key to use from now on, or None when the folder
    ended up plain."""
    state = key.file.state
    if state == "decrypting":
        _convert(paths, key.cipher(root=paths.root), "open", None)
        paths.key_file.unlink(missing_ok=True)
        fsync_dir(paths.root)
        return None
    if state == "ready" and key.file.version >= 2:
        return key
    ready = key.rewrapped(state="ready")
    cipher = key.cipher(root=paths.root)
    _convert(paths, cipher, "seal" if state == "encrypting" else "reseal", _member(ready))
    return _write_ready(paths, ready, cipher)


def enable(
    paths: DataPaths, passphrase: str, kdf: KdfParams | None = None
) -> tuple[UnlockedKey, ConversionReport]:
    """Encrypt every data file and backup of a plain folder (lock held by the caller)."""
    if paths.key_file.exists():
        raise EncryptionRefused(f"{paths.root} is already encrypted")
    try:
        check_new_passphrase(passphrase)
    except ValueError as error:
        raise EncryptionRefused(f"{error}; nothing was changed") from None
    key = new_key(passphrase, kdf or KdfParams.fresh(), "encrypting", root=paths.root)
    key.write(paths.key_file)
    ready = key.rewrapped(state="ready")
    cipher = key.cipher()
    report = _convert(paths, cipher, "seal", _member(ready))
    return _write_ready(paths, ready, cipher), report


def disable(paths: DataPaths, key: UnlockedKey) -> ConversionReport:
    """Decrypt every data file and backup (lock held by the caller); removes the key file."""
    converting = key.rewrapped(state="decrypting")
    converting.write(paths.key_file)
    report = _convert(paths, converting.cipher(root=paths.root), "open", None)
    paths.key_file.unlink()
    fsync_dir(paths.root)
    return report


def change_passphrase(
    paths: DataPaths,
    key: UnlockedKey,
    new_passphrase: str,
    kdf: KdfParams | None = None,
    *,
    rotate: bool = True,
) -> tuple[UnlockedKey, ConversionReport]:
    """Put the folder under ``new_passphrase`` (lock held by the caller).

    With ``rotate`` (the default) a new random data key replaces the old one and every data
    file and backup is encrypted again under it, so the old key file opened with the old
    passphrase decrypts nothing written from now on. Without, the same data key is wrapped
    under the new passphrase (one atomic write) and the copies of the key file inside the
    backups are updated, so the old passphrase opens none of them.
    """
    try:
        check_new_passphrase(new_passphrase)
    except ValueError as error:
        raise EncryptionRefused(f"{error}; the passphrase was not changed") from None
    params = kdf or KdfParams.fresh(key.file.kdf.n, key.file.kdf.r, key.file.kdf.p)
    kek = derive_key(new_passphrase, params)
    if rotate:
        rotating = key.rotated(kek, params)
        rotating.write(paths.key_file)
        ready = rotating.rewrapped(state="ready")
        cipher = rotating.cipher(root=paths.root)
        report = _convert(paths, cipher, "reseal", _member(ready))
        return _write_ready(paths, ready, cipher), report
    changed = key.rewrapped(kek=kek, kdf=params)
    changed.write(paths.key_file)
    report = ConversionReport()
    member = _member(changed)
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
        report.backups += 1
    return changed, report


def check_passphrase(paths: DataPaths, passphrase: str) -> UnlockedKey:
    """Open the folder's key with ``passphrase`` (for commands that ask twice)."""
    key = open_key(paths, passphrase)
    if key is None:
        raise EncryptionRefused(f"{paths.root} is not encrypted")
    return key


def catch_up(paths: DataPaths, catalog_storage: Any, key: UnlockedKey | None) -> UnlockedKey | None:
    """Record in the catalog every file version written or seen since it was last written,
    then the catalog's version in the key file (on close). A failure leaves them behind,
    as a crash would: newer files are still accepted, nothing is lost."""
    codec = paths.codec
    if key is None or not isinstance(codec, FolderCipher) or codec.root is None:
        return key
    with suppress(StoreError, OSError):
        if codec.catalog_behind():
            tables = catalog_storage.read()
            if tables is not None:
                catalog_storage.write(tables)
            codec.settle()
        landed = codec.catalog_on_disk()
        if landed > key.file.catalog_version and _still_current(paths, key):
            key = key.rewrapped(catalog_version=landed)
            key.write(paths.key_file)
            codec.catalog_floor = landed
    return key


def _still_current(paths: DataPaths, key: UnlockedKey) -> bool:
    """Whether the key file on disk is still the one ``key`` was opened from (a conversion
    cut short by an error has since written another: that one must never be overwritten)."""
    on_disk = KeyFile.read(paths.key_file)
    return (on_disk.key_id, on_disk.state, on_disk.kdf, on_disk.previous) == (
        key.file.key_id, key.file.state, key.file.kdf, key.file.previous
    )


def _member(key: UnlockedKey) -> bytes:
    """The key file as stored inside backups: it vouches for no catalog version, so a
    backup unpacked by hand opens without being taken for a rollback."""
    return key.rewrapped(catalog_version=0).file.to_bytes()


def _write_ready(paths: DataPaths, ready: UnlockedKey, cipher: FolderCipher) -> UnlockedKey:
    landed = cipher.catalog_on_disk()
    ready = ready.rewrapped(catalog_version=max(landed, ready.file.catalog_version))
    ready.write(paths.key_file)
    return ready


def _converted(cipher: FolderCipher, raw: bytes, file: Path, mode: Mode) -> bytes | None:
    """The new bytes of a live data file, or None when it is already in the target form."""
    header = read_header(raw) if is_sealed(raw) else None
    current = header is not None and header.format == 2 and header.key_id == cipher.key_id
    if mode == "open":
        return cipher.unseal(raw, file) if header is not None else None
    if current:
        return None
    if mode == "seal" or header is None or file_name(file) == CATALOG:
        return cipher.seal(cipher.unseal(raw, file), file)
    return cipher.reseal(raw, file, file_name(file) or file.name)


def _convert(
    paths: DataPaths, cipher: FolderCipher, mode: Mode, key_member: bytes | None
) -> ConversionReport:
    """Bring every data file (the catalog last, so its ledger lists the others) and every
    backup into the target form, then clear leftovers."""
    report = ConversionReport()
    files = paths.data_files()
    for file in [f for f in files if f != paths.catalog] + [f for f in files if f == paths.catalog]:
        new = _converted(cipher, file.read_bytes(), file, mode)
        if new is not None:
            atomic_write(file, new)
            report.files += 1
    for info in list_backups(paths):
        _convert_backup(info.path, cipher, mode, key_member, report)
    _remove_leftovers(paths)
    return report


def _convert_backup(
    path: Path, cipher: FolderCipher, mode: Mode, key_member: bytes | None, report: ConversionReport
) -> None:
    try:
        members = read_members(path)
        found = KeyFile.parse(members[KEY_MEMBER], path) if KEY_MEMBER in members else None
        if mode == "reseal" and (found is None or found.key_id == cipher.key_id):
            return  # plain (no key to replace), or already under the current key
        if found is not None and found.key_id not in cipher.key_ids:
            report.skipped_backups.append(path)  # another key's backup: left as it is
            return
        done_before = (mode == "open" and found is None) or (
            mode == "seal" and found is not None and found.key_id == cipher.key_id
        )
        if done_before:
            return  # already converted (a conversion resumed after a crash)
        converted: dict[str, bytes] = {} if key_member is None else {KEY_MEMBER: key_member}
        for name, raw in members.items():
            if name == KEY_MEMBER:
                continue
            where = path / name
            if mode == "seal":
                converted[name] = cipher.seal_member(PLAIN.unseal(raw, where), name)
            elif mode == "open":
                converted[name] = cipher.unseal(raw, where)
            else:
                converted[name] = cipher.reseal(raw, where, name)
    except StoreCorrupt:
        if mode == "open":
            report.skipped_backups.append(path)
        else:  # it may hold plain text, or data under a key that is being retired
            path.unlink()
            report.removed_backups.append(path)
        return
    atomic_write(path, pack(converted))
    report.backups += 1


def _remove_leftovers(paths: DataPaths) -> None:
    """Delete temp files of killed writes and staging folders of cut-off restores.

    They may hold data in the old form; no other process writes here while we hold the lock.
    """
    for folder in (paths.root, paths.sessions, paths.reflections, paths.backups):
        remove_temp_files(folder)
    for staging in paths.root.glob(".restore-*"):
        shutil.rmtree(staging, ignore_errors=True)
