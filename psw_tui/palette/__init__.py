"""The command palette's psw-tui commands, declared per area, with the plain names PRODUCT.md uses.

Each area is a Textual ``Provider`` (:class:`~psw_tui.palette.command.AreaCommands`) holding a
fixed tuple of :class:`~psw_tui.palette.command.PaletteCommand` entries, and ``PswApp.COMMANDS``
lists the areas, so the palette is complete from the first frame. A command's callback imports
the screen it opens inside itself: declaring or offering a command loads no screen module.

To add a command: one ``PaletteCommand(name, help, run, available)`` in its area's ``DECLARED``
tuple. A new area: a new ``AreaCommands`` subclass here, added to ``PswApp.COMMANDS``.
The palette sits between the app and the screens: screens never import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from psw_tui.palette.command import AreaCommands, PaletteCommand, screen_below_palette
from psw_tui.palette.live import LiveCommands
from psw_tui.palette.lookback import LookBackCommands
from psw_tui.palette.planning import PlanningCommands
from psw_tui.palette.privacy import PrivacyCommands
from psw_tui.palette.reports import ReportCommands
from psw_tui.palette.series import SeriesCommands
from psw_tui.palette.sessions import SessionCommands
from psw_tui.palette.worker import WorkerCommands

if TYPE_CHECKING:
    from textual.app import App

AREAS: tuple[type[AreaCommands], ...] = (
    LiveCommands, SessionCommands, PlanningCommands, SeriesCommands, LookBackCommands, ReportCommands,
    WorkerCommands, PrivacyCommands,
)
"""Every area this package declares (``PswApp.COMMANDS`` must list each one)."""


def app_commands(app: App[Any] | type[App[Any]]) -> tuple[PaletteCommand, ...]:
    """Every declared command of the areas ``app`` (or its class) offers, in its ``COMMANDS``."""
    areas = [p for p in app.COMMANDS if isinstance(p, type) and issubclass(p, AreaCommands)]
    return tuple(command for area in sorted(areas, key=lambda a: a.__name__) for command in area.DECLARED)


def command_named(app: App[Any] | type[App[Any]], name: str) -> PaletteCommand:
    """The command called ``name`` among those ``app`` offers (KeyError if there is none)."""
    for command in app_commands(app):
        if command.name == name:
            return command
    raise KeyError(name)


__all__ = [
    "AREAS", "AreaCommands", "LiveCommands", "LookBackCommands", "PaletteCommand", "PlanningCommands",
    "PrivacyCommands", "ReportCommands", "SeriesCommands", "SessionCommands", "WorkerCommands",
    "app_commands", "command_named", "screen_below_palette",
]
