"""The key file of an encrypted data folder (``encryption.json``).

It holds no secret in the clear: the data key is stored wrapped under a key derived from
the passphrase. Its header (format, key id, scrypt parameters and salt, state, and the
catalog version it vouches for) is authenticated together with the wrapped key, so changing
any of it makes the passphrase fail rather than silently weakening anything.

``state`` is ``ready`` normally; ``encrypting`` or ``decrypting`` while a folder is being
converted (some files are still in the old form) and ``rotating`` while every file is being
re-encrypted under a new data key (the old key is then kept too, wrapped the same way), so
that a conversion cut off by a crash is finished the next time the folder is opened.

``catalog_version`` is the newest version of ``catalog.json`` known to have reached the
disk: a catalog older than that was put back from an earlier copy (see
:mod:`psw_tui.storage.sealing`). Version 1 key files (older psw-tui) have none; such a
folder is upgraded on open.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from psw_tui.storage.crypto import KdfParams, derive_key, new_data_key, unwrap_key, wrap_key
from psw_tui.storage.durable import atomic_write
from psw_tui.storage.errors import StoreCorrupt, StoreError, WrongPassphrase
from psw_tui.storage.sealing import FolderCipher

FORMAT = "psw-tui key file"
VERSION = 2
State = Literal["ready", "encrypting", "decrypting", "rotating"]
STATES = ("ready", "encrypting", "decrypting", "rotating")


class KeyFileAltered(StoreCorrupt):
    """The key file is not one psw-tui wrote (edited parameters, damaged JSON...)."""

    def __init__(self, path: Path, reason: str) -> None:
        message = f"{path}: key file altered or damaged ({reason}); nothing was opened or changed"
        StoreError.__init__(self, message)
        self.path, self.reason, self.backup = path, reason, None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class Wrapped:
    """A data key wrapped under the passphrase key."""

    key_id: bytes
    nonce: bytes
    key: bytes


@dataclass(frozen=True)
class KeyFile:
    """The parsed key file."""

    key_id: bytes
    kdf: KdfParams
    state: State
    nonce: bytes
    wrapped: bytes
    version: int = VERSION
    catalog_version: int = 0
    previous: Wrapped | None = None  # the old data key while rotating

    def header(self) -> dict[str, Any]:
        """Everything but the wrapped keys (authenticated as associated data)."""
        header: dict[str, Any] = {
            "format": FORMAT,
            "version": self.version,
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
        if self.version >= 2:
            header["catalog_version"] = self.catalog_version
            header["previous_key_id"] = self.previous.key_id.hex() if self.previous else None
        return header

    def to_bytes(self) -> bytes:
        """The file's contents."""
        data = {**self.header(), "wrapped_key": {"nonce": _b64(self.nonce), "key": _b64(self.wrapped)}}
        if self.previous is not None:
            data["previous_key"] = {"nonce": _b64(self.previous.nonce), "key": _b64(self.previous.key)}
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def parse(cls, raw: bytes, path: Path) -> KeyFile:
        """Parse a key file; :class:`KeyFileAltered` (naming ``path``) if it is not one."""
        try:
            return cls._parse(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, AttributeError, KeyError, TypeError, ValueError) as error:
            reason = error.args[0] if isinstance(error, ValueError) and error.args else type(error).__name__
            raise KeyFileAltered(path, str(reason)) from None

    @classmethod
    def _parse(cls, data: Any) -> KeyFile:
        version = data.get("version")
        if data.get("format") != FORMAT or version not in (1, 2):
            raise ValueError("not a psw-tui key file of a version this psw-tui reads")
        kdf = data["kdf"]
        if kdf.get("name") != "scrypt":
            raise ValueError(f"unknown key derivation {kdf.get('name')!r}")
        numbers = [kdf["n"], kdf["r"], kdf["p"]]
        if not all(type(value) is int for value in numbers):
            raise ValueError("scrypt parameters are not whole numbers")
        params = KdfParams(_unb64(kdf["salt"]), *numbers)
        params.check()
        if data["state"] not in STATES or (version == 1 and data["state"] == "rotating"):
            raise ValueError(f"unknown state {data['state']!r}")
        key_id = bytes.fromhex(data["key_id"])
        wrapped = data["wrapped_key"]
        catalog_version, previous = 0, None
        if version == 2:
            catalog_version = data["catalog_version"]
            if type(catalog_version) is not int or catalog_version < 0:
                raise ValueError("bad catalog version")
            if data["previous_key_id"] is not None:
                old = data["previous_key"]
                old_id = bytes.fromhex(data["previous_key_id"])
                previous = Wrapped(old_id, _unb64(old["nonce"]), _unb64(old["key"]))
        if len(key_id) != 16 or (previous is not None and len(previous.key_id) != 16):
            raise ValueError("bad key id")
        if (previous is not None) != (data["state"] == "rotating"):
            raise ValueError("the old key is kept only while rotating")
        return cls(key_id, params, data["state"], _unb64(wrapped["nonce"]), _unb64(wrapped["key"]),
                   version, catalog_version, previous)

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        """Read and parse the key file at ``path``."""
        return cls.parse(path.read_bytes(), path)


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class UnlockedKey:
    """A data key opened with the passphrase (kept in memory only while the folder is open).

    ``previous_key`` is the old data key while a rotation is under way; ``root`` is the data
    folder whose files this key seals (None for a backup read on its own).
    """

    data_key: bytes
    kek: bytes
    file: KeyFile
    previous_key: bytes | None = None
    root: Path | None = field(default=None, compare=False)

    def cipher(self, *, root: Path | None = None) -> FolderCipher:
        """A cipher for the folder's files (tolerating files in the old form mid-conversion)."""
        keys = {self.file.key_id: self.data_key}
        if self.previous_key is not None and self.file.previous is not None:
            keys[self.file.previous.key_id] = self.previous_key
        return FolderCipher(
            keys,
            self.file.key_id,
            root=root or self.root,
            allow_plain=self.file.state in ("encrypting", "decrypting"),
            allow_v1=self.file.version == 1,
            catalog_floor=self.file.catalog_version,
        )

    def rewrapped(
        self,
        *,
        state: State | None = None,
        kek: bytes | None = None,
        kdf: KdfParams | None = None,
        catalog_version: int | None = None,
    ) -> UnlockedKey:
        """The key file again (always format 2), with a new state, catalog version and/or
        passphrase key. Leaving ``rotating`` drops the old data key."""
        kek = kek or self.kek
        state = state or self.file.state
        keep_old = state == "rotating" and self.previous_key is not None and self.file.previous is not None
        old_id = self.file.previous.key_id if keep_old and self.file.previous else None
        base = replace(
            self.file, state=state, kdf=kdf or self.file.kdf, version=VERSION,
            catalog_version=self.file.catalog_version if catalog_version is None else catalog_version,
            previous=Wrapped(old_id, b"", b"") if old_id else None,
        )
        return _wrapped(base, kek, self.data_key, self.previous_key if keep_old else None, self.root)

    def rotated(self, kek: bytes, kdf: KdfParams) -> UnlockedKey:
        """A new random data key under ``kek``, in state ``rotating`` with this key kept as
        the old one until every file is re-encrypted."""
        data_key, key_id = new_data_key()
        base = KeyFile(key_id, kdf, "rotating", b"", b"", VERSION, self.file.catalog_version,
                       Wrapped(self.file.key_id, b"", b""))
        return _wrapped(base, kek, data_key, self.data_key, self.root)

    def write(self, path: Path) -> None:
        """Durably write the key file (0600)."""
        atomic_write(path, self.file.to_bytes())


def _wrapped(
    base: KeyFile, kek: bytes, data_key: bytes, old_key: bytes | None, root: Path | None
) -> UnlockedKey:
    aad = _aad(base.header())
    nonce, wrapped = wrap_key(kek, data_key, aad)
    previous = None
    if old_key is not None and base.previous is not None:
        old_nonce, old_wrapped = wrap_key(kek, old_key, aad)
        previous = Wrapped(base.previous.key_id, old_nonce, old_wrapped)
    file = replace(base, nonce=nonce, wrapped=wrapped, previous=previous)
    return UnlockedKey(data_key, kek, file, old_key, root)


def new_key(passphrase: str, kdf: KdfParams, state: State, root: Path | None = None) -> UnlockedKey:
    """A fresh random data key wrapped under ``passphrase``."""
    data_key, key_id = new_data_key()
    kek = derive_key(passphrase, kdf)
    return _wrapped(KeyFile(key_id, kdf, state, b"", b""), kek, data_key, None, root)


def unlock(file: KeyFile, passphrase: str, data_dir: Path, *, root: Path | None = None) -> UnlockedKey:
    """Open ``file`` with ``passphrase``; WrongPassphrase if it does not fit.

    ``data_dir`` names the folder in messages; ``root`` is the folder whose live files the
    key's cipher checks for rollback (None: no such checks, e.g. for a backup).
    """
    try:
        kek = derive_key(passphrase, file.kdf)
    except ValueError as error:
        raise KeyFileAltered(data_dir / "encryption.json", str(error)) from None
    aad = _aad(file.header())
    data_key = unwrap_key(kek, file.nonce, file.wrapped, aad)
    if data_key is None:
        raise WrongPassphrase(data_dir)
    old_key = None
    if file.previous is not None:
        old_key = unwrap_key(kek, file.previous.nonce, file.previous.key, aad)
        if old_key is None:
            raise WrongPassphrase(data_dir)
    return UnlockedKey(data_key, kek, file, old_key, root)
