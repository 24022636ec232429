"""Static resources shipped with psw-tui (styles and demo fixtures).

In an installed wheel they live inside the package (``psw_tui/styles``, ``psw_tui/fixtures``);
in a source checkout they are the top-level ``styles/`` and ``fixtures/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``styles`` or ``fixtures``, wherever this copy of psw-tui keeps it."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"psw-tui is missing its {name}/ folder; reinstall psw-tui")


def stylesheets() -> list[Path]:
    """Every ``.tcss`` file, in name order."""
    return sorted(resource_dir("styles").glob("*.tcss"))


def demo_fixture() -> Path:
    """The demo data set."""
    return resource_dir("fixtures") / "demo.json"
