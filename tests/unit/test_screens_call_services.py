"""Screens and widgets see the app through a typed accessor and read records through services:
no ``attr-defined`` ignore, no reach into the store's repositories."""

from __future__ import annotations

import ast
from pathlib import Path

import psw_tui

PACKAGE = Path(psw_tui.__file__).parent
UI_MODULES = sorted([*(PACKAGE / "screens").rglob("*.py"), *(PACKAGE / "widgets").rglob("*.py")])

# What a screen may ask the store itself (a fact about the folder, not a record).
STORE_FACTS = {"encrypted"}


def store_reads(path: Path) -> list[str]:
    """Every ``<anything>.store.<name>`` or ``store.<name>`` a module uses, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute) or node.attr in STORE_FACTS:
            continue
        owner = node.value
        named_store = (isinstance(owner, ast.Name) and owner.id == "store") or (
            isinstance(owner, ast.Attribute) and owner.attr == "store"
        )
        if named_store:
            found.append(f"{path.name}:{node.lineno} .store.{node.attr}")
    return found


def test_no_screen_or_widget_needs_an_attr_defined_ignore() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in UI_MODULES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "type: ignore[attr-defined]" in line
    ]
    assert offenders == []


def test_no_screen_or_widget_reads_a_repository() -> None:
    offenders = [read for path in UI_MODULES for read in store_reads(path)]
    assert offenders == []


def test_the_guard_sees_a_repository_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(self, store):\n"
        "    a = self.psw.store.groups.get(1)\n"
        "    b = store.sessions.headers()\n"
        "    c = store.notes(1).all()\n"
        "    return self.psw.store.encrypted\n",
        encoding="utf-8",
    )
    assert store_reads(sample) == [
        "sample.py:2 .store.groups", "sample.py:3 .store.sessions", "sample.py:4 .store.notes",
    ]


def test_screens_catch_store_errors_without_importing_the_store() -> None:
    offenders = []
    for path in UI_MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "psw_tui.storage":
                if not _inside_type_checking(path, node):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def _inside_type_checking(path: Path, target: ast.ImportFrom) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            if any(child.lineno == target.lineno for child in ast.walk(node) if isinstance(child, ast.ImportFrom)):
                return True
    return False
