"""Where exports go from the app, and writing them (through storage, atomically, 0600)."""

from __future__ import annotations

from pathlib import Path

from psw_tui.services.exports import Export
from psw_tui.storage.export_files import ExportExists, ExportFailed, write_export

__all__ = ["ExportExists", "ExportFailed", "default_export_folder", "save_export"]


def default_export_folder() -> Path:
    """The user's Documents folder when there is one, else the current folder."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.cwd()


def save_export(export: Export, path: Path, *, force: bool = False) -> Path:
    """Write ``export`` to ``path``; ExportExists unless ``force``, ExportFailed on a bad path."""
    return write_export(path, export.data, force=force)
