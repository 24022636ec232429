"""The summary as Markdown: for the in-app preview and for files."""

from __future__ import annotations

import re

from psw_tui.services.summary import AgendaLine, SessionSummary

# Characters that are markup anywhere in a line, and what is markup only at its start.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([#+\-=])")


def escape(value: str, *, block: bool = False) -> str:
    """A value as literal Markdown text: one line, every markup character escaped.

    ``block`` also escapes what is markup only where a block starts (a list item's text):
    a leading ``#``, ``-``, ``+``, ``=`` or ``1.``.
    """
    text = _INLINE.sub(r"\\\1", " ".join(value.split()))
    if not block:
        return text
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def long_date(summary: SessionSummary) -> str:
    """'Tuesday 13 October 2026' (and the scheduled start in the internal record)."""
    day = summary.date
    text = f"{day:%A} {day.day} {day:%B %Y}"
    if summary.start_time is not None:
        text += f", {summary.start_time:%H:%M}"
    return text


def minutes(value: int | None) -> str:
    """'25 min', or an em dash when there is nothing."""
    return "—" if value is None else f"{value} min"


def difference(line: AgendaLine) -> str:
    """How a segment went against its plan, in words."""
    if line.dropped:
        return "dropped"
    if line.actual_minutes is None:
        return "not reached"
    diff = line.difference_minutes
    if diff == 0:
        return "on time"
    return f"{diff:+d} min"


def planned(line: AgendaLine) -> str:
    """Planned minutes, with the minutes before a live rebalance when they changed."""
    if line.originally_minutes is not None and line.originally_minutes != line.planned_minutes:
        return f"{line.planned_minutes} min (was {line.originally_minutes})"
    return minutes(line.planned_minutes)


def overall(summary: SessionSummary) -> str:
    """'Planned 90 min; took 96 min (6 min over).'"""
    text = f"Planned {summary.planned_minutes} min"
    if summary.actual_minutes is None:
        return text + "; not finished."
    diff = summary.actual_minutes - summary.planned_minutes
    if diff > 0:
        how = f"{diff} min over"
    elif diff < 0:
        how = f"{-diff} min under"
    else:
        how = "on time"
    return f"{text}; took {summary.actual_minutes} min ({how})."


def action_words(summary: SessionSummary) -> list[str]:
    """Each action as one line of plain words (owner only in the internal record)."""
    lines = []
    for action in summary.actions:
        details = [action.owner] if action.owner else []
        if action.due is not None:
            details.append(f"due {action.due.day} {action.due:%b %Y}")
        details.append(action.status)
        lines.append(f"{action.text} ({', '.join(details)})")
    return lines


IN_THE_ROOM = "Arrive, leave and rounds"


def header_fields(summary: SessionSummary) -> list[tuple[str, str]]:
    """The labelled lines at the top of every format."""
    fields = [
        ("Group", summary.group_name),
        ("Session", summary.title),
        ("Date", long_date(summary)),
    ]
    if not summary.shareable:
        fields.append(("Facilitators", ", ".join(summary.facilitators) or "none recorded"))
    if summary.check_in_question:
        fields.append(("Check-in question", summary.check_in_question))
    if summary.status != "ended":
        fields.append(("Status", f"{summary.status} (this record is not final)"))
    return fields


def footer(summary: SessionSummary) -> str:
    """The closing line: what this document is, and may be used for."""
    if summary.session_id is not None:
        return f"Internal record, not for sharing. Session id {summary.session_id}."
    return "Shareable summary: no names, attendance as a count, notes in sorted order."


def render_markdown(summary: SessionSummary) -> str:
    """The whole summary as a Markdown document."""
    e = escape
    out = [f"# {summary.heading}", ""]
    out += [f"- **{label}:** {e(value)}" for label, value in header_fields(summary)]
    out.append("")
    out += ["## Attendance", "", e(summary.attendance) + ".", ""]
    if not summary.shareable and summary.register:
        out += ["| Name | Role | Attendance |", "|---|---|---|"]
        out += [f"| {e(r.name)} | {e(r.role)} | {e(r.status)} |" for r in summary.register]
        out.append("")
    if summary.in_the_room:
        out += [f"## {IN_THE_ROOM}", ""]
        out += [f"- {e(line)}" for line in summary.in_the_room]
        out.append("")
    out += ["## Agenda: planned and actual", ""]
    if summary.agenda:
        out += ["| Segment | Planned | Actual | Difference |", "|---|---|---|---|"]
        out += [
            f"| {e(a.title)} | {e(planned(a))} | {minutes(a.actual_minutes)} | {e(difference(a))} |"
            for a in summary.agenda
        ]
        out.append("")
    out += [e(overall(summary)), ""]
    for section in summary.notes:
        out += [f"## {section.title}", ""]
        out += [f"- {e(text, block=True)}" for text in section.texts]
        out.append("")
    out += ["## Actions", ""]
    out += [f"- {e(line, block=True)}" for line in action_words(summary)] or ["None."]
    out.append("")
    if summary.concerns is not None:
        out += ["## Concerns", "", e(summary.concerns), ""]
    out += ["---", "", footer(summary), ""]
    return "\n".join(out)
