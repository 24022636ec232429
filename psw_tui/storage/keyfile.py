"""The key file of an encrypted data folder (``encryption.json``).

It holds no secret in the clear: the data key is stored wrapped under a key derived from
the passphrase. Its header (format, key id, scrypt parameters and salt, state) is
authenticated together with the wrapped key, so changing the parameters or the state
makes the passphrase fail rather than silently weakening anything.

``state`` is ``ready`` normally; ``encrypting`` or ``decrypting`` while a folder is being
converted (some files are still in the old form), so that a conversion cut off by a crash
is finished the next time the folder is opened.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from psw_tui.storage.crypto import (
    Cipher,
    KdfParams,
    derive_key,
    new_data_key,
    unwrap_key,
    wrap_key,
)
from psw_tui.storage.durable import atomic_write
from psw_tui.storage.errors import StoreCorrupt, WrongPassphrase

FORMAT = "psw-tui key file"
VERSION = 1
State = Literal["ready", "encrypting", "decrypting"]
STATES = ("ready", "encrypting", "decrypting")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class KeyFile:
    """The parsed key file."""

    key_id: bytes
    kdf: KdfParams
    state: State
    nonce: bytes
    wrapped: bytes

    def header(self) -> dict[str, Any]:
        """Everything but the wrapped key (authenticated as associated data)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "key_id": self.key_id.hex(),
            "kdf": {
                "name": "scrypt",
                "salt": _b64(self.kdf.salt),
                "n": self.kdf.n,
                "r": self.kdf.r,
                "p": self.kdf.p,
            },
            "state": self.state,
        }

    def to_bytes(self) -> bytes:
        """The file's contents."""
        data = {**self.header(), "wrapped_key": {"nonce": _b64(self.nonce), "key": _b64(self.wrapped)}}
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def parse(cls, raw: bytes, path: Path) -> KeyFile:
        """Parse a key file; StoreCorrupt (naming ``path``) if it is not one."""
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT or data.get("version") != VERSION:
                raise ValueError("not a psw-tui key file of a version this psw-tui reads")
            kdf = data["kdf"]
            if kdf.get("name") != "scrypt":
                raise ValueError(f"unknown key derivation {kdf.get('name')!r}")
            params = KdfParams(_unb64(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
            params.check()
            if data["state"] not in STATES:
                raise ValueError(f"unknown state {data['state']!r}")
            key_id = bytes.fromhex(data["key_id"])
            wrapped = data["wrapped_key"]
            found = cls(key_id, params, data["state"], _unb64(wrapped["nonce"]), _unb64(wrapped["key"]))
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError) as error:
            reason = error.args[0] if isinstance(error, ValueError) and error.args else type(error).__name__
            raise StoreCorrupt(path, f"it is not a valid key file ({reason})") from None
        if len(found.key_id) != 16:
            raise StoreCorrupt(path, "it is not a valid key file (bad key id)")
        return found

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        """Read and parse the key file at ``path``."""
        return cls.parse(path.read_bytes(), path)


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class UnlockedKey:
    """A data key opened with the passphrase (kept in memory only while the folder is open)."""

    data_key: bytes
    kek: bytes
    file: KeyFile

    def cipher(self) -> Cipher:
        """A cipher for the folder's files (tolerating plain files mid-conversion)."""
        return Cipher(self.data_key, self.file.key_id, allow_plain=self.file.state != "ready")

    def rewrapped(self, *, state: State | None = None, kek: bytes | None = None, kdf: KdfParams | None = None) -> UnlockedKey:
        """The key file again, with a new state and/or under a new passphrase key."""
        kek = kek or self.kek
        base = replace(self.file, state=state or self.file.state, kdf=kdf or self.file.kdf)
        nonce, wrapped = wrap_key(kek, self.data_key, _aad(base.header()))
        return UnlockedKey(self.data_key, kek, replace(base, nonce=nonce, wrapped=wrapped))

    def write(self, path: Path) -> None:
        """Durably write the key file (0600)."""
        atomic_write(path, self.file.to_bytes())


def new_key(passphrase: str, kdf: KdfParams, state: State) -> UnlockedKey:
    """A fresh random data key wrapped under ``passphrase``."""
    data_key, key_id = new_data_key()
    kek = derive_key(passphrase, kdf)
    blank = KeyFile(key_id, kdf, state, b"", b"")
    nonce, wrapped = wrap_key(kek, data_key, _aad(blank.header()))
    return UnlockedKey(data_key, kek, replace(blank, nonce=nonce, wrapped=wrapped))


def unlock(file: KeyFile, passphrase: str, data_dir: Path) -> UnlockedKey:
    """Open ``file`` with ``passphrase``; WrongPassphrase if it does not fit."""
    kek = derive_key(passphrase, file.kdf)
    data_key = unwrap_key(kek, file.nonce, file.wrapped, _aad(file.header()))
    if data_key is None:
        raise WrongPassphrase(data_dir)
    return UnlockedKey(data_key, kek, file)
