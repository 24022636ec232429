"""Sealing a data folder's files so that rollbacks and swaps are noticed.

Every sealed file names its place in the folder and carries a version number, both
authenticated (see :mod:`psw_tui.storage.crypto`). The catalog carries, inside its
encryption, a *ledger*: the newest version of every session and reflection file known to
be on disk when it was written. The key file (``encryption.json``, itself authenticated by
the passphrase) vouches for the newest catalog version. So, reading a file:

- a file holding another file's data (two session files or two year files swapped) is
  reported as altered or rolled back;
- a file older than the ledger says (an earlier copy put back, from a backup for instance)
  is reported the same way, and so is a catalog older than the key file says, which
  catches an older session file put back together with an older catalog;
- a file *newer* than the ledger is accepted (a crash can leave the ledger behind) and the
  ledger catches up on the next catalog write.

What is not detected, and cannot be from inside the folder: the whole folder (key file
included) put back to an earlier state, which is what restoring a copy of it does; and,
after a crash, a file put back to a version written since the catalog last recorded it.
A clean close records every version (:meth:`FolderCipher.catch_up`).
"""

from __future__ import annotations

import json
from pathlib import Path

from psw_tui.storage.crypto import ALTERED, LEDGER_FLAG, OTHER_KEY, Cipher, Header, is_sealed, read_header
from psw_tui.storage.durable import stager_for
from psw_tui.storage.errors import StoreCorrupt

CATALOG = "catalog.json"
FOLDERS = ("sessions", "reflections")
PEEK_BYTES = 512


def file_name(path: Path) -> str | None:
    """A data file's place in its folder (``catalog.json``, ``sessions/<id>.json``,
    ``reflections/<year>.json``), worked out from the end of ``path`` (so it fits a backup
    member as well as a live file), or None for any other file."""
    if path.name == CATALOG:
        return CATALOG
    if path.parent.name in FOLDERS and path.suffix == ".json" and not path.name.startswith("."):
        return f"{path.parent.name}/{path.name}"
    return None


def peek_version(path: Path) -> int:
    """The version in a sealed file's header, unverified (0 if missing, plain or format 1).

    Inside a multi-file change the file as the change will leave it is read.
    """
    stager = stager_for(path)
    source = stager.source(path) if stager is not None else path
    if source is None:
        return 0
    try:
        with open(source, "rb") as handle:
            header = read_header(handle.read(PEEK_BYTES))
    except OSError:
        return 0
    return header.version if header is not None else 0


class FolderCipher:
    """The codec of an encrypted data folder: seals with the current data key and checks,
    on every read of a live file, its name and version against the ledger.

    ``keys`` maps key ids to data keys (two while a rotation is under way); ``root`` is the
    data folder (None: no ledger, e.g. for reading a backup on its own); ``allow_plain``
    tolerates plain files mid-conversion and ``allow_v1`` format 1 files before an upgrade;
    ``catalog_floor`` is the catalog version the key file vouches for.
    """

    encrypted = True

    def __init__(
        self,
        keys: dict[bytes, bytes],
        current: bytes,
        *,
        root: Path | None = None,
        allow_plain: bool = False,
        allow_v1: bool = False,
        catalog_floor: int = 0,
    ) -> None:
        self._ciphers = {key_id: Cipher(key, key_id) for key_id, key in keys.items()}
        self._current = self._ciphers[current]
        self.key_id = current
        self.root = root
        self.allow_plain = allow_plain
        self.allow_v1 = allow_v1
        self.catalog_floor = catalog_floor
        self._known: dict[str, int] = {}  # the ledger: newest version seen per file
        self._issued: dict[str, int] = {}  # newest version sealed per file (may not have landed)
        self._unrecorded: set[str] = set()  # files whose newest version the catalog may lack
        self._ledger_loaded = root is None
        self._ledger_lost = False  # the catalog could not be read for its ledger
        self._catalog_sealed = 0

    @property
    def key_ids(self) -> frozenset[bytes]:
        """The ids of the data keys this cipher opens (two while rotating)."""
        return frozenset(self._ciphers)

    # -- where a file lives ------------------------------------------------------------

    def _live(self, path: Path) -> bool:
        root = self.root
        if root is None:
            return False
        return path.parent == root or (path.parent.parent == root and path.parent.name in FOLDERS)

    def _name(self, path: Path) -> str:
        name = file_name(path)
        if name is None:
            raise ValueError(f"{path} is not a data file psw-tui encrypts")
        return name

    # -- sealing -----------------------------------------------------------------------

    def seal(self, data: bytes, path: Path) -> bytes:
        """``data`` sealed as the next version of the file at ``path`` (the catalog also
        gets the ledger)."""
        name = self._name(path)
        live = self._live(path)
        if live:
            self._load_ledger()
        version = max(self._issued.get(name, 0), self._known.get(name, 0))
        if name == CATALOG:
            version = max(version, self.catalog_floor)  # a rebuilt catalog follows the one it replaces
        if name not in self._issued:
            version = max(version, peek_version(path))
        version += 1
        self._issued[name] = version
        if name == CATALOG and live:
            self._catalog_sealed = version
            return self._current.seal(self._ledger_line() + b"\n" + data, name, version, LEDGER_FLAG)
        if live:
            self._unrecorded.add(name)
        return self._current.seal(data, name, version)

    def seal_member(
        self, data: bytes, name: str, version: int = 0, ledger: dict[str, int] | None = None
    ) -> bytes:
        """``data`` sealed as file ``name`` at ``version``, outside the live folder (a backup
        member, or a file staged for a restore); a catalog gets ``ledger``."""
        if ledger is None:
            return self._current.seal(data, name, version)
        line = json.dumps(ledger, sort_keys=True, separators=(",", ":")).encode()
        return self._current.seal(line + b"\n" + data, name, version, LEDGER_FLAG)

    def reseal(self, raw: bytes, where: Path, name: str) -> bytes:
        """A sealed file or backup member under the current key, with the same name,
        version and contents (format 1 becomes format 2, version 0)."""
        header, plain = self._open(raw, where)
        if header.format == 2 and header.name != name:
            raise StoreCorrupt(where, f"{ALTERED} (it holds the data of {header.name})")
        return self._current.seal(plain, name, header.version, header.flags)

    def _ledger_line(self) -> bytes:
        assert self.root is not None
        if self._ledger_lost:  # a catalog written in place of an unreadable one: start from the files
            self._ledger_lost = False
            for folder in FOLDERS:
                for path in sorted((self.root / folder).glob("*.json")):
                    self._unrecorded.add(f"{folder}/{path.name}")
        waiting = set()
        for name in self._unrecorded:
            landed = peek_version(self.root / name)
            if landed > self._known.get(name, 0):
                self._known[name] = landed
            if landed < self._issued.get(name, 0):
                waiting.add(name)  # its write has not landed (yet): look again next time
        self._unrecorded = waiting
        return json.dumps(self._known, sort_keys=True, separators=(",", ":")).encode()

    # -- opening -----------------------------------------------------------------------

    def _open(self, raw: bytes, path: Path) -> tuple[Header, bytes]:
        header = read_header(raw)
        if header is None:
            raise StoreCorrupt(path, "it is cut short or its encryption header is damaged")
        cipher = self._ciphers.get(header.key_id)
        if cipher is None:
            raise StoreCorrupt(path, OTHER_KEY)
        return cipher.open(raw, path)

    def unseal(self, raw: bytes, path: Path) -> bytes:
        """The plaintext of the file read from ``path``, after checking it is the newest
        version of that very file (see the module docstring)."""
        if not is_sealed(raw):
            if self.allow_plain:
                return raw
            raise StoreCorrupt(path, "it is not encrypted, although this data folder is")
        header, plain = self._open(raw, path)
        name = file_name(path)
        live = self._live(path)
        if header.format == 1:
            if live and not self.allow_v1:
                reason = f"{ALTERED} (it is in the format used before this folder was upgraded)"
                raise StoreCorrupt(path, reason)
            return plain
        if name is not None and header.name != name:
            raise StoreCorrupt(path, f"{ALTERED} (it holds the data of {header.name})")
        ledger = None
        if header.flags & LEDGER_FLAG:
            line, _, plain = plain.partition(b"\n")
            ledger = line
        if live and name is not None:
            self._check_version(name, header.version, ledger, path)
        return plain

    def _check_version(self, name: str, version: int, ledger: bytes | None, path: Path) -> None:
        if name == CATALOG:
            floor = self.catalog_floor
        else:
            self._load_ledger()
            floor = self._known.get(name, 0)
        if version < floor:
            raise StoreCorrupt(
                path, f"{ALTERED} (it is version {version} of this file, but version {floor} was saved later)"
            )
        if name == CATALOG:
            self._ledger_loaded = True
            self._known[CATALOG] = max(self._known.get(CATALOG, 0), version)
            if ledger is not None:
                self._merge(ledger, path)
        elif version > floor:
            self._known[name] = version
            self._unrecorded.add(name)

    def _merge(self, line: bytes, path: Path) -> None:
        try:
            found = json.loads(line)
            if not isinstance(found, dict):
                raise ValueError
            for name, version in found.items():
                if not isinstance(name, str) or type(version) is not int:
                    raise ValueError
                if version > self._known.get(name, 0):
                    self._known[name] = version
        except ValueError:
            raise StoreCorrupt(path, "its version ledger is damaged") from None

    def _load_ledger(self) -> None:
        """Read the catalog's ledger before checking any other live file against it."""
        if self._ledger_loaded or self.root is None:
            return
        self._ledger_loaded = True
        catalog = self.root / CATALOG
        try:
            self.unseal(catalog.read_bytes(), catalog)
        except FileNotFoundError:
            pass  # a new folder
        except (OSError, StoreCorrupt):
            self._ledger_lost = True  # reported when the catalog is read as such

    # -- keeping the ledger and the key file current ----------------------------------

    def catalog_behind(self) -> bool:
        """Whether the catalog on disk lacks versions this process wrote or saw."""
        if self.root is None:
            return False
        return bool(self._unrecorded) or peek_version(self.root / CATALOG) < self._catalog_sealed

    def settle(self) -> None:
        """Forget writes that never landed (the folder is being closed)."""
        self._unrecorded.clear()

    def catalog_on_disk(self) -> int:
        """The version of the catalog on disk now (0 if none)."""
        return peek_version(self.root / CATALOG) if self.root is not None else 0

    def known_versions(self) -> dict[str, int]:
        """A copy of the ledger as this process knows it."""
        self._load_ledger()
        return dict(self._known)
