"""Conversions of an encrypted folder that touch every file: a key rotation cut short by a
disk error is finished on the next open, a folder encrypted by an older psw-tui (format 1)
is upgraded on open, and an encrypted backup is restored into a plain folder only when the
change is accepted."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from uuid import UUID

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from psw_tui.storage import RecordStore, SaveFailed, StoreCorrupt, restore_backup
from psw_tui.storage.backups import KEY_MEMBER, list_backups, pack, read_members, write_backup
from psw_tui.storage.crypto import MAGIC, MAGIC_V1, derive_key, is_sealed, new_data_key, wrap_key
from psw_tui.storage.errors import WrongPassphrase
from psw_tui.storage.keyfile import FORMAT, KeyFile
from psw_tui.storage.restore_keys import EncryptionDiffers

from tests.unit.helpers_storage import DiskFault, data_paths, make_store, read_snapshot, snapshot
from tests.unit.test_encrypted_store import PASSPHRASE, fast_kdf

NEW_PASSPHRASE = "a brand new passphrase"


def snapshot_with(data_dir: Path, passphrase: str) -> dict:
    with RecordStore.open(data_dir, passphrase=passphrase) as store:
        return snapshot(store)


@pytest.fixture
def encrypted(data_dir: Path) -> Path:
    make_store(data_dir, backup=True)
    with RecordStore.open(data_dir) as store:
        store.enable_encryption(PASSPHRASE, fast_kdf())
    RecordStore.open(data_dir, passphrase=PASSPHRASE).close()
    return data_dir


@pytest.mark.parametrize("skip", [0, 1, 3, 6])
def test_a_rotation_cut_short_by_a_disk_error_is_finished_on_the_next_open(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch, skip: int
) -> None:
    before = snapshot_with(encrypted, PASSPHRASE)
    store = RecordStore.open(encrypted, passphrase=PASSPHRASE)
    fault = DiskFault(monkeypatch, "replace", skip=skip)
    try:
        with pytest.raises(SaveFailed):
            store.change_passphrase(NEW_PASSPHRASE, fast_kdf())
    finally:
        store.close()
    monkeypatch.undo()
    assert fault.fired == 1
    # The first write is the new key file: if that failed, nothing changed at all.
    now, other = (PASSPHRASE, NEW_PASSPHRASE) if skip == 0 else (NEW_PASSPHRASE, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        RecordStore.open(encrypted, passphrase=other)
    assert snapshot_with(encrypted, now) == before
    paths = data_paths(encrypted)
    key = KeyFile.read(paths.key_file)
    assert key.state == "ready"
    assert all(p.read_bytes()[len(MAGIC) : len(MAGIC) + 16] == key.key_id for p in paths.data_files())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def make_format1_folder(data_dir: Path) -> dict:
    """A folder as an older psw-tui encrypted it: format 1 files and key file, one backup."""
    make_store(data_dir, backup=True)
    expected = read_snapshot(data_dir)
    paths = data_paths(data_dir)
    kdf = fast_kdf()
    data_key, key_id = new_data_key()
    header = {"format": FORMAT, "version": 1, "key_id": key_id.hex(), "state": "ready",
              "kdf": {"name": "scrypt", "salt": _b64(kdf.salt), "n": kdf.n, "r": kdf.r, "p": kdf.p}}
    aad = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    nonce, wrapped = wrap_key(derive_key(PASSPHRASE, kdf), data_key, aad)
    key_file = json.dumps({**header, "wrapped_key": {"nonce": _b64(nonce), "key": _b64(wrapped)}}).encode()

    def seal(data: bytes) -> bytes:
        fresh = os.urandom(12)
        head = MAGIC_V1 + key_id + fresh
        return head + AESGCM(data_key).encrypt(fresh, data, head)

    for path in paths.data_files():
        path.write_bytes(seal(path.read_bytes()))
    for info in list_backups(paths):
        members = {name: seal(raw) for name, raw in read_members(info.path).items()}
        info.path.write_bytes(pack({KEY_MEMBER: key_file, **members}))
    paths.key_file.write_bytes(key_file)
    return expected


def test_a_folder_encrypted_by_an_older_psw_tui_is_upgraded_on_open(data_dir: Path) -> None:
    expected = make_format1_folder(data_dir)
    paths = data_paths(data_dir)
    old_session = sorted(paths.sessions.glob("*.json"))[0]
    old_copy = old_session.read_bytes()
    assert snapshot_with(data_dir, PASSPHRASE) == expected
    assert KeyFile.read(paths.key_file).version == 2
    assert all(p.read_bytes().startswith(MAGIC) for p in paths.data_files())
    # An old format 1 copy put back after the upgrade is no longer accepted.
    old_session.write_bytes(old_copy)
    with RecordStore.open(data_dir, passphrase=PASSPHRASE) as store, pytest.raises(StoreCorrupt, match="rolled back"):
        store.sessions.get(UUID(old_session.stem))
    # The backup taken before the upgrade still restores.
    restore_backup(data_dir, list_backups(paths)[-1].path, PASSPHRASE)
    assert snapshot_with(data_dir, PASSPHRASE) == expected


def test_an_encrypted_backup_into_a_plain_folder_needs_accepting(encrypted: Path, tmp_path: Path) -> None:
    backup = tmp_path / "sealed.zip"
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        write_backup(store.paths, backup)
        expected = snapshot(store)
    plain = tmp_path / "plain"
    make_store(plain)
    before = {p: p.read_bytes() for p in data_paths(plain).data_files()}
    with pytest.raises(EncryptionDiffers, match="makes the folder encrypted"):
        restore_backup(plain, backup, PASSPHRASE)
    assert {p: p.read_bytes() for p in data_paths(plain).data_files()} == before
    restore_backup(plain, backup, PASSPHRASE, accept_encryption_change=True)
    assert all(is_sealed(p.read_bytes()) for p in data_paths(plain).data_files())
    assert snapshot_with(plain, PASSPHRASE) == expected
