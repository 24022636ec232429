"""The "Prune old sessions" screen, driven with Pilot."""

from __future__ import annotations

from textual.widgets import Button, Checkbox, Input, Static

from psw_tui.app import create_app
from psw_tui.models import Settings
from psw_tui.palette.privacy import open_retention
from psw_tui.screens.retention import RetentionScreen
from psw_tui.services.retention import plan_prune
from psw_tui.storage import RecordStore
from psw_tui.storage.backups import list_backups
from tests.conftest import FIXED_TODAY, fixed_time


async def test_prune_screen_previews_and_needs_the_word(demo_store: RecordStore) -> None:
    demo_store.backup()
    going = plan_prune(demo_store, FIXED_TODAY).sessions
    total = len(going)
    everything = len(demo_store.sessions.headers())
    assert total > everything / 3
    app = create_app(Settings(retention_years=7), demo_store, time=fixed_time())
    async with app.run_test(size=(120, 45)) as pilot:
        open_retention(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RetentionScreen)
        assert screen.query_one("#before", Input).value == "2019-11-20"  # from the setting
        screen.query_one("#before", Input).value = FIXED_TODAY.isoformat()
        screen.preview()
        await pilot.pause()
        summary = str(screen.query_one("#prune-summary", Static).render())
        assert f"{total} session(s)" in summary and "backup" in summary
        assert screen.query_one("#field-confirm").display
        assert screen.query_one("#purge", Checkbox).display
        await pilot.click("#prune")
        await pilot.pause()
        assert isinstance(app.screen, RetentionScreen)  # not confirmed: nothing removed
        assert len(demo_store.sessions.headers()) == everything
        screen.query_one("#confirm", Input).value = f"delete {total}"
        screen.query_one("#purge", Checkbox).value = True
        screen.query_one("#prune", Button).press()
        await pilot.pause()
        assert not isinstance(app.screen, RetentionScreen)
    assert all(h.date >= FIXED_TODAY for h in demo_store.sessions.headers())
    assert not any(demo_store.paths.session_file(h.id).exists() for h in going)
    assert len(list_backups(demo_store.paths)) == 1


async def test_prune_screen_checks_the_date(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 45)) as pilot:
        open_retention(app)
        await pilot.pause()
        screen = app.screen
        screen.query_one("#before", Input).value = "last year"
        screen.preview()
        await pilot.pause()
        assert "YYYY-MM-DD" in screen.query_one("#field-before").error
        assert screen.query_one("#prune", Button).disabled
