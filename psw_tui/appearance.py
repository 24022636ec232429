"""Applying the user's settings to the running app: theme and keymap.

The high-contrast theme is pure black and white with saturated yellow, cyan and red for
focus, warnings and errors, for screens shared on a projector or read in bright light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.theme import Theme

from psw_tui.models import Settings

if TYPE_CHECKING:
    from textual.app import App

HIGH_CONTRAST = Theme(
    name="psw-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFA500",
    error="#FF4040",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "input-selection-background": "#00FFFF 60%",
    },
)


def register_themes(app: App[object]) -> None:
    """Make psw-tui's own themes selectable."""
    app.register_theme(HIGH_CONTRAST)


def apply_settings(app: App[object], settings: Settings, *, running: bool = True) -> None:
    """Use ``settings`` now: the theme and the keymap (binding id -> keys)."""
    app.settings = settings  # type: ignore[attr-defined]
    app.set_keymap(dict(settings.keymap))
    if running:
        app.theme = settings.theme
