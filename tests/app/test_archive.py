"""Past sessions with Pilot: newest first per group, opened read-only, summary one key away."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, Static

from psw_tui.app import create_app
from psw_tui.screens.archive import ArchiveScreen
from psw_tui.screens.session_record import SessionRecordScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


async def test_past_sessions_newest_first_and_read_only_record(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Past sessions")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArchiveScreen)
        groups = screen.query_one("#archive-groups", OptionList)
        assert str(groups.get_option_at_index(0).prompt) == "Crisis peer support group"
        table = screen.query_one("#archive-sessions", DataTable)
        dates = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert dates[0] == "Thu 19 Nov 2026" and dates[-1] == "Thu 03 Sep 2026"
        assert all(str(table.get_row_at(i)[2]) == "ended" for i in range(table.row_count))  # planned ones are not past
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, SessionRecordScreen)
        assert str(record.query_one("#record-title", Static).render()) == "Crisis peer support group (read-only)"
        agenda = record.query_one("#record-agenda", DataTable)
        assert str(agenda.get_row_at(agenda.row_count - 1)[0]) == "Total"
        assert record.query_one("#record-register", DataTable).row_count == 8
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
