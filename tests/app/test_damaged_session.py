"""One damaged session file: the app still opens, home says so, everything else works."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from psw_tui.app import create_app
from psw_tui.services.recovery import damaged_sessions
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


async def test_the_app_opens_with_one_damaged_session_file(demo_store: RecordStore, data_dir: Path) -> None:
    headers = demo_store.sessions.headers()
    victim = headers[len(headers) // 2]
    demo_store.close()
    path = data_dir / "sessions" / f"{victim.id}.json"
    path.write_bytes(path.read_bytes()[:25])  # cut short, as by a failing disk
    store = RecordStore.open(data_dir)
    try:
        assert "cannot be read" in (store.recovery_note or "")
        app = create_app(None, store, time=fixed_time())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#groups", DataTable).row_count >= 4
            alerts = app.screen.query_one("#home-alerts", Static)
            # The counts are drawn by a worker after the first frame: wait for it to finish.
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "1 session is damaged" in str(alerts.render())
            notices = [n.message for n in app._notifications]
            assert any("cannot be read" in message for message in notices)
        assert [d.session_id for d in damaged_sessions(store)] == [victim.id]
        others = [h for h in headers if h.id != victim.id]
        assert all(store.sessions.get(h.id).id == h.id for h in others)
    finally:
        store.close()
