"""On an encrypted folder the privacy screen and the idle lock open with the passphrase."""

from __future__ import annotations

from pathlib import Path

from psw_tui.app import create_app
from psw_tui.models import Settings
from psw_tui.screens.privacy import PrivacyScreen
from psw_tui.services.setup import ensure_builtin_templates
from psw_tui.storage import RecordStore
from psw_tui.storage.crypto import KdfParams
from tests.app.live_helpers import visible_text
from tests.conftest import fixed_time

PASSPHRASE = "correct horse battery staple"


def fast_kdf() -> KdfParams:
    return KdfParams.fresh(n=2**14)  # the cheapest psw-tui accepts


def _encrypted_store(data_dir: Path) -> RecordStore:
    with RecordStore.open(data_dir) as store:
        ensure_builtin_templates(store)
        store.enable_encryption(PASSPHRASE, fast_kdf())
    return RecordStore.open(data_dir, passphrase=PASSPHRASE)


async def _wait_for(pilot, condition) -> None:  # noqa: ANN001
    for _ in range(400):
        await pilot.pause()
        if condition():
            return
    raise AssertionError("the condition never held")


async def test_privacy_key_alone_does_not_lift_an_encrypted_lock(data_dir: Path) -> None:
    store = _encrypted_store(data_dir)
    app = create_app(Settings(idle_lock_minutes=0), store, time=fixed_time())
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f12")
            await pilot.pause()
            assert isinstance(app.screen, PrivacyScreen)
            await pilot.press("f12")  # asks, does not lift
            await pilot.pause()
            assert isinstance(app.screen, PrivacyScreen)
            assert "passphrase" in visible_text(app).lower()
            await pilot.press(*"not the passphrase", "enter")
            await _wait_for(pilot, lambda: "does not open" in visible_text(app))
            assert isinstance(app.screen, PrivacyScreen)
            await pilot.press("escape", "ctrl+l")  # hide the line, ask again
            await pilot.press(*PASSPHRASE, "enter")
            await _wait_for(pilot, lambda: not isinstance(app.screen, PrivacyScreen))
            assert PASSPHRASE not in visible_text(app)
    finally:
        store.close()


async def test_the_setting_off_keeps_the_one_key(data_dir: Path) -> None:
    store = _encrypted_store(data_dir)
    app = create_app(Settings(idle_lock_minutes=0, lock_needs_passphrase=False), store, time=fixed_time())
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f12")
            await pilot.pause()
            await pilot.press("f12")
            await pilot.pause()
            assert not isinstance(app.screen, PrivacyScreen)
    finally:
        store.close()


async def test_an_unencrypted_folder_keeps_the_one_key(store: RecordStore) -> None:
    app = create_app(Settings(idle_lock_minutes=0), store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert not isinstance(app.screen, PrivacyScreen)
