"""The session register as CSV that opens correctly in a spreadsheet.

UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the legacy code page and
mangles names like "Zoë"), CRLF line ends (RFC 4180), every field quoted when needed, and any
cell that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
prefixed with an apostrophe so it is shown as text.
"""

from __future__ import annotations

import csv
import io

from psw_tui.services.summary import SessionSummary

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADERS = ("Date", "Group", "Session", "Name", "Role", "Register", "Attendance")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def render_register_csv(summary: SessionSummary) -> str:
    """The register of an internal record as CSV text (the BOM is added when written)."""
    if summary.shareable:
        raise ValueError("a register names people: there is no shareable CSV")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADERS)
    for line in summary.register:
        row = (
            summary.date.isoformat(),
            summary.group_name,
            summary.title,
            line.name,
            line.role,
            line.kind,
            line.status,
        )
        writer.writerow([neutralise(" ".join(cell.split())) for cell in row])
    return buffer.getvalue()
