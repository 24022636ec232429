"""Reports with Pilot: supervision compliance on demo data, every report opens, charts and their
tables one key away, CSV export, and every report found in the palette by typing "report"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Static

from psw_tui.app import create_app
from psw_tui.screens.lookback_dialogs import SaveDialog
from psw_tui.screens.pick import PickScreen
from psw_tui.screens.reports import CHARTED, REPORTS, ReportScreen
from psw_tui.storage import RecordStore
from psw_tui.widgets.chart import ChartPlot
from tests.conftest import fixed_time
from tests.report_helpers import build_report_store


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
        data = target.read_bytes()
        assert data.startswith("\ufeff".encode())  # spreadsheets read names such as "Zoë" as UTF-8
        lines = data.decode("utf-8-sig").splitlines()
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
        summary = str(screen.query_one("#report-summary", Static).render())
        if kind == "not_seen":  # the first group (Crisis peer support) has nobody away for 3 sessions
            assert "0 members not seen for 3 or more sessions" in summary
        elif kind == "arrive_leave":  # the demo sessions were held before the scale existed
            assert "no ended session has used the arrive / leave scale" in summary
        else:
            assert rows(screen), f"{kind} shows no rows on demo data"
        assert not screen.query_one("#report-error").has_class("-shown")


async def test_attendance_chart_and_its_table_one_key_apart(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReportScreen("attendance"))
        await settle(app, pilot)
        screen = app.screen
        plot = screen.query_one("#report-chart", ChartPlot)
        values = screen.query_one("#report-chart-values", DataTable)
        table_rows = rows(screen)
        assert plot.display and not values.display
        assert plot.chart is not None and list(plot.chart.labels) == sorted(r[0] for r in table_rows)
        assert [r[0] for r in table_rows] == sorted((r[0] for r in table_rows), reverse=True)  # newest first
        drawn = plot.render().plain  # axes from zero, ticks, values written over the bars
        assert "0├" in drawn and "┤" in drawn and table_rows[0][2] in drawn
        await pilot.press("t")
        await pilot.pause()
        assert values.display and not plot.display
        got = [[str(c) for c in values.get_row_at(i)] for i in range(values.row_count)]
        assert got == [[r[0], r[2]] for r in reversed(table_rows)]  # date and head count, oldest first
        assert "as a table · t: chart" in str(screen.query_one("#report-chart-label", Static).render())
        await pilot.press("t")
        await pilot.pause()
        assert plot.display and not values.display


async def test_reports_without_a_chart_offer_no_chart_key(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReportScreen("actions"))
        await settle(app, pilot)
        assert not app.screen.query("#report-chart")
        assert app.screen.check_action("toggle_view", ()) is False
        assert {"attendance", "arrive_leave", "five_ways", "themes"} <= CHARTED


async def test_every_report_is_found_by_typing_report(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"report")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        found: set[str] = set()
        for _ in range(100):  # the palette searches in the background: wait for every hit
            await pilot.pause(0.05)
            options = palette.query_one("CommandList", OptionList)
            found = {str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)}
            if {spec.name for spec in REPORTS.values()} <= found:
                break
        missing = {spec.name for spec in REPORTS.values()} - found
        assert not missing, f"not found by typing 'report': {missing}"
        assert "Reports" in found


@pytest.mark.parametrize(("typed", "kind"), [("Arrive and leave", "arrive_leave"),
                                              ("Five Ways balance", "five_ways")])
async def test_palette_names_open_the_new_reports(demo_store: RecordStore, typed: str, kind: str) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*typed)
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.query_one("CommandList", OptionList).option_count:
                break
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen) and app.screen.kind == kind


async def test_reports_command_lists_every_report(demo_store: RecordStore) -> None:
    from psw_tui.palette.reports import open_reports

    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        open_reports(app)
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        listed = app.screen.query_one("#pick-list", OptionList)
        assert [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)] == [
            spec.name for spec in REPORTS.values()]
        listed.focus()
        await pilot.press("down", "enter")  # the second: Arrive and leave
        await settle(app, pilot)
        assert isinstance(app.screen, ReportScreen) and app.screen.kind == "arrive_leave"


async def test_five_ways_report_exports_csv(store: RecordStore, tmp_path: Path) -> None:
    build_report_store(store)
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ReportScreen("five_ways"))
        await settle(app, pilot)
        assert rows(app.screen)[1][:5] == ["Walk group", "4", "1", "177.0", "120.0"]
        app.screen.query_one("#report-table").focus()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, SaveDialog)
        target = tmp_path / "five-ways.csv"
        app.screen.query_one("#save-path", Input).value = str(target)
        app.screen.query_one("#save-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        lines = target.read_bytes().decode("utf-8-sig").splitlines()
        assert lines[0] == "Group,Ended,Planned,Connect,Be active,Take notice,Keep learning,Give,Not tagged"
        assert lines[1] == "Peer group,1,0,65.0,0.0,0.0,30.0,20.0,0.0"


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


def test_five_people_every_week_draw_as_bars_up_to_five_from_zero() -> None:
    from datetime import date, timedelta

    from textual_plotext.plot import Plot

    from psw_tui.services.charts import over_time
    from psw_tui.widgets.chart import draw

    days = [date(2026, 1, 6) + timedelta(weeks=i) for i in range(4)]
    plot = Plot()
    draw(plot, over_time(days, [5, 5, 5, 5], what="Head count", unit="people"), 78, 14)
    lines = Text.from_ansi(plot.build()).plain.splitlines()
    row_of = {m.group(1): line for line in lines if (m := re.match(r"\s*(\d+)[┤├]", line))}
    assert set(row_of) >= {"0", "5", "6"}  # the axis starts at zero and tops the values
    assert row_of["5"].count("█") > 0 and row_of["6"].count("█") == 0  # bars stand five high
    assert row_of["0"].lstrip().startswith("0├─")  # the zero line
    labels = next(line for line in lines if "5" in line and "┤" not in line and "█" not in line)
    assert labels.split().count("5") == 4  # every bar's value is written over it
    assert "2026-01-06" in lines[-1] and "2026-01-27" in lines[-1]
