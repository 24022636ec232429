"""Errors the store raises (defined in :mod:`psw_tui.failures`, re-exported here)."""

from psw_tui.failures import (
    ChangePending,
    ImportRejected,
    NOT_LOOKED_UP,
    PassphraseNeeded,
    ReadFailed,
    ReadOnlyStore,
    RecordNotFound,
    SaveFailed,
    SavedWithDiskError,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreMissing,
    StoreTooNew,
    WrongPassphrase,
    next_step,
)

__all__ = [
    "ChangePending",
    "ImportRejected",
    "NOT_LOOKED_UP",
    "PassphraseNeeded",
    "ReadFailed",
    "ReadOnlyStore",
    "RecordNotFound",
    "SaveFailed",
    "SavedWithDiskError",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreMissing",
    "StoreTooNew",
    "WrongPassphrase",
    "next_step",
]
