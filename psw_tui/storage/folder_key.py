"""The encryption hooks of an open data folder: its unlocked key and the changes to it.

The conversions themselves (encrypting every file, a new passphrase, decrypting) live in
``encryption``; this holds the key between them and says which codec the folder's files
are read and written with afterwards.
"""

from __future__ import annotations

from typing import Any

from psw_tui.storage import encryption
from psw_tui.storage.crypto import PLAIN, Codec, KdfParams
from psw_tui.storage.keyfile import UnlockedKey
from psw_tui.storage.paths import DataPaths


class FolderKey:
    """The unlocked data key of an open folder (``key`` is None for a plain folder)."""

    def __init__(self, key: UnlockedKey | None) -> None:
        self.key = key

    @property
    def codec(self) -> Codec:
        """The codec data files are sealed with under this key (plain without one)."""
        return self.key.cipher() if self.key is not None else PLAIN

    def _require(self, paths: DataPaths) -> UnlockedKey:
        if self.key is None:
            raise encryption.EncryptionRefused(f"{paths.root} is not encrypted")
        return self.key

    def enable(self, paths: DataPaths, passphrase: str, kdf: KdfParams | None) -> encryption.ConversionReport:
        """Encrypt every data file and backup under a new key wrapped by ``passphrase``."""
        self.key, report = encryption.enable(paths, passphrase, kdf)
        return report

    def disable(self, paths: DataPaths) -> encryption.ConversionReport:
        """Decrypt every data file and backup and remove the key file."""
        report = encryption.disable(paths, self._require(paths))
        self.key = None
        return report

    def change(
        self,
        paths: DataPaths,
        catalog_storage: Any,
        new_passphrase: str,
        kdf: KdfParams | None,
        *,
        rotate: bool,
    ) -> encryption.ConversionReport:
        """Put the folder under ``new_passphrase`` (and, with ``rotate``, a new data key)."""
        current = self._require(paths)
        key = encryption.catch_up(paths, catalog_storage, current) or current
        self.key = None  # if this fails part way, the next open finishes it: never rewrite the key file
        self.key, report = encryption.change_passphrase(paths, key, new_passphrase, kdf, rotate=rotate)
        return report

    def catch_up(self, paths: DataPaths, catalog_storage: Any) -> None:
        """Record file versions in the catalog and the key file (on close; see ``encryption``)."""
        self.key = encryption.catch_up(paths, catalog_storage, self.key)
