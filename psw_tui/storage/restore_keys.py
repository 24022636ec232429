"""What a restore puts in place when the folder is (or the backup was) encrypted.

A restore never leaves plain data in an encrypted folder and never puts an older sealed
file back in a form the rollback checks would mistake for the current one:

- plain backup, plain folder: the files as they are;
- plain backup, encrypted folder: only when the caller accepts it (the question explains),
  and then every file is encrypted under the folder's key before it is written anywhere;
- encrypted backup, plain folder: only when accepted; the folder becomes encrypted under
  the backup's key and passphrase;
- encrypted backup, same key as the folder: every file is sealed again with a version above
  anything the folder has had, and the catalog's ledger is carried over, so neither the
  files the restore replaces nor those in newer backups can later pass for current;
- encrypted backup under another key: the backup's key file comes with it (its passphrase
  opens the folder from then on), as it always did.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from psw_tui.storage.backups import KEY_MEMBER, read_members, verify_backup
from psw_tui.storage.crypto import PLAIN
from psw_tui.storage.errors import PassphraseNeeded, StoreCorrupt, StoreError
from psw_tui.storage.keyfile import KeyFile, UnlockedKey, unlock
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.sealing import CATALOG, FolderCipher, peek_version


class EncryptionDiffers(StoreError):
    """The backup is encrypted and the folder is not, or the other way round; the caller
    must accept what the restore will do (the message says what)."""

    def __init__(self, message: str, *, backup_encrypted: bool) -> None:
        super().__init__(message)
        self.backup_encrypted = backup_encrypted


@dataclass(frozen=True)
class RestorePlan:
    """The files to put in place (names relative to the folder, key file excluded) and the
    key file to install first (None: keep the folder's own)."""

    members: dict[str, bytes]
    key_file: bytes | None
    encrypted: bool


def plan_restore(
    paths: DataPaths, backup: Path, passphrase: str | None, *, accept_encryption_change: bool = False
) -> RestorePlan:
    """Check ``backup`` and work out what restoring it writes (nothing is written here).

    Raises :class:`EncryptionDiffers` when the encryption states differ and the change was
    not accepted, :class:`PassphraseNeeded` when a key must be opened, StoreCorrupt for a
    damaged backup.
    """
    members = read_members(backup)
    folder_key = KeyFile.read(paths.key_file) if paths.key_file.exists() else None
    backup_key = KeyFile.parse(members[KEY_MEMBER], backup / KEY_MEMBER) if KEY_MEMBER in members else None
    if backup_key is None and folder_key is None:
        return RestorePlan(_without_key(verify_backup(backup, PLAIN)), None, False)
    if backup_key is None:
        assert folder_key is not None
        if not accept_encryption_change:
            raise EncryptionDiffers(
                f"{backup.name} is not encrypted, but {paths.root} is: restoring it encrypts its data "
                "under this folder's passphrase (no plain copy is left in the folder); nothing was changed",
                backup_encrypted=False,
            )
        key = _unlock(folder_key, passphrase, paths.root)
        checked = _without_key(verify_backup(backup, PLAIN))
        plain = {name: PLAIN.unseal(raw, backup / name) for name, raw in checked.items()}
        return RestorePlan(_sealed_above(paths, key, plain), None, True)
    if folder_key is None:
        if not accept_encryption_change:
            raise EncryptionDiffers(
                f"{backup.name} is encrypted, but {paths.root} is not: restoring it makes the folder "
                "encrypted under the backup's passphrase; nothing was changed",
                backup_encrypted=True,
            )
        key = _unlock(backup_key, passphrase, backup)
        verify_backup(backup, key.cipher())
        return RestorePlan(_without_key(members), _installable(key), True)
    if backup_key.key_id != folder_key.key_id:
        key = _unlock(backup_key, passphrase, backup)
        verify_backup(backup, key.cipher())
        return RestorePlan(_without_key(members), _installable(key), True)
    key = _unlock_either(folder_key, backup_key, passphrase, paths.root, backup)
    cipher = key.cipher()
    verify_backup(backup, cipher)
    plain = {n: cipher.unseal(raw, backup / n) for n, raw in _without_key(members).items()}
    return RestorePlan(_sealed_above(paths, key, plain), None, True)


def _without_key(members: dict[str, bytes]) -> dict[str, bytes]:
    return {name: raw for name, raw in members.items() if name != KEY_MEMBER}


def _unlock(file: KeyFile, passphrase: str | None, where: Path) -> UnlockedKey:
    if passphrase is None:
        raise PassphraseNeeded(where)
    return unlock(file, passphrase, where)


def _unlock_either(
    folder: KeyFile, backup: KeyFile, passphrase: str | None, root: Path, where: Path
) -> UnlockedKey:
    """The folder's key, opened with its passphrase or the one the backup was taken under."""
    try:
        return _unlock(folder, passphrase, root)
    except StoreError:
        return _unlock(backup, passphrase, where)


def _installable(key: UnlockedKey) -> bytes:
    """The backup's key file as it is installed: ready, vouching for no catalog version yet
    (the restored catalog is the newest there is)."""
    return key.rewrapped(state="ready", catalog_version=0).file.to_bytes()


def _sealed_above(paths: DataPaths, key: UnlockedKey, plain: dict[str, bytes]) -> dict[str, bytes]:
    """``plain`` sealed under the folder's key at one version above every version the
    folder has known; the catalog's ledger keeps the versions of files the restore removes."""
    ledger: dict[str, int] = {}
    with suppress(StoreCorrupt, OSError):
        live = key.cipher(root=paths.root)
        live.unseal(paths.catalog.read_bytes(), paths.catalog)
        ledger = live.known_versions()
    on_disk = [peek_version(file) for file in paths.data_files()]
    version = max([key.file.catalog_version, *ledger.values(), *on_disk, 0]) + 1
    cipher: FolderCipher = key.cipher()
    sealed: dict[str, bytes] = {}
    for name, data in plain.items():
        if name != CATALOG:
            sealed[name] = cipher.seal_member(data, name, version)
            ledger[name] = version
    ledger.pop(CATALOG, None)
    if CATALOG in plain:
        sealed[CATALOG] = cipher.seal_member(plain[CATALOG], CATALOG, version, ledger)
    return sealed
