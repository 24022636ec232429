"""Whether the privacy screen may open with the privacy key alone, or needs the passphrase."""

from __future__ import annotations

from psw_tui.models import Settings
from psw_tui.storage import RecordStore
from psw_tui.storage.encryption import check_passphrase
from psw_tui.storage.errors import StoreError


def lock_needs_passphrase(store: RecordStore, settings: Settings) -> bool:
    """An encrypted folder's locks open with its passphrase (unless the setting is off)."""
    return store.encrypted and settings.lock_needs_passphrase


def passphrase_unlocks(store: RecordStore, passphrase: str) -> bool:
    """Whether ``passphrase`` opens this folder's key (slow on purpose: run it off the UI
    thread). A wrong passphrase, or a key file that cannot be read, is False."""
    if not passphrase:
        return False
    try:
        check_passphrase(store.paths, passphrase)
    except StoreError:
        return False
    return True
