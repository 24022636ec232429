"""Privacy and settings: blank the screen, the settings, pruning old sessions."""

from __future__ import annotations

from typing import Any

from textual.app import App

from psw_tui.palette.command import AreaCommands, PaletteCommand, psw


def privacy_screen(app: App[Any]) -> None:
    """Blank the screen to the neutral view."""
    psw(app).action_privacy()


def open_settings(app: App[Any]) -> None:
    """Open the settings form."""
    from psw_tui.screens.settings import SettingsScreen

    app.push_screen(SettingsScreen())


def open_retention(app: App[Any]) -> None:
    """Open the form that prunes old sessions."""
    from psw_tui.screens.retention import RetentionScreen

    app.push_screen(RetentionScreen())


class PrivacyCommands(AreaCommands):
    """Privacy screen, settings and retention."""

    DECLARED = (
        # Blanking shows nothing, so the projector view offers it too.
        PaletteCommand("Privacy screen", "Blank the screen to a neutral view (same key returns)", privacy_screen,
                       shows_no_names=True),
        PaletteCommand("Settings", "Idle lock, bell, overrun, warnings, theme, keys, retention, export folder",
                       open_settings),
        PaletteCommand("Prune old sessions", "Remove sessions older than a date, after showing what goes",
                       open_retention),
    )
