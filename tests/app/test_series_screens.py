"""Plan series, Series and Export calendar at 80x24, driven from the keys and the palette."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from icalendar import Calendar
from textual.widgets import Button, DataTable, Input, Select, Static

from psw_tui.app import create_app
from psw_tui.models import GroupKind, MemberRole
from psw_tui.screens.calendar_export import CalendarExportScreen
from psw_tui.screens.series_form import SeriesFormScreen
from psw_tui.screens.series_list import SeriesListScreen
from psw_tui.services import series as svc
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.groups import GroupInput, add_member, create_group
from psw_tui.storage import RecordStore
from tests.app.test_planning_groups import errors_of, palette
from tests.conftest import FIXED_TODAY, fixed_time

SIZE = (80, 24)


def visible(screen, widget) -> bool:
    region = widget.region
    return bool(region) and region.right <= SIZE[0] and region.bottom <= SIZE[1] and (
        screen.get_widget_at(region.x + 1, region.y + 1)[0] is widget)


def circle(store: RecordStore):
    group = create_group(store, GroupInput(name="Circle", default_template_id=default_template_for(
        GroupKind.PEER_SUPPORT).id))
    add_member(store, group.id, "Robin", MemberRole.FACILITATOR)
    return group


async def test_plan_a_series_with_a_mistake_then_plan_ahead_adds_nothing(store: RecordStore) -> None:
    group = circle(store)
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Plan series")
        form = app.screen
        assert isinstance(form, SeriesFormScreen)
        form.query_one("#group_id", Select).value = group.id
        await pilot.pause()
        assert form.query_one("#start", Input).value == FIXED_TODAY.isoformat()
        assert form.query_one("#template_id", Select).value == group.default_template_id
        form.query_one("#start", Input).value = "2026-11-24"
        form.query_one("#count", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "time the sessions start" in errors_of(form)["start_time"]
        assert "number of sessions" in errors_of(form)["count"]
        assert store.series.all() == []
        form.query_one("#start_time", Input).value = "18:30"
        form.query_one("#count", Input).value = "6"
        form.query_one("#holidays", Input).value = "2026-12-29"
        await pilot.pause()
        preview = str(form.query_one("#series-preview", Static).render())
        assert "Every Tuesday at 18:30, 6 sessions from 24 Nov 2026, skipping Tue 29 Dec" in preview
        assert "Tue 24 Nov, Tue 1 Dec" in preview and "Tue 5 Jan 2027" in preview
        assert visible(form, form.query_one("#save", Button))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SeriesFormScreen)
        (series,) = store.series.all()
        assert len(svc.series_sessions(store, series.id)) == 6

        await palette(pilot, "Series")
        listing = app.screen
        assert isinstance(listing, SeriesListScreen)
        assert listing.query_one("#series-sessions", DataTable).row_count == 6
        await pilot.press("p")
        await pilot.pause()
        assert len(store.sessions.headers()) == 6  # planning again adds nothing


async def test_this_and_later_from_the_series_screen(store: RecordStore) -> None:
    group = circle(store)
    template = default_template_for(GroupKind.PEER_SUPPORT).id
    svc.create_series(store, svc.SeriesInput(group_id=group.id, start="2026-11-24", start_time="18:30",
                                             count="6", template_id=template), FIXED_TODAY)
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SeriesListScreen())
        await pilot.pause()
        sessions = app.screen.query_one("#series-sessions", DataTable)
        sessions.focus()
        sessions.move_cursor(row=2)  # Tue 8 Dec
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SeriesFormScreen)
        assert form.query_one("#start", Input).value == "2026-12-08"
        assert form.query_one("#count", Input).value == "4"
        assert form.query_one("#group_id", Select).disabled
        form.query_one("#start_time", Input).value = "10:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SeriesListScreen)
        times = [(h.date.isoformat(), h.start_time) for h in store.sessions.headers()]
        assert times[:2] == [("2026-11-24", time(18, 30)), ("2026-12-01", time(18, 30))]
        assert {t for _, t in times[2:]} == {time(10, 0)} and len(times) == 6
        assert len(store.series.all()) == 2


async def test_export_calendar_writes_then_asks_before_replacing(store: RecordStore, tmp_path: Path) -> None:
    group = circle(store)
    template = default_template_for(GroupKind.PEER_SUPPORT).id
    svc.create_series(store, svc.SeriesInput(group_id=group.id, start="2026-11-24", start_time="18:30",
                                             count="6", template_id=template), FIXED_TODAY)
    target = tmp_path / "sessions.ics"
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Export calendar")
        dialog = app.screen
        assert isinstance(dialog, CalendarExportScreen)
        dialog.query_one("#end", Input).value = "2026-11-01"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "before the first" in errors_of(dialog)["end"] and not target.exists()
        dialog.query_one("#end", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not dialog
        (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Circle" and "Robin" not in target.read_text()
        await palette(pilot, "Export calendar")
        again = app.screen
        again.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is again and "already exists" in errors_of(again)["path"]
        assert visible(again, again.query_one("#save", Button))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not again
