"""The settings file: one TOML file in the platform's config folder.

Read with the standard library's ``tomllib``. Written by :func:`format_settings`, a small
formatter for this flat schema (scalars plus one ``[keymap]`` table), so no TOML-writing
dependency is needed; the round trip is tested. A file that does not parse or validate is
never overwritten: :func:`load_settings` returns the defaults and a message naming the line.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_path
from pydantic import ValidationError

from psw_tui.models import Settings
from psw_tui.storage.durable import atomic_write, ensure_private_dir
from psw_tui.storage.paths import APP_NAME

CONFIG_ENV = "PSW_TUI_CONFIG"
FILE_NAME = "settings.toml"


def settings_path() -> Path:
    """``PSW_TUI_CONFIG`` if set, else ``settings.toml`` in the platform's config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return user_config_path(APP_NAME, appauthor=False) / FILE_NAME


@dataclass(frozen=True)
class LoadedSettings:
    """The settings in force, and what was wrong with the file (None if nothing)."""

    settings: Settings
    problem: str | None = None
    path: Path | None = None


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``app.help = "f2"`` written without quotes is a dotted TOML key: make it one id again."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _problem(path: Path, where: str, what: str) -> str:
    return f"{path} {where}: {what}. Using the default settings; the file was not changed."


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file; a missing file gives the defaults silently."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedSettings(Settings(), None, path)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        return LoadedSettings(Settings(), _problem(path, "cannot be read", reason), path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        where = f"line {found.group(1)}" if found else "is not valid TOML"
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message) or "invalid TOML"
        return LoadedSettings(Settings(), _problem(path, where, reason), path)
    if isinstance(data.get("keymap"), dict):
        data["keymap"] = _flatten(data["keymap"])
    try:
        return LoadedSettings(Settings.model_validate(data), None, path)
    except ValidationError as error:
        first = error.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        if not key:  # a rule across fields: point at the first field it names
            key = next((name for name in Settings.model_fields if name in first["msg"]), "")
        line = _line_of(text, key) if key else None
        where = f"line {line}" if line else "has a problem"
        field = f"{key}: " if key else ""
        reason = first["msg"].removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            reason = f"unknown setting (known: {', '.join(Settings.model_fields)})"
        return LoadedSettings(Settings(), _problem(path, where, field + reason), path)


def _string(value: str) -> str:
    out = ['"']
    for char in value:
        if char in {'"', "\\"}:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("settings hold only finite numbers")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"cannot write {type(value).__name__} to the settings file")


HEADER = """\
# psw-tui settings. Edit here or in the app (command palette: "Settings").
# A mistake here is reported when psw-tui starts; the defaults are used until it is fixed.
"""


def format_settings(settings: Settings) -> str:
    """The TOML text for ``settings`` (scalars first, then the ``[keymap]`` table)."""
    lines = [HEADER]
    data = settings.model_dump()
    for key, value in data.items():
        if key == "keymap" or value is None:
            continue
        lines.append(f"{key} = {_value(value)}")
    lines.append("")
    lines.append("# Key bindings by binding id (see the help screen, F1), e.g. \"app.help\" = \"f2\"")
    lines.append("[keymap]")
    for binding_id, keys in sorted(settings.keymap.items()):
        lines.append(f"{_string(binding_id)} = {_string(keys)}")
    return "\n".join(lines) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file atomically (0600, in a 0700 folder)."""
    path = path or settings_path()
    if not path.parent.exists():  # never re-mode a folder the user already has
        ensure_private_dir(path.parent)
    atomic_write(path, format_settings(settings).encode("utf-8"))
    return path
