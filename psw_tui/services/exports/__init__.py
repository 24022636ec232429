"""Exporting a session: Markdown, plain text, printable HTML, CSV register, JSON bundle.

:func:`export_session` is the one entry point for the app and the CLI; it returns an
:class:`Export` holding the text and the exact bytes to write (the CSV gets a byte-order mark).
Every shareable format is rendered from the shareable :class:`SessionSummary`, whose free
text already has names replaced by "[name]" (see :mod:`psw_tui.services.summary`): a new
format added to :func:`render_summary` gets the redaction without doing anything.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from uuid import UUID

from psw_tui.services.export_formats import ExportFormat
from psw_tui.services.exports.html import render_html
from psw_tui.services.exports.markdown import render_markdown
from psw_tui.services.exports.register_csv import BOM, render_register_csv
from psw_tui.services.exports.session_json import render_bundle_json, session_bundle
from psw_tui.services.exports.text import render_text
from psw_tui.services.summary import SessionSummary, build_summary
from psw_tui.storage import RecordStore


FORMAT_WORDS = {
    ExportFormat.MD: "Markdown",
    ExportFormat.TXT: "Plain text (for a clinical record system)",
    ExportFormat.HTML: "HTML (printable, A4)",
    ExportFormat.CSV: "CSV register (spreadsheet)",
    ExportFormat.JSON: "JSON (complete, re-importable)",
}
SHAREABLE_FORMATS = frozenset({ExportFormat.MD, ExportFormat.TXT, ExportFormat.HTML})


class NotShareable(ValueError):
    """A format that cannot be made shareable (the CSV register, the complete JSON)."""

    def __init__(self, fmt: ExportFormat) -> None:
        reason = (
            "a CSV register names people" if fmt is ExportFormat.CSV
            else "a JSON export is the complete record"
        )
        super().__init__(f"{reason}, so it cannot be shareable; use md, txt or html for that")
        self.format = fmt


@dataclass(frozen=True)
class Export:
    """One rendered export."""

    format: ExportFormat
    shareable: bool
    text: str
    filename: str
    names_replaced: int = 0  # shareable: names in free text replaced by "[name]"

    @property
    def data(self) -> bytes:
        """The bytes of the file: UTF-8, with a byte-order mark for CSV (for spreadsheets)."""
        prefix = BOM if self.format is ExportFormat.CSV else ""
        return (prefix + self.text).encode("utf-8")


def slug(text: str) -> str:
    """'Tuesday Hearing Voices Group' -> 'tuesday-hearing-voices-group' (ASCII, for file names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or "session"


def export_session(
    store: RecordStore, session_id: UUID, fmt: ExportFormat | str, *, shareable: bool = False
) -> Export:
    """Render one session in ``fmt``; raises :class:`NotShareable` for csv/json + shareable."""
    fmt = ExportFormat(fmt)
    if shareable and fmt not in SHAREABLE_FORMATS:
        raise NotShareable(fmt)
    summary = build_summary(store, session_id, shareable=shareable)
    name = f"{summary.date.isoformat()}-{slug(summary.group_name)}"
    name += {ExportFormat.CSV: "-register", ExportFormat.JSON: ""}.get(
        fmt, "-shareable" if shareable else "-internal"
    )
    if fmt is ExportFormat.JSON:
        text = render_bundle_json(session_bundle(store, session_id))
    else:
        text = render_summary(summary, fmt)
    return Export(fmt, shareable, text, f"{name}.{fmt.value}", summary.names_replaced)


def render_summary(summary: SessionSummary, fmt: ExportFormat | str) -> str:
    """A summary as md, txt, html or (internal record only) the csv register."""
    fmt = ExportFormat(fmt)
    renderers = {
        ExportFormat.MD: render_markdown,
        ExportFormat.TXT: render_text,
        ExportFormat.HTML: render_html,
        ExportFormat.CSV: render_register_csv,
    }
    if fmt not in renderers:
        raise ValueError("JSON is rendered from the records, not from a summary")
    return renderers[fmt](summary)


__all__ = [
    "FORMAT_WORDS",
    "SHAREABLE_FORMATS",
    "Export",
    "ExportFormat",
    "NotShareable",
    "export_session",
    "render_summary",
    "slug",
]
