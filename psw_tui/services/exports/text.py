"""The summary as plain text, wrapped to paste into a clinical record system.

Lines are at most :data:`WIDTH` characters, there is no markup, and typographic punctuation
(curly quotes, dashes, ellipses, non-breaking spaces) becomes plain ASCII, which older record
systems show correctly.
"""

from __future__ import annotations

import textwrap

from psw_tui.services.exports.markdown import (
    action_words,
    difference,
    footer,
    IN_THE_ROOM,
    header_fields,
    minutes,
    overall,
    planned,
)
from psw_tui.services.summary import SessionSummary

WIDTH = 72

_PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2032": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2022": "*",
})


def plain(value: str) -> str:
    """One line of text with typographic punctuation made plain and whitespace collapsed."""
    return " ".join(value.translate(_PLAIN).split())


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(
        plain(text), WIDTH, initial_indent=first, subsequent_indent=rest,
        break_long_words=True, break_on_hyphens=False,
    ) or [first.rstrip()]


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "-" * len(title)]


def render_text(summary: SessionSummary) -> str:
    """The whole summary as wrapped plain text."""
    out = [summary.heading.upper(), "=" * len(summary.heading)]
    fields = header_fields(summary)
    width = max(len(label) for label, _ in fields) + 2
    for label, value in fields:
        out += _wrap(value, f"{label}:".ljust(width), " " * width)
    out += _heading("Attendance")
    out += _wrap(summary.attendance + ".")
    for line in summary.register:
        out += _wrap(f"{line.name} ({line.role}): {line.status}", "  ", "    ")
    if summary.in_the_room:
        out += _heading(IN_THE_ROOM)
        for text in summary.in_the_room:
            out += _wrap(text, "- ", "  ")
    out += _heading("Agenda: planned and actual")
    for a in summary.agenda:
        out += _wrap(
            f"{a.title}: planned {planned(a)}, actual {minutes(a.actual_minutes)}, {difference(a)}",
            "  ", "    ",
        )
    out += _wrap(overall(summary))
    for section in summary.notes:
        out += _heading(section.title)
        for text in section.texts:
            out += _wrap(text, "- ", "  ")
    out += _heading("Actions")
    out += [line for text in action_words(summary) for line in _wrap(text, "- ", "  ")] or ["None."]
    if summary.concerns is not None:
        out += _heading("Concerns")
        out += _wrap(summary.concerns)
    out += [""] + _wrap(footer(summary))
    return "\n".join(out) + "\n"
