"""Reports as plain tables with their charts (for the screen) and as spreadsheet-safe CSV.

CSV cells that a spreadsheet would run as a formula are neutralised exactly as the
register export does it (:func:`psw_tui.services.exports.register_csv.neutralise`); files
get the same byte-order mark and CRLF line ends, so names such as "Zoë" open correctly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from psw_tui.services.charts import Chart, Series, over_time
from psw_tui.services.exports.register_csv import BOM, neutralise
from psw_tui.services.reports import (
    PROCTOR_FUNCTIONS,
    AttendanceRow,
    ComplianceRow,
    NotSeenRow,
    OpenActionRow,
    ProctorBalance,
    ThemeCounts,
)
from psw_tui.storage.report_files import write_text_file

Cell = str | int | float
THEME_BARS = 10  # words charted (the table lists up to 15)


@dataclass(frozen=True)
class ReportTable:
    """A report ready to show: a one-line summary, columns, rows and a chart (if any)."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    summary: str = ""
    chart: Chart | None = None


def safe_cell(value: Cell) -> str:
    """A cell as CSV text; text that a spreadsheet would run as a formula gets a leading '."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value))


def csv_text(table: ReportTable) -> str:
    """The table as CSV (a header row, then one row per line; no byte-order mark)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in table.columns])
    writer.writerows([safe_cell(cell) for cell in row] for row in table.rows)
    return out.getvalue()


def _day(day: date | None) -> str:
    return day.isoformat() if day else "never"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def attendance_table(rows: list[AttendanceRow], group: str) -> ReportTable:
    """Attendance per session, newest first, with the head count charted oldest to newest."""
    rates = [r.rate for r in rows if r.rate is not None]
    mean_head = sum(r.head_count for r in rows) / len(rows) if rows else 0
    summary = (f"{group}: {len(rows)} sessions, average head count {mean_head:.1f}, "
               f"attendance rate {_percent(sum(rates) / len(rates) if rates else None)}, "
               f"{sum(r.apologies for r in rows)} apologies, "
               f"{sum(r.did_not_attend for r in rows)} did not attend")
    return ReportTable(
        title=f"Attendance: {group}",
        columns=("Date", "Session", "Head count", "Present", "Late", "Left early", "Apologies",
                 "Did not attend", "Rate"),
        rows=[(r.date.isoformat(), r.title, r.head_count, r.present, r.late, r.left_early,
               r.apologies, r.did_not_attend, _percent(r.rate)) for r in reversed(rows)],
        summary=summary,
        chart=over_time([r.date for r in rows], [r.head_count for r in rows], what="Head count",
                        unit="people") if rows else None,
    )


def not_seen_table(rows: list[NotSeenRow], group: str, sessions: int) -> ReportTable:
    """Members not seen for ``sessions`` or more sessions."""
    summary = (f"{group}: {len(rows)} member{'s' if len(rows) != 1 else ''} not seen "
               f"for {sessions} or more sessions on their register")
    return ReportTable(
        title=f"Members not seen: {group}",
        columns=("Member", "Sessions missed in a row", "Last seen"),
        rows=[(r.name, r.missed, _day(r.last_seen)) for r in rows],
        summary=summary,
    )


def compliance_table(rows: list[ComplianceRow], weeks: int) -> ReportTable:
    """Supervisees of supervision and reflective practice groups, most overdue first."""
    overdue = sum(r.overdue for r in rows)
    summary = (f"{overdue} of {len(rows)} supervisees overdue "
               f"(no supervision attended in the last {weeks} weeks)")
    return ReportTable(
        title="Supervision compliance",
        columns=("Supervisee", "Group", "Last supervision", "Days since", "Status"),
        # A reflective practice group says so beside its name (group supervision is the default).
        rows=[(r.name, r.group if r.kind == "group supervision" else f"{r.group} ({r.kind})",
               _day(r.last_attended), "—" if r.days_since is None else r.days_since,
               "OVERDUE" if r.overdue else "ok") for r in rows],
        summary=summary,
    )


def proctor_table(balance: ProctorBalance) -> ReportTable:
    """Minutes and share per Proctor function, charted as bars."""
    total = sum(balance.minutes.values())
    return ReportTable(
        title="Proctor balance",
        columns=("Function", "Minutes", "Share"),
        rows=[(f.capitalize(), balance.minutes[f], _percent(balance.share(f) if total else None))
              for f in PROCTOR_FUNCTIONS],
        summary=f"{balance.sessions} supervision sessions, {total:.0f} minutes counted",
        chart=Chart("Minutes per Proctor function", "bars", "Function",
                    tuple(f.capitalize() for f in PROCTOR_FUNCTIONS),
                    (Series("Minutes", tuple(balance.minutes[f] for f in PROCTOR_FUNCTIONS)),), unit="minutes"),
    )


def themes_table(counts: ThemeCounts) -> ReportTable:
    """The most frequent theme words and tags, side by side."""
    length = max(len(counts.words), len(counts.tags))
    rows: list[tuple[Cell, ...]] = []
    for index in range(length):
        word, wn = counts.words[index] if index < len(counts.words) else ("", "")
        tag, tn = counts.tags[index] if index < len(counts.tags) else ("", "")
        rows.append((word, wn, tag, tn))
    return ReportTable(
        title="Frequent themes",
        columns=("Word", "Times", "Tag", "Times"),
        rows=rows,
        summary=f"From {counts.notes} theme note{'s' if counts.notes != 1 else ''}",
        chart=Chart("Most frequent words in theme notes", "hbars", "Word",
                    tuple(word for word, _ in counts.words[:THEME_BARS]),
                    (Series("Times", tuple(float(n) for _, n in counts.words[:THEME_BARS])),),
                    unit="times") if counts.words else None,
    )


def open_actions_table(rows: list[OpenActionRow]) -> ReportTable:
    """Open actions, oldest first."""
    return ReportTable(
        title="Open actions",
        columns=("Raised", "Group", "Action", "Owner", "Due"),
        rows=[(r.action.raised_on.isoformat(), r.group, r.action.text, r.owner or "—",
               r.action.due.isoformat() if r.action.due else "—") for r in rows],
        summary=f"{len(rows)} open action{'s' if len(rows) != 1 else ''}, oldest first",
    )


def save_csv(path: Path, table: ReportTable) -> Path:
    """Write the table as CSV to ``path`` (owner-only, atomically, with a byte-order mark);
    raises SaveFailed."""
    return write_text_file(path, BOM + csv_text(table))
