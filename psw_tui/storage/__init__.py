"""The only code that touches TinyDB and the disk for data."""

from psw_tui.storage.errors import (
    ImportRejected,
    RecordNotFound,
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
    "DataPaths",
    "ImportRejected",
    "RecordNotFound",
    "RecordStore",
    "SaveFailed",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreMissing",
    "StoreTooNew",
    "default_data_dir",
    "restore_backup",
]
