"""SVG snapshots of the summary preview: the internal record and the shareable summary."""

from __future__ import annotations

import pytest

from psw_tui.app import create_app
from psw_tui.screens.close import CloseSessionScreen
from psw_tui.screens.summary import SummaryScreen
from psw_tui.services.live import LiveSession
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time
from tests.export_helpers import GOLDEN_SESSION


@pytest.mark.parametrize("shareable", [False, True], ids=["internal", "shareable"])
def test_summary_preview(snap_compare, demo_store: RecordStore, shareable: bool) -> None:
    app = create_app(None, demo_store, time=fixed_time())

    async def run_before(pilot) -> None:  # noqa: ANN001 - a Pilot
        app.push_screen(SummaryScreen(GOLDEN_SESSION))
        await pilot.pause()
        if shareable:
            await pilot.press("s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)


def test_close_flow_register_check(snap_compare, demo_store: RecordStore) -> None:
    live = LiveSession(demo_store, GOLDEN_SESSION, fixed_time())
    for row in live.register_rows():
        if row.name in ("Moss", "Pip", "Ember"):
            live.set_attendance(row.entry.id, None)
    app = create_app(None, demo_store, time=fixed_time())

    async def run_before(pilot) -> None:  # noqa: ANN001 - a Pilot
        app.push_screen(CloseSessionScreen(GOLDEN_SESSION))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
