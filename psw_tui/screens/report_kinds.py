"""Every report: its name, a line of help and the parameters its screen asks for.

Plain data (no Textual), so the command palette can list every report without loading the
report screen. To add a report: an entry here, its table in ``run_report`` (``reports.py``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportKind:
    """One report: its name, its help line and the parameters its screen asks for."""

    name: str
    slug: str
    params: tuple[str, ...]  # of "group", "any_group", "dates", "sessions", "weeks"
    help: str
    supervision_only: bool = False


# Every name ends in "report", so typing "report" in the palette lists them all.
REPORTS = {
    "attendance": ReportKind(
        "Attendance report", "attendance", ("group", "dates"),
        "Head count, attendance rate, apologies and did-not-attend per session of a group"),
    "arrive_leave": ReportKind(
        "Arrive and leave report", "arrive-and-leave", ("group", "dates"),
        "A group's arrive / leave scale over its sessions: mean arriving, leaving and the change"),
    "five_ways": ReportKind(
        "Five Ways balance report", "five-ways-balance", ("any_group", "dates"),
        "Minutes per Five Ways to Wellbeing way per group over a period"),
    "themes": ReportKind(
        "Frequent themes report", "frequent-themes", ("any_group", "dates"),
        "Most frequent words and tags of theme notes over a period"),
    "not_seen": ReportKind(
        "Members not seen report", "members-not-seen", ("group", "sessions"),
        "Members of a group not seen for N sessions"),
    "compliance": ReportKind(
        "Supervision compliance report", "supervision-compliance", ("weeks",),
        "Each supervisee's last supervision, most overdue first"),
    "proctor": ReportKind(
        "Proctor balance report", "proctor-balance", ("any_group", "dates"),
        "Supervision time split between normative, formative and restorative", supervision_only=True),
    "actions": ReportKind(
        "Open actions report", "open-actions", ("any_group",),
        "Open actions across groups, oldest first"),
}
