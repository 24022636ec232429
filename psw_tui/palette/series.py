"""Series and calendars: sessions that repeat, and the calendar file."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from psw_tui.palette.command import AreaCommands, PaletteCommand, psw

if TYPE_CHECKING:
    from textual.app import App


def plan_series(app: App[Any]) -> None:
    """Plan a repeating series (for the selected group, if any)."""
    from psw_tui.screens.pick import selected_group_id
    from psw_tui.screens.series_form import SeriesFormScreen

    app.push_screen(SeriesFormScreen(selected_group_id(app)))


def series_list(app: App[Any]) -> None:
    """List every series."""
    from psw_tui.screens.series_list import SeriesListScreen

    app.push_screen(SeriesListScreen())


def change_series(app: App[Any]) -> None:
    """Ask which series and from which of its sessions on, then open its form."""
    from psw_tui.models import SessionStatus
    from psw_tui.screens.pick import PickScreen, selected_group_id
    from psw_tui.screens.series_form import SeriesFormScreen
    from psw_tui.services.series import describe, series_of_group, series_sessions

    store, today = psw(app).store, psw(app).time.today()

    def pick_date(key: str | None) -> None:
        if not key:
            return
        series_id = UUID(key)
        days = [h.series_date for h in series_sessions(store, series_id)
                if h.status is SessionStatus.PLANNED and h.date >= today and h.series_date]
        options = [(day.isoformat(), f"{day:%a} {day.day} {day:%b %Y}") for day in days if day]
        app.push_screen(
            PickScreen("From which session on?", options, "No planned session of it is still to come."),
            lambda day: app.push_screen(SeriesFormScreen(series_id=series_id, from_day=date.fromisoformat(day)))
            if day else None,
        )

    options = [(str(s.id), f"{s.title}: {describe(s)}") for s in series_of_group(store, selected_group_id(app))]
    app.push_screen(PickScreen("Change which series?", options, "No series yet: use Plan series first."),
                    pick_date)


def export_calendar(app: App[Any]) -> None:
    """Open the calendar export."""
    from psw_tui.screens.calendar_export import CalendarExportScreen

    app.push_screen(CalendarExportScreen())


class SeriesCommands(AreaCommands):
    """Repeating plans and the calendar file."""

    DECLARED = (
        PaletteCommand("Plan series", "Plan sessions that repeat: weekly, every N weeks or the Nth weekday",
                       plan_series),
        PaletteCommand("Series", "Every repeating plan and its sessions: plan ahead, change, cancel", series_list),
        PaletteCommand("Change series from a date", "Change a series' time, template or rule for this and later ones",
                       change_series),
        PaletteCommand("Export calendar", "Planned sessions and series as a calendar file (.ics)", export_calendar),
    )
