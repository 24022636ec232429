"""Start-up's background work (the screen preload, home's counts) waits for the keys."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

import psw_tui.at_rest as at_rest_module
from psw_tui.app import create_app
from psw_tui.at_rest import at_rest, wait_until_at_rest
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


async def test_a_key_typed_at_start_keeps_background_work_waiting(
    demo_store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(at_rest_module, "QUIET_SECONDS", 60.0)  # the keys never go quiet
    monkeypatch.setattr(at_rest_module, "MAX_WAIT_SECONDS", 60.0)
    app = create_app(None, demo_store, time=fixed_time())
    ran: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")  # typed ahead, as the app opens
        worker = app.run_worker(lambda: wait_until_at_rest() and ran.append("step"), thread=True)
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert not at_rest(app)
        assert ran == [] and not worker.is_finished

        monkeypatch.setattr(at_rest_module, "QUIET_SECONDS", 0.0)
        await pilot.press("escape")
        await worker.wait()
        assert ran == ["step"]
        assert at_rest(app)


async def test_home_counts_arrive_once_the_keys_are_at_rest(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "up")
        alerts = app.screen.query_one("#home-alerts", Static)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Counting" not in str(alerts.render())
