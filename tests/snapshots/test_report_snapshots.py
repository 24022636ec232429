"""SVG snapshots of the report charts (axes from zero, values written on them) and of their
tables one key away, at 80x24 and 120x40, on fixed data with a fixed clock, cursor blink off."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from psw_tui.app import create_app
from psw_tui.screens.reports import ReportScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time
from tests.report_helpers import build_report_store

SIZES = [(80, 24), (120, 40)]


def _showing(kind: str, *, table: bool = False, group: str | None = None):  # noqa: ANN202 - run_before
    async def run_before(pilot) -> None:  # noqa: ANN001 - Textual's Pilot
        app = pilot.app
        app.push_screen(ReportScreen(kind))
        await pilot.pause()
        await app.workers.wait_for_complete()
        for box in app.screen.query(Input).results(Input):
            box.cursor_blink = False
        if group is not None:
            wanted = next(g.id for g in app.store.groups.all() if g.name == group)
            app.screen.query_one("#report-group", Select).value = wanted
            await pilot.pause()
            await app.workers.wait_for_complete()
        if table:
            await pilot.press("t")
        await pilot.pause()
        # The chart is drawn at the size the layout gives it: wait until two frames agree, so
        # the snapshot never catches it mid-layout.
        previous = ""
        for _ in range(50):
            await pilot.pause()
            frame = app.export_screenshot()
            if frame == previous:
                break
            previous = frame

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_attendance_chart(snap_compare, demo_store: RecordStore, size: tuple[int, int]) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    assert snap_compare(app, terminal_size=size, run_before=_showing("attendance"))


def test_attendance_values_as_a_table(snap_compare, demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_showing("attendance", table=True))


@pytest.mark.parametrize("size", SIZES)
def test_arrive_and_leave_chart(snap_compare, store: RecordStore, size: tuple[int, int]) -> None:
    build_report_store(store)
    app = create_app(None, store, time=fixed_time())
    assert snap_compare(app, terminal_size=size, run_before=_showing("arrive_leave", group="Walk group"))


def test_arrive_and_leave_values_as_a_table(snap_compare, store: RecordStore) -> None:
    build_report_store(store)
    app = create_app(None, store, time=fixed_time())
    assert snap_compare(app, terminal_size=(80, 24),
                        run_before=_showing("arrive_leave", table=True, group="Walk group"))


@pytest.mark.parametrize("size", SIZES)
def test_five_ways_chart(snap_compare, store: RecordStore, size: tuple[int, int]) -> None:
    build_report_store(store)
    app = create_app(None, store, time=fixed_time())
    assert snap_compare(app, terminal_size=size, run_before=_showing("five_ways"))


@pytest.mark.parametrize("size", SIZES)
def test_frequent_themes_chart(snap_compare, demo_store: RecordStore, size: tuple[int, int]) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    assert snap_compare(app, terminal_size=size, run_before=_showing("themes"))
