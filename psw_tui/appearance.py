"""Applying the user's settings to the running app: theme and keymap, and saying what was
wrong with them once the first screen is up.

The high-contrast theme is pure black and white with saturated yellow, cyan and red for
focus, warnings and errors, for screens shared on a projector or read in bright light.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.theme import Theme

from psw_tui.keymap import KeymapProblem, binding_scopes, check_keymap, load_binding_modules
from psw_tui.models import Settings
from psw_tui.terminal_colours import SIXTEEN_COLOUR_THEMES, sixteen_colour_terminal
from psw_tui.widgets.app_parts import psw_app

if TYPE_CHECKING:
    from textual.app import App

    from psw_tui.storage.settings_file import LoadedSettings

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
    """Make psw-tui's own themes selectable; on a 16-colour terminal, the dark and the
    high-contrast themes are the ones made of the 16 colours (see :mod:`psw_tui.terminal_colours`)."""
    app.register_theme(HIGH_CONTRAST)
    if sixteen_colour_terminal(app.console):
        for theme in SIXTEEN_COLOUR_THEMES:
            app.register_theme(theme)
        app.stylesheet.set_variables(app.get_css_variables())  # read before this swap
        app.add_class("-sixteen-colours")  # for the few rules of styles/app.tcss that need it


def apply_settings(app: App[object], settings: Settings, *, running: bool = True) -> list[KeymapProblem]:
    """Use ``settings`` now: the theme and the keymap (binding id -> keys).

    Keymap entries with a bad key name, an unknown id or a key another binding uses are left
    out (those bindings keep their default keys) and returned. Before the app runs, ids of
    screens not loaded yet are left out silently: :func:`settle_settings` checks them later.
    """
    psw_app(app).settings = settings  # the one place the app's settings are set
    if not settings.keymap:
        app.set_keymap({})
        if running:
            app.theme = settings.theme
        return []
    if running:
        load_binding_modules()
    keymap, problems = check_keymap(settings.keymap, binding_scopes(type(app)), complete=running)
    app.set_keymap(keymap)
    if running:
        app.theme = settings.theme
    return problems


def settle_settings(app: App[object], settings_file: LoadedSettings | None) -> None:
    """After the first screen is up: say what was wrong in the settings file, then check the
    whole keymap (loading every screen's bindings in a thread) and use what is sound."""
    if settings_file is not None and settings_file.problem:
        app.notify(settings_file.problem, title="Settings file", severity="warning", timeout=30)
    settings = psw_app(app).settings
    if settings.keymap:
        app.run_worker(partial(_check_keymap_in_thread, app, settings, settings_file),
                       thread=True, group="keymap-check")


def _check_keymap_in_thread(app: App[object], settings: Settings, settings_file: LoadedSettings | None) -> None:
    load_binding_modules()
    keymap, problems = check_keymap(settings.keymap, binding_scopes(type(app)))
    app.call_from_thread(_use_keymap, app, settings, keymap, problems, settings_file)


def _use_keymap(
    app: App[object],
    settings: Settings,
    keymap: dict[str, str],
    problems: list[KeymapProblem],
    settings_file: LoadedSettings | None,
) -> None:
    if psw_app(app).settings is not settings:
        return  # the settings screen has applied newer settings meanwhile
    app.set_keymap(keymap)
    if not problems:
        return
    lines = []
    for problem in problems:
        line = settings_file.line_of_binding(problem.binding_id) if settings_file else None
        where = f"line {line}: " if line else ""
        lines.append(f'{where}"{problem.binding_id}" = "{problem.keys}": {problem.reason}')
    source = f" in {settings_file.path}" if settings_file is not None and settings_file.path else ""
    app.notify(
        "\n".join(lines) + "\nThese keys were not changed; the file was not changed.",
        title=f"Keymap{source}", severity="warning", timeout=30,
    )
