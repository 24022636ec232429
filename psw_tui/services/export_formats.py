"""The formats a session and a run-sheet export to, apart from the exporters themselves, so
the command line's parser offers them without loading every exporter."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """The file formats a session exports to (the value is the file suffix)."""

    MD = "md"
    TXT = "txt"
    HTML = "html"
    CSV = "csv"
    JSON = "json"


class RunsheetFormat(StrEnum):
    """The run-sheet's formats (the value is the file suffix)."""

    MD = "md"
    TXT = "txt"
    HTML = "html"
