"""The layers of ENGINEERING.md hold: models and services never import Textual, and only
storage/ imports TinyDB."""

from __future__ import annotations

import ast
from pathlib import Path

import psw_tui

PACKAGE = Path(psw_tui.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules_in(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_models_and_services_never_import_textual() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in ("models", "services", "storage")
        for path in modules_in(layer)
        if any(name == "textual" or name.startswith("textual.") for name in imported_modules(path))
    ]
    assert offenders == []


def test_only_storage_imports_tinydb() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "storage" not in path.relative_to(PACKAGE).parts
        and any(name == "tinydb" or name.startswith("tinydb.") for name in imported_modules(path))
    ]
    assert offenders == []


def test_models_do_no_io_and_import_no_other_layer() -> None:
    for path in modules_in("models"):
        names = imported_modules(path)
        assert not any(n.startswith(("psw_tui.storage", "psw_tui.services", "psw_tui.screens")) for n in names), path
        assert not {"os", "shutil", "tempfile"} & names, path


def test_screens_and_widgets_do_not_reach_into_storage_internals() -> None:
    for layer in ("screens", "widgets"):
        for path in modules_in(layer):
            names = imported_modules(path)
            internal = [n for n in names if n.startswith("psw_tui.storage.")]
            assert internal == [], f"{path.name} imports {internal}"
