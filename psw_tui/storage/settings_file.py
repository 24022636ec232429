"""The settings file: one TOML file in the platform's config folder.

Read with the standard library's ``tomllib``. Written by :func:`format_settings`, a small
formatter for this flat schema (scalars plus one ``[keymap]`` table), so no TOML-writing
dependency is needed; the round trip is tested. A file that does not parse or validate is
never overwritten: :func:`load_settings` keeps what is good, uses the default for each
setting that is wrong, and names the line of each mistake.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from psw_tui.models import Settings
from psw_tui.storage.durable import atomic_write, ensure_private_dir
from psw_tui.storage.paths import CONFIG_ENV, settings_path  # noqa: F401 - where it lives: paths
from psw_tui.storage.paths import SETTINGS_FILE_NAME as FILE_NAME  # noqa: F401


MAX_REPAIRS = 50  # syntax mistakes skipped, one line each, before giving up on the file
FRACTIONS = ("warn_at_fraction", "urgent_at_fraction")
TYPE_WORDS = {
    "int_type": "should be a whole number, e.g. 5",
    "int_from_float": "should be a whole number, e.g. 5",
    "bool_type": "should be true or false",
    "float_type": "should be a number, e.g. 0.2",
    "string_type": 'should be text in quotes, e.g. "textual-dark"',
    "dict_type": 'should be a table of binding id = "key"',
}


@dataclass(frozen=True)
class LoadedSettings:
    """The settings in force, and what was wrong with the file.

    ``problems``: one entry per mistake, each starting with its line where known
    ("line 3: bell: should be true or false"); the settings named there have their defaults,
    every other setting is as written. ``keymap_lines``: binding id -> its line in the file.
    """

    settings: Settings
    problems: tuple[str, ...] = ()
    path: Path | None = None
    keymap_lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def problem(self) -> str | None:
        """All problems as one message naming the file (None if there are none)."""
        if not self.problems:
            return None
        return (
            f"{self.path}: " + "; ".join(self.problems)
            + ". The defaults are used for what is wrong; the file was not changed."
        )

    def line_of_binding(self, binding_id: str) -> int | None:
        """The line of the ``[keymap]`` entry for ``binding_id``, if it is in the file."""
        return self.keymap_lines.get(binding_id)


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


def _key_lines(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """Line numbers of top-level keys and of ``[keymap]`` entries (a best effort for messages)."""
    top: dict[str, int] = {}
    keymap: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            table = _unquote(stripped.strip("[]").split("#")[0])
            top.setdefault(table, number)
            continue
        key, sep, _ = stripped.partition("=")
        if not sep or not key.strip() or stripped.startswith("#"):
            continue
        if table == "keymap":
            keymap.setdefault(_unquote(key), number)
        elif not table:
            top.setdefault(_unquote(key).split(".")[0].strip(), number)
    return top, keymap


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


def _clean_prefix(lines: list[str]) -> int:
    """How many leading lines parse on their own (where an error "at end of document" began)."""
    for count in range(len(lines), 0, -1):
        try:
            tomllib.loads("\n".join(lines[:count]) + "\n")
        except tomllib.TOMLDecodeError:
            continue
        return count
    return 0


def _parse(text: str) -> tuple[dict[str, Any], list[str]]:
    """The TOML, with each line holding a syntax mistake skipped (and reported)."""
    lines = text.splitlines()
    problems: list[str] = []
    for _ in range(MAX_REPAIRS):
        try:
            return tomllib.loads("\n".join(lines) + "\n"), problems
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
            reason = (reason or "invalid TOML").rstrip(".").lower()
            found = re.search(r"\(at line (\d+), column \d+\)", message)
            number = int(found.group(1)) if found else _clean_prefix(lines) + 1
            if number > len(lines) or not lines[number - 1].strip():
                problems.append(f"line {number}: {reason} (so none of the file was used)")
                return {}, problems
            key, sep, _ = lines[number - 1].partition("=")
            named = f"{_unquote(key)}: " if sep and key.strip() else ""
            if not found:  # e.g. a string or list never closed: nothing after it can be read
                rest = f" (lines {number} to {len(lines)} were not used)" if number < len(lines) else ""
                problems.append(f"line {number}: {named}{reason}{rest}")
                del lines[number - 1 :]
                continue
            problems.append(f"line {number}: {named}{reason}")
            header = lines[number - 1].lstrip().startswith("[")
            lines[number - 1] = ""
            # A broken table header: its entries would land in the wrong table; skip them too.
            while header and number < len(lines) and not lines[number].lstrip().startswith("["):
                lines[number] = ""
                number += 1
    problems.append("too many mistakes to read (so none of the file was used)")
    return {}, problems


def _reason(error: Mapping[str, Any]) -> str:
    if error["type"] in TYPE_WORDS:
        return TYPE_WORDS[error["type"]]
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def _validated(values: dict[str, Any], at: Callable[[str], str]) -> tuple[Settings, list[str]]:
    """The settings from ``values``; a value that does not fit is dropped (its default is used)."""
    problems: list[str] = []
    while True:
        try:
            return Settings.model_validate(values, strict=True), problems
        except ValidationError as error:
            dropped = False
            for detail in error.errors():
                if detail["loc"]:
                    blamed = [str(detail["loc"][0])]
                else:  # the rule across the two thresholds: both given ones go back to defaults
                    blamed = [name for name in FRACTIONS if name in values]
                for name in blamed:
                    if name in values:
                        problems.append(f"{at(name)}{name}: {_reason(detail)}")
                        del values[name]
                        dropped = True
            if not dropped:  # nothing left to blame: use the defaults
                problems.append(_reason(error.errors()[0]))
                return Settings(), problems


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file; a missing file gives the defaults silently.

    Never raises for a bad file: each mistake is reported, the setting it touches keeps its
    default, and every other setting is used as written.
    """
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM, as some Windows editors write
    except FileNotFoundError:
        return LoadedSettings(Settings(), (), path)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        return LoadedSettings(Settings(), (f"cannot be read ({reason}), so none of it was used",), path)
    data, problems = _parse(text)
    top_lines, keymap_lines = _key_lines(text)

    def at(key: str) -> str:
        return f"line {top_lines[key]}: " if key in top_lines else ""

    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in Settings.model_fields:
            problems.append(f"{at(key)}{key}: unknown setting (known: {', '.join(Settings.model_fields)})")
        elif key == "keymap" and isinstance(value, dict):
            values[key] = _checked_keymap(_flatten(value), keymap_lines, problems)
        else:
            values[key] = value
    settings, more = _validated(values, at)
    return LoadedSettings(settings, tuple(sorted(problems + more, key=_line_number)), path, keymap_lines)


def _line_number(problem: str) -> int:
    found = re.match(r"line (\d+):", problem)
    return int(found.group(1)) if found else 0


def _checked_keymap(keymap: dict[str, Any], lines: Mapping[str, int], problems: list[str]) -> dict[str, str]:
    """The keymap entries that are text; the rest reported."""
    kept: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if isinstance(keys, str) and keys.strip() and binding_id.strip():
            kept[binding_id] = keys
            continue
        where = f"line {lines[binding_id]}: " if binding_id in lines else ""
        problems.append(f'{where}keymap "{binding_id}": give the key as text, e.g. "f2"')
    return kept


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
    """The TOML text for ``settings`` (scalars first, then the ``[supervision_every_weeks]``
    and ``[keymap]`` tables)."""
    lines = [HEADER]
    data = settings.model_dump()
    for key, value in data.items():
        if isinstance(value, dict) or value is None:
            continue
        lines.append(f"{key} = {_value(value)}")
    lines.append("")
    lines.append("# Weeks between your own supervision sessions of each kind before it is overdue (0: not tracked)")
    lines.append("[supervision_every_weeks]")
    for kind, weeks in settings.supervision_every_weeks.items():
        lines.append(f"{kind} = {_value(weeks)}")
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
