"""The encryption primitives and the key file: sealing, tampering, passphrases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from psw_tui.storage.crypto import (
    HEADER_BYTES,
    MAGIC,
    PLAIN,
    Cipher,
    KdfParams,
    check_new_passphrase,
    derive_key,
    new_data_key,
)
from psw_tui.storage.errors import StoreCorrupt, WrongPassphrase
from psw_tui.storage.keyfile import KeyFile, new_key, unlock
from psw_tui.storage.sealing import FolderCipher

FAST = KdfParams.fresh(n=2**14)  # the cheapest psw-tui accepts; real folders use n = 2**17
WHERE = Path("/data/sessions/x.json")


def cipher() -> Cipher:
    key, key_id = new_data_key()
    return Cipher(key, key_id)


def seal(c: Cipher, data: bytes) -> bytes:
    return c.seal(data, "sessions/x.json", 1)


def unseal(c: Cipher, raw: bytes) -> bytes:
    return c.open(raw, WHERE)[1]


def test_sealed_file_round_trips_and_hides_the_text() -> None:
    c = cipher()
    sealed = seal(c, b'{"notes": "Walking helps me"}')
    assert sealed.startswith(MAGIC)
    assert b"Walking" not in sealed
    assert unseal(c, sealed) == b'{"notes": "Walking helps me"}'


def test_every_write_uses_a_fresh_nonce() -> None:
    c = cipher()
    first, second = seal(c, b"same text"), seal(c, b"same text")
    assert first != second
    assert first[:HEADER_BYTES - 12] == second[:HEADER_BYTES - 12]  # magic and key id agree
    assert first[HEADER_BYTES - 12:HEADER_BYTES] != second[HEADER_BYTES - 12:HEADER_BYTES]


@pytest.mark.parametrize("position", [0, 5, 10, 30, HEADER_BYTES, -1])
def test_one_flipped_byte_anywhere_fails_with_a_clear_message(position: int) -> None:
    c = cipher()
    sealed = bytearray(seal(c, b'{"a": 1}' * 10))
    sealed[position] ^= 0x01
    with pytest.raises(StoreCorrupt) as caught:
        unseal(c, bytes(sealed))
    message = str(caught.value)
    assert str(WHERE) in message and "left untouched" in message
    assert any(
        reason in message
        for reason in ("integrity check", "different key", "header is damaged")
    ), message


def test_another_key_and_a_cut_short_file_are_named() -> None:
    sealed = seal(cipher(), b"{}")
    with pytest.raises(StoreCorrupt, match="different key"):
        unseal(cipher(), sealed)
    with pytest.raises(StoreCorrupt, match="cut short"):
        unseal(cipher(), sealed[:40])


def test_plain_and_sealed_files_are_never_mixed_up() -> None:
    key, key_id = new_data_key()
    folder = FolderCipher({key_id: key}, key_id)
    with pytest.raises(StoreCorrupt, match="not encrypted"):
        folder.unseal(b'{"meta": {}}', WHERE)
    with pytest.raises(StoreCorrupt, match="no key file"):
        PLAIN.unseal(folder.seal(b"{}", WHERE), WHERE)
    assert FolderCipher({key_id: key}, key_id, allow_plain=True).unseal(b"{}", WHERE) == b"{}"


def test_key_derivation_is_deterministic_and_rejects_silly_parameters() -> None:
    assert derive_key("correct horse", FAST) == derive_key("correct horse", FAST)
    assert derive_key("correct horse", FAST) != derive_key("correct horsf", FAST)
    # The same characters typed in another normalisation give the same key.
    assert derive_key("caf\u00e9 au lait", FAST) == derive_key("cafe\u0301 au lait", FAST)
    with pytest.raises(ValueError):
        KdfParams(FAST.salt, n=3).check()
    with pytest.raises(ValueError):
        KdfParams(b"short", n=2**10).check()
    with pytest.raises(ValueError, match="at least 8"):
        check_new_passphrase("short")


def test_key_file_opens_only_with_its_passphrase(tmp_path: Path) -> None:
    key = new_key("correct horse", FAST, "ready")
    path = tmp_path / "encryption.json"
    key.write(path)
    assert path.stat().st_mode & 0o777 == 0o600
    text = path.read_text()
    assert "correct horse" not in text and key.data_key.hex() not in text
    parsed = KeyFile.read(path)
    assert parsed.kdf == FAST and parsed.state == "ready"
    assert unlock(parsed, "correct horse", tmp_path).data_key == key.data_key
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        unlock(parsed, "not the passphrase", tmp_path)


def test_changing_the_key_files_header_makes_it_fail_to_open(tmp_path: Path) -> None:
    """Lowering the scrypt cost or editing the state cannot go unnoticed: the header is
    authenticated with the wrapped key."""
    key = new_key("correct horse", FAST, "ready")
    data = json.loads(key.file.to_bytes())
    data["state"] = "decrypting"
    tampered = KeyFile.parse(json.dumps(data).encode(), tmp_path / "encryption.json")
    with pytest.raises(WrongPassphrase):
        unlock(tampered, "correct horse", tmp_path)


def test_a_damaged_key_file_is_reported_as_such(tmp_path: Path) -> None:
    with pytest.raises(StoreCorrupt, match="key file altered"):
        KeyFile.parse(b'{"format": "something else"}', tmp_path / "encryption.json")
    with pytest.raises(StoreCorrupt, match="key file altered"):
        KeyFile.parse(b"\xff\xfe", tmp_path / "encryption.json")


def test_rewrapping_keeps_the_data_key() -> None:
    key = new_key("correct horse", FAST, "encrypting")
    ready = key.rewrapped(state="ready")
    assert ready.data_key == key.data_key and ready.file.state == "ready"
    assert ready.file.nonce != key.file.nonce
    assert unlock(ready.file, "correct horse", Path(".")).data_key == key.data_key
