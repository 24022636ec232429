"""Encryption primitives for data at rest: key derivation, key wrapping, sealed files.

A data folder that is encrypted has one random 256-bit *data key*. Every data file is sealed
with it using AES-256-GCM and a fresh random 96-bit nonce on every write. A sealed file
(format 2) is::

    MAGIC (8) | key id (16) | nonce (12) | version (8) | flags (1) | name length (1) | name
    | ciphertext and GCM tag

The whole header is authenticated as associated data, so changing any byte anywhere makes
the file fail to open. ``name`` is the file's place in the folder (``catalog.json``,
``sessions/<id>.json``, ``reflections/<year>.json``) and ``version`` counts its writes: a
file copied over another, or an older copy put back, is told apart from the current one
(see :mod:`psw_tui.storage.sealing`). Format 1 files (``MAGIC_V1``, no name or version)
are still read, so a folder encrypted by an older psw-tui can be upgraded.

The data key itself is stored only *wrapped* (AES-GCM again) under a key derived from the
passphrase with scrypt; the scrypt parameters and salt sit in the key file's header (see
:mod:`psw_tui.storage.keyfile`). Nothing here touches the disk.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from psw_tui.storage.errors import StoreCorrupt

MAGIC_V1 = b"PSWTUI\x00\x01"  # "psw-tui sealed file, format 1" (no name, no version)
MAGIC = b"PSWTUI\x00\x02"  # format 2
KEY_BYTES = 32
KEY_ID_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
V1_HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + NONCE_BYTES
FIXED_HEADER_BYTES = V1_HEADER_BYTES + 8 + 1 + 1
HEADER_BYTES = V1_HEADER_BYTES  # the part every format shares
LEDGER_FLAG = 0x01  # the plaintext starts with a version ledger line (the catalog)
MIN_PASSPHRASE_CHARS = 8
ALTERED = "it was altered or rolled back"
OTHER_KEY = f"{ALTERED} (it was encrypted with a different key from this data folder's)"

# Bounds on the key file's scrypt parameters: anything outside was not written by psw-tui.
MIN_N, MAX_N = 2**14, 2**20
MIN_R, MAX_R = 8, 16
MIN_P, MAX_P = 1, 4


class Codec(Protocol):
    """How the bytes of a data file are stored: as they are, or sealed."""

    encrypted: bool

    def seal(self, data: bytes, path: Path) -> bytes:
        """The bytes to write at ``path`` for ``data``."""
        ...

    def unseal(self, raw: bytes, path: Path) -> bytes:
        """The data in ``raw`` read from ``path``; raises :class:`StoreCorrupt`."""
        ...


def is_sealed(raw: bytes) -> bool:
    """Whether ``raw`` is a sealed (encrypted) file, of any format."""
    return raw.startswith(MAGIC) or raw.startswith(MAGIC_V1)


class PlainCodec:
    """Files stored as they are (a folder that is not encrypted)."""

    encrypted = False

    def seal(self, data: bytes, path: Path) -> bytes:
        """``data`` unchanged."""
        return data

    def unseal(self, raw: bytes, path: Path) -> bytes:
        """``raw`` unchanged, unless it is sealed (then there is no key to open it)."""
        if is_sealed(raw):
            raise StoreCorrupt(path, "it is encrypted, but this data folder has no key file")
        return raw


PLAIN = PlainCodec()


@dataclass(frozen=True)
class Header:
    """The clear (but authenticated) header of a sealed file."""

    format: int
    key_id: bytes
    version: int  # 0 for format 1
    name: str | None  # None for format 1
    flags: int
    size: int  # header length in bytes


def read_header(raw: bytes) -> Header | None:
    """The header of a sealed file, unverified (None if ``raw`` is not a whole header)."""
    key_id = raw[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES]
    if raw.startswith(MAGIC_V1) and len(raw) >= V1_HEADER_BYTES:
        return Header(1, key_id, 0, None, 0, V1_HEADER_BYTES)
    if not raw.startswith(MAGIC) or len(raw) < FIXED_HEADER_BYTES:
        return None
    version, flags, length = struct.unpack(">QBB", raw[V1_HEADER_BYTES:FIXED_HEADER_BYTES])
    end = FIXED_HEADER_BYTES + length
    if len(raw) < end:
        return None
    try:
        name = raw[FIXED_HEADER_BYTES:end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return Header(2, key_id, version, name, flags, end)


def _aesgcm(key: bytes) -> Any:
    # cryptography is imported on first use, so that opening a folder that is not encrypted
    # (most starts) never loads it.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _invalid_tag() -> type[Exception]:
    from cryptography.exceptions import InvalidTag

    return InvalidTag


class Cipher:
    """Seals and opens data files with one data key (AES-256-GCM)."""

    def __init__(self, key: bytes, key_id: bytes) -> None:
        if len(key) != KEY_BYTES or len(key_id) != KEY_ID_BYTES:
            raise ValueError("a data key is 32 bytes and its id 16 bytes")
        self._aead = _aesgcm(key)
        self.key_id = key_id

    def seal(self, data: bytes, name: str, version: int, flags: int = 0) -> bytes:
        """``data`` sealed as version ``version`` of the file ``name``, under a fresh nonce."""
        encoded = name.encode("utf-8")
        if len(encoded) > 255 or not 0 <= version < 2**64:
            raise ValueError("a sealed file's name is at most 255 bytes and its version 64 bits")
        nonce = os.urandom(NONCE_BYTES)
        header = MAGIC + self.key_id + nonce + struct.pack(">QBB", version, flags, len(encoded)) + encoded
        return header + self._aead.encrypt(nonce, data, header)

    def open(self, raw: bytes, path: Path) -> tuple[Header, bytes]:
        """The header and plaintext of a sealed file; a changed byte or another key is
        reported as :class:`StoreCorrupt` naming ``path``."""
        header = read_header(raw)
        if header is None or len(raw) < header.size + TAG_BYTES:
            raise StoreCorrupt(path, "it is cut short or its encryption header is damaged")
        if header.key_id != self.key_id:
            raise StoreCorrupt(path, OTHER_KEY)
        nonce = raw[len(MAGIC) + KEY_ID_BYTES : V1_HEADER_BYTES]
        try:
            plain = self._aead.decrypt(nonce, raw[header.size :], raw[: header.size])
        except _invalid_tag():
            raise StoreCorrupt(
                path, "it failed its integrity check (it was changed or damaged after it was saved)"
            ) from None
        return header, plain


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters (stored in the key file's header; cost can be raised later)."""

    salt: bytes
    n: int = 2**17
    r: int = 8
    p: int = 1

    def check(self) -> None:
        """Refuse parameters psw-tui never writes: too weak, or needing absurd memory or time."""
        if len(self.salt) < 16:
            raise ValueError("salt shorter than 16 bytes")
        if not MIN_N <= self.n <= MAX_N or self.n & (self.n - 1):
            raise ValueError(f"scrypt n={self.n} is not a power of two from 2**14 to 2**20")
        if not MIN_R <= self.r <= MAX_R:
            raise ValueError(f"scrypt r={self.r} is outside 8-16")
        if not MIN_P <= self.p <= MAX_P:
            raise ValueError(f"scrypt p={self.p} is outside 1-4")

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
    """The key-encryption key for ``passphrase`` (scrypt, 256 bits).

    Raises ``ValueError`` for parameters outside the bounds, or when this computer cannot
    give scrypt the memory they need.
    """
    params.check()
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # on first use, see _aesgcm

    kdf = Scrypt(salt=params.salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    try:
        return kdf.derive(normalise(passphrase))
    except MemoryError:
        need = 128 * params.r * params.n // 2**20
        raise ValueError(f"scrypt needs {need} MiB of memory, more than is free") from None


def wrap_key(kek: bytes, data_key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """``(nonce, wrapped)``: the data key encrypted under ``kek``, ``aad`` authenticated."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, _aesgcm(kek).encrypt(nonce, data_key, aad)


def unwrap_key(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytes | None:
    """The data key, or None when ``kek`` is wrong (or the key file's header was changed)."""
    try:
        key = _aesgcm(kek).decrypt(nonce, wrapped, aad)
    except _invalid_tag():
        return None
    return key if len(key) == KEY_BYTES else None


def new_data_key() -> tuple[bytes, bytes]:
    """A fresh random ``(data key, key id)``."""
    return os.urandom(KEY_BYTES), os.urandom(KEY_ID_BYTES)
