"""Encryption primitives for data at rest: key derivation, key wrapping, sealed files.

A data folder that is encrypted has one random 256-bit *data key*. Every data file is sealed
with it using AES-256-GCM and a fresh random 96-bit nonce on every write. A sealed file is::

    MAGIC (8 bytes) | key id (16 bytes) | nonce (12 bytes) | ciphertext and GCM tag

and those first 36 bytes (the header) are authenticated as associated data, so changing any
byte anywhere makes the file fail to open. The data key itself is stored only *wrapped*
(AES-GCM again) under a key derived from the passphrase with scrypt; the scrypt parameters
and salt sit in the key file's header (see :mod:`psw_tui.storage.encryption`) so they can be
raised later without re-encrypting the data.

Nothing here touches the disk.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from psw_tui.storage.errors import StoreCorrupt

MAGIC = b"PSWTUI\x00\x01"  # "psw-tui sealed file, format 1"
KEY_BYTES = 32
KEY_ID_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
MIN_PASSPHRASE_CHARS = 8


class Codec(Protocol):
    """How the bytes of a data file are stored: as they are, or sealed."""

    encrypted: bool

    def seal(self, data: bytes) -> bytes:
        """The bytes to write for ``data``."""
        ...

    def unseal(self, raw: bytes, path: Path) -> bytes:
        """The data in ``raw`` read from ``path``; raises :class:`StoreCorrupt`."""
        ...


def is_sealed(raw: bytes) -> bool:
    """Whether ``raw`` is a sealed (encrypted) file."""
    return raw.startswith(MAGIC)


class PlainCodec:
    """Files stored as they are (a folder that is not encrypted)."""

    encrypted = False

    def seal(self, data: bytes) -> bytes:
        """``data`` unchanged."""
        return data

    def unseal(self, raw: bytes, path: Path) -> bytes:
        """``raw`` unchanged, unless it is sealed (then there is no key to open it)."""
        if is_sealed(raw):
            raise StoreCorrupt(path, "it is encrypted, but this data folder has no key file")
        return raw


PLAIN = PlainCodec()


class Cipher:
    """Seals and opens data files with one data key (AES-256-GCM).

    ``allow_plain`` is used only while a folder is being encrypted or decrypted, when some
    files are still in the other form.
    """

    encrypted = True

    def __init__(self, key: bytes, key_id: bytes, *, allow_plain: bool = False) -> None:
        if len(key) != KEY_BYTES or len(key_id) != KEY_ID_BYTES:
            raise ValueError("a data key is 32 bytes and its id 16 bytes")
        self._aead = AESGCM(key)
        self.key_id = key_id
        self.allow_plain = allow_plain

    def seal(self, data: bytes) -> bytes:
        """``data`` encrypted under a fresh nonce, header authenticated."""
        nonce = os.urandom(NONCE_BYTES)
        header = MAGIC + self.key_id + nonce
        return header + self._aead.encrypt(nonce, data, header)

    def unseal(self, raw: bytes, path: Path) -> bytes:
        """The plaintext of a sealed file; a changed byte or another key is reported."""
        if not is_sealed(raw):
            if self.allow_plain:
                return raw
            raise StoreCorrupt(path, "it is not encrypted, although this data folder is")
        if len(raw) < HEADER_BYTES + TAG_BYTES:
            raise StoreCorrupt(path, "it is cut short (an encrypted file needs at least 52 bytes)")
        header = raw[:HEADER_BYTES]
        if header[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES] != self.key_id:
            raise StoreCorrupt(path, "it was encrypted with a different key from this data folder's")
        nonce = header[len(MAGIC) + KEY_ID_BYTES :]
        try:
            return self._aead.decrypt(nonce, raw[HEADER_BYTES:], header)
        except InvalidTag:
            raise StoreCorrupt(
                path, "it failed its integrity check (it was changed or damaged after it was saved)"
            ) from None

    def strict(self) -> Cipher:
        """The same key, refusing files that are not encrypted."""
        clone = Cipher.__new__(Cipher)
        clone._aead, clone.key_id, clone.allow_plain = self._aead, self.key_id, False
        return clone


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters (stored in the key file's header; cost can be raised later)."""

    salt: bytes
    n: int = 2**17
    r: int = 8
    p: int = 1

    def check(self) -> None:
        """Refuse parameters that are too weak or would take unreasonable memory."""
        if len(self.salt) < 16:
            raise ValueError("salt shorter than 16 bytes")
        if self.n < 2**10 or self.n > 2**22 or self.n & (self.n - 1):
            raise ValueError("n must be a power of two between 2**10 and 2**22")
        if not 1 <= self.r <= 32 or not 1 <= self.p <= 16:
            raise ValueError("r must be 1-32 and p 1-16")

    @classmethod
    def fresh(cls, n: int = 2**17, r: int = 8, p: int = 1) -> KdfParams:
        """New parameters with a random salt."""
        return cls(os.urandom(16), n, r, p)


def normalise(passphrase: str) -> bytes:
    """A passphrase as bytes (NFC, so the same characters typed anywhere give the same key)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_new_passphrase(passphrase: str) -> None:
    """Raise ``ValueError`` with a reason if ``passphrase`` is too weak to set."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_CHARS:
        raise ValueError(f"a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters")


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    """The key-encryption key for ``passphrase`` (scrypt, 256 bits)."""
    params.check()
    kdf = Scrypt(salt=params.salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(normalise(passphrase))


def wrap_key(kek: bytes, data_key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """``(nonce, wrapped)``: the data key encrypted under ``kek``, ``aad`` authenticated."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, data_key, aad)


def unwrap_key(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytes | None:
    """The data key, or None when ``kek`` is wrong (or the key file's header was changed)."""
    try:
        key = AESGCM(kek).decrypt(nonce, wrapped, aad)
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None


def new_data_key() -> tuple[bytes, bytes]:
    """A fresh random ``(data key, key id)``."""
    return os.urandom(KEY_BYTES), os.urandom(KEY_ID_BYTES)
