"""The session the user is on: start it, or print its run-sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from textual.widgets import DataTable

from psw_tui.models import SessionStatus
from psw_tui.palette.command import AreaCommands, PaletteCommand, psw, screen_below_palette
from psw_tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

PLANNABLE = frozenset({SessionStatus.PLANNED, SessionStatus.RUNNING})


def on_home(app: App[Any], screen: Screen[Any]) -> bool:
    """Whether the home screen is below the palette."""
    return isinstance(screen, HomeScreen)


def start_session(app: App[Any]) -> None:
    """Start or resume the session highlighted on home (or one now for its group)."""
    home = screen_below_palette(app)
    if isinstance(home, HomeScreen):
        home.action_start_session()


def highlighted_on_home(screen: HomeScreen) -> UUID | None:
    """The session row highlighted on the home screen, when its session list has the focus."""
    table = screen.focused
    if not isinstance(table, DataTable) or table.id != "sessions" or table.row_count == 0:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    try:
        return UUID(str(key))
    except ValueError:
        return None


def runsheet_session(app: App[Any], screen: Screen[Any] | None = None) -> UUID | None:
    """The planned or running session the user is on: highlighted on home, or open."""
    screen = screen if screen is not None else screen_below_palette(app)
    found = highlighted_on_home(screen) if isinstance(screen, HomeScreen) else getattr(screen, "session_id", None)
    if not isinstance(found, UUID):
        return None
    header = psw(app).store.sessions.header(found)
    return found if header is not None and header.status in PLANNABLE else None


def print_runsheet(app: App[Any]) -> None:
    """Open the run-sheet dialog for the session the user is on."""
    from psw_tui.screens.runsheet_dialog import RunsheetDialog

    session_id = runsheet_session(app)
    if session_id is None:
        return

    def written(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Run-sheet written to {path}", title="Print run-sheet")

    app.push_screen(RunsheetDialog(session_id), written)


class SessionCommands(AreaCommands):
    """Start the highlighted session; print the run-sheet of the one highlighted or open."""

    DECLARED = (
        PaletteCommand("Start session",
                       "Start or resume the highlighted session, or start one now for the highlighted group",
                       start_session, on_home),
        PaletteCommand("Print run-sheet",
                       "The highlighted or open session's plan: times, prompts, agreement, signposting "
                       "(md, txt, A4, pocket)",
                       print_runsheet, lambda app, screen: runsheet_session(app, screen) is not None),
    )
