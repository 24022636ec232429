"""The layers hold, transitively: import-linter's contracts in pyproject.toml (models <
storage < services < widgets < screens < app < cli; the core never imports Textual or Rich).

A contract broken anywhere, even through a chain of imports, fails this test."""

from __future__ import annotations

import os
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_are_kept(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PYTHONPATH", f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
