"""Command palette entries for series and calendars."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from psw_tui.commands import palette_command
from psw_tui.models import SessionStatus
from psw_tui.screens.pick import PickScreen, selected_group_id


@palette_command("Plan series", "Plan sessions that repeat: weekly, every N weeks or the Nth weekday")
def plan_series(app: Any) -> None:
    from psw_tui.screens.series_form import SeriesFormScreen

    app.push_screen(SeriesFormScreen(selected_group_id(app)))


@palette_command("Series", "Every repeating plan and its sessions: plan ahead, change, cancel")
def series_list(app: Any) -> None:
    from psw_tui.screens.series_list import SeriesListScreen

    app.push_screen(SeriesListScreen())


@palette_command("Change series from a date", "Change a series' time, template or rule for this and later ones")
def change_series(app: Any) -> None:
    from psw_tui.screens.series_form import SeriesFormScreen
    from psw_tui.services.series import describe, series_of_group, series_sessions

    store, today = app.store, app.time.today()

    def pick_date(key: str | None) -> None:
        if not key:
            return
        series_id = UUID(key)
        headers = [h for h in series_sessions(store, series_id)
                   if h.status is SessionStatus.PLANNED and h.date >= today and h.series_date]
        options = [(h.series_date.isoformat(), f"{h.series_date:%a} {h.series_date.day} {h.series_date:%b %Y}")
                   for h in headers if h.series_date]
        app.push_screen(
            PickScreen("From which session on?", options, "No planned session of it is still to come."),
            lambda day: app.push_screen(SeriesFormScreen(series_id=series_id, from_day=date.fromisoformat(day))) if day else None,
        )

    group = selected_group_id(app)
    options = [(str(s.id), f"{s.title}: {describe(s)}") for s in series_of_group(store, group)]
    app.push_screen(PickScreen("Change which series?", options, "No series yet: use Plan series first."),
                    pick_date)


@palette_command("Export calendar", "Planned sessions and series as a calendar file (.ics)")
def export_calendar(app: Any) -> None:
    from psw_tui.screens.calendar_export import CalendarExportScreen

    app.push_screen(CalendarExportScreen())

