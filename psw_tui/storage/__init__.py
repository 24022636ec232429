"""The only code that touches TinyDB and the disk for data."""

from psw_tui.storage.errors import (
    ChangePending,
    ImportRejected,
    ReadFailed,
    ReadOnlyStore,
    RecordNotFound,
    SavedWithDiskError,
    SaveFailed,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreMissing,
    StoreTooNew,
)
from psw_tui.storage.paths import DataPaths, default_data_dir
from psw_tui.storage.store import RecordStore, restore_backup

__all__ = [
    "ChangePending",
    "DataPaths",
    "ImportRejected",
    "ReadFailed",
    "ReadOnlyStore",
    "RecordNotFound",
    "RecordStore",
    "SavedWithDiskError",
    "SaveFailed",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreMissing",
    "StoreTooNew",
    "default_data_dir",
    "restore_backup",
]
