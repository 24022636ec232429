"""SVG snapshots of the look-back screens on the demo data with a fixed clock."""

from __future__ import annotations

from psw_tui.app import create_app
from psw_tui.screens.journal import JournalScreen
from psw_tui.screens.reports import ReportScreen
from psw_tui.screens.search import SearchScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


def _showing(screen_factory):
    async def run_before(pilot) -> None:
        pilot.app.push_screen(screen_factory())
        for _ in range(2):  # the search index, then the query it starts
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


def test_search_results(snap_compare, demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    assert snap_compare(app, terminal_size=(120, 36), run_before=_showing(lambda: SearchScreen("hope")))


def test_journal(snap_compare, demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    assert snap_compare(app, terminal_size=(100, 30), run_before=_showing(JournalScreen))


def test_supervision_compliance_report(snap_compare, demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    assert snap_compare(app, terminal_size=(100, 30), run_before=_showing(lambda: ReportScreen("compliance")))
