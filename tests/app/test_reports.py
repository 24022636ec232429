"""Reports with Pilot: supervision compliance on demo data, every report opens, CSV export."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Sparkline, Static

from psw_tui.app import create_app
from psw_tui.screens.lookback_dialogs import SaveDialog
from psw_tui.screens.reports import REPORTS, ReportScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def rows(screen) -> list[list[str]]:
    table = screen.query_one("#report-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_supervision_compliance_report(demo_store: RecordStore, tmp_path: Path) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Supervision compliance")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen) and screen.kind == "compliance"
        summary = str(screen.query_one("#report-summary", Static).render())
        assert summary == "2 of 6 supervisees overdue (no supervision attended in the last 6 weeks)"
        got = rows(screen)
        assert got[0] == ["Briar", "PSW group supervision", "2026-09-07", "74", "OVERDUE"]
        assert got[1] == ["Lark", "PSW group supervision", "2026-10-05", "46", "OVERDUE"]
        assert [r[4] for r in got[2:]] == ["ok"] * 4
        weeks = screen.query_one("#report-weeks", Input)
        weeks.value = "10"
        await settle(app, pilot)
        assert str(screen.query_one("#report-summary", Static).render()).startswith("1 of 6 supervisees overdue")
        weeks.value = "0"
        await settle(app, pilot)
        assert "Weeks: give a whole number from 1 to 520." in str(screen.query_one("#report-error", Static).render())
        weeks.value = "6"
        await settle(app, pilot)
        screen.query_one("#report-table").focus()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        target = tmp_path / "compliance.csv"
        app.screen.query_one("#save-path", Input).value = str(target)
        app.screen.query_one("#save-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        lines = target.read_text().splitlines()
        assert lines[0] == "Supervisee,Group,Last supervision,Days since,Status"
        assert lines[1] == "Briar,PSW group supervision,2026-09-07,74,OVERDUE"
        assert len(lines) == 7


@pytest.mark.parametrize("kind", list(REPORTS))
async def test_every_report_opens_on_demo_data(demo_store: RecordStore, kind: str) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ReportScreen(kind))
        await settle(app, pilot)
        screen = app.screen
        assert str(screen.query_one("#report-summary", Static).render()) not in ("", "Working…")
        if kind == "not_seen":  # the first group (Crisis peer support) has nobody away for 3 sessions
            assert "0 members not seen for 3 or more sessions" in str(screen.query_one("#report-summary", Static).render())
        else:
            assert rows(screen), f"{kind} shows no rows on demo data"
        assert not screen.query_one("#report-error").has_class("-shown")


async def test_attendance_report_charts_head_counts(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ReportScreen("attendance"))
        await settle(app, pilot)
        spark = app.screen.query_one("#report-spark", Sparkline)
        table_rows = rows(app.screen)
        assert spark.display and len(list(spark.data or [])) == len(table_rows)
        dates = [r[0] for r in table_rows]
        assert dates == sorted(dates, reverse=True)  # newest first


async def test_members_not_seen_for_a_chosen_group_and_count(demo_store: RecordStore) -> None:
    from textual.widgets import Select

    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ReportScreen("not_seen"))
        await settle(app, pilot)
        screen = app.screen
        tuesday = next(g.id for g in demo_store.groups.all() if g.name == "Tuesday Hearing Voices Group")
        screen.query_one("#report-group", Select).value = tuesday
        screen.query_one("#report-sessions", Input).value = "2"
        await settle(app, pilot)
        assert rows(screen) == [["Tansy", "9", "2026-09-15"], ["Sparrow", "3", "2026-10-27"], ["Pip", "2", "2026-11-03"]]
