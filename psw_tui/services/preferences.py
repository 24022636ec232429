"""The settings form: what a person types, checked field by field, and saving it.

Thresholds are shown as percentages of a segment's time (20 means "change colour when 20%
is left"); the settings file keeps them as fractions. The keymap is typed one binding per
line as ``binding.id = keys`` (the help screen lists the ids).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from psw_tui.models import Settings
from psw_tui.models.settings import THEMES
from psw_tui.services.forms import FormError
from psw_tui.storage.settings_file import LoadedSettings, load_settings, save_settings, settings_path

THEME_LABELS = {
    "textual-dark": "Dark",
    "textual-light": "Light",
    "psw-high-contrast": "High contrast",
}


@dataclass
class SettingsInput:
    """The settings form as typed."""

    idle_lock_minutes: str
    bell: bool
    show_overrun: bool
    warn_percent: str
    urgent_percent: str
    theme: str
    retention_years: str
    export_folder: str
    keymap: str


def _percent(fraction: float) -> str:
    return f"{fraction * 100:g}"


def form_of(settings: Settings) -> SettingsInput:
    """The form filled in from ``settings``."""
    return SettingsInput(
        idle_lock_minutes=str(settings.idle_lock_minutes),
        bell=settings.bell,
        show_overrun=settings.show_overrun,
        warn_percent=_percent(settings.warn_at_fraction),
        urgent_percent=_percent(settings.urgent_at_fraction),
        theme=settings.theme,
        retention_years=str(settings.retention_years),
        export_folder=settings.export_folder or "",
        keymap="\n".join(f"{key} = {value}" for key, value in sorted(settings.keymap.items())),
    )


def _whole(errors: dict[str, str], field: str, text: str, low: int, high: int, what: str) -> int:
    text = text.strip()
    if not re.fullmatch(r"\d{1,4}", text) or not low <= int(text) <= high:
        errors[field] = f"Enter a whole number of {what}, {low} to {high}."
        return low
    return int(text)


def _share(errors: dict[str, str], field: str, text: str) -> float:
    try:
        value = float(text.strip().rstrip("%"))
    except ValueError:
        value = -1.0
    if not 0 < value < 100:
        errors[field] = "Enter a percentage between 0 and 100, e.g. 20."
        return 0.5
    return value / 100


def parse_keymap(text: str, known_ids: Collection[str]) -> tuple[dict[str, str], str | None]:
    """``binding.id = keys`` lines as a keymap, or the first problem (naming its line)."""
    keymap: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        binding_id, sep, keys = (part.strip() for part in line.partition("="))
        if not sep or not binding_id or not keys:
            return {}, f"Line {number}: write it as binding.id = key, e.g. app.help = f2."
        if known_ids and binding_id not in known_ids:
            return {}, f"Line {number}: no binding has the id {binding_id!r} (see the help screen)."
        keymap[binding_id] = keys
    return keymap, None


KeymapCheck = Callable[[Mapping[str, str]], Mapping[str, str]]


def _keymap_line(text: str, binding_id: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.partition("=")[0].strip() == binding_id:
            return number
    return 0


def settings_from(
    form: SettingsInput, known_ids: Collection[str] = (), keymap_check: KeymapCheck | None = None
) -> Settings:
    """Check the form; raises :class:`FormError` (one message per field) if anything is wrong.

    ``keymap_check`` (from the UI, which knows the key names and every screen's keys) gives
    binding id -> why that entry cannot be used (a bad key name, a key already taken).
    """
    errors: dict[str, str] = {}
    idle = _whole(errors, "idle_lock_minutes", form.idle_lock_minutes, 0, 240, "minutes (0 = off)")
    warn = _share(errors, "warn_percent", form.warn_percent)
    urgent = _share(errors, "urgent_percent", form.urgent_percent)
    if "warn_percent" not in errors and "urgent_percent" not in errors and urgent >= warn:
        errors["urgent_percent"] = "Make it smaller than the warning share."
    years = _whole(errors, "retention_years", form.retention_years, 0, 100, "years (0 = keep all)")
    if form.theme not in THEMES:
        errors["theme"] = "Pick one of the themes."
    folder = form.export_folder.strip()
    if folder and not Path(folder).expanduser().is_dir():
        errors["export_folder"] = "No such folder (leave empty to be asked each time)."
    keymap, problem = parse_keymap(form.keymap, known_ids)
    if problem:
        errors["keymap"] = problem
    elif keymap_check is not None and (refused := keymap_check(keymap)):
        binding_id, reason = next(iter(refused.items()))
        errors["keymap"] = f"Line {_keymap_line(form.keymap, binding_id)}: {binding_id}: {reason}."
    if errors:
        raise FormError(errors)
    try:
        return Settings(
            idle_lock_minutes=idle,
            bell=form.bell,
            show_overrun=form.show_overrun,
            warn_at_fraction=warn,
            urgent_at_fraction=urgent,
            theme=form.theme,
            keymap=keymap,
            retention_years=years,
            export_folder=folder or None,
        )
    except ValidationError as error:  # a rule the checks above missed
        raise FormError({"keymap": str(error.errors()[0]["msg"])}) from None


def current() -> LoadedSettings:
    """The settings file as it is now (defaults and a problem if it is bad)."""
    return load_settings()


def save(settings: Settings) -> Path:
    """Write the settings file (atomically); returns where."""
    return save_settings(settings)


def where() -> Path:
    """The settings file's path."""
    return settings_path()
