"""Reports: one command per report (every name contains "report") and "Reports" listing them."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from psw_tui.palette.command import AreaCommands, PaletteCommand
from psw_tui.screens.report_kinds import REPORTS

if TYPE_CHECKING:
    from textual.app import App


def open_report(kind: str, app: App[Any]) -> None:
    """Open the report ``kind`` (a key of :data:`REPORTS`)."""
    from psw_tui.screens.reports import ReportScreen

    app.push_screen(ReportScreen(kind))


def open_reports(app: App[Any]) -> None:
    """List every report and open the one chosen."""
    from psw_tui.screens.pick import PickScreen

    def chosen(kind: str | None) -> None:
        if kind in REPORTS:
            open_report(kind, app)

    app.push_screen(PickScreen("Reports", [(kind, spec.name) for kind, spec in REPORTS.items()]), chosen)


class ReportCommands(AreaCommands):
    """Every report by name, and the list of them all."""

    DECLARED = (
        PaletteCommand("Reports", "Every report: choose one to open", open_reports),
        *(PaletteCommand(spec.name, spec.help, partial(open_report, kind)) for kind, spec in REPORTS.items()),
    )
