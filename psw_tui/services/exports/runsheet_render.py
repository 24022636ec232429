"""The run-sheet rendered as Markdown, plain text, printable A4 HTML or an A6 pocket card.

Every value goes through the escaping the session exports use (Markdown's ``escape``, HTML's
``esc``, plain text's ``plain``), so nothing typed into a plan can become markup. The HTML
pages are self-contained: inline print CSS, no scripts, no external resources (a
Content-Security-Policy forbids them).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from psw_tui.services.export_formats import RunsheetFormat
from psw_tui.services.exports import slug
from psw_tui.services.exports.html import CSP, esc
from psw_tui.services.exports.markdown import escape
from psw_tui.services.exports.text import WIDTH, plain
from psw_tui.services.runsheet import NO_START_TIME, PROTECTED_WORDS, Runsheet, RunsheetSegment
from psw_tui.storage.export_files import write_export

REGISTER_COLUMNS = ("Present", "Late", "Left early", "Apologies")
NO_SEGMENTS = "No segments planned yet."
NO_AGREEMENT = "No group agreement set (Edit group adds one)."
NO_SIGNPOSTING = "No signposting list set for this group (Edit group adds one)."


def filename(sheet: Runsheet, fmt: RunsheetFormat | str, *, pocket: bool = False) -> str:
    """'2026-11-24-tuesday-hearing-voices-group-runsheet.html' (or '-pocket.html')."""
    kind = "pocket" if pocket else "runsheet"
    return f"{sheet.date.isoformat()}-{slug(sheet.group_name)}-{kind}.{RunsheetFormat(fmt).value}"


def render_runsheet(sheet: Runsheet, fmt: RunsheetFormat | str, *, pocket: bool = False) -> str:
    """``sheet`` as md, txt or html; ``pocket`` (html only) gives the A6 card."""
    fmt = RunsheetFormat(fmt)
    if pocket and fmt is not RunsheetFormat.HTML:
        raise ValueError("the pocket card is HTML only")
    if pocket:
        return render_pocket(sheet)
    return {RunsheetFormat.MD: render_md, RunsheetFormat.TXT: render_txt, RunsheetFormat.HTML: render_a4}[fmt](sheet)


def save_runsheet(
    sheet: Runsheet, fmt: RunsheetFormat | str, path: Path, *, pocket: bool = False, force: bool = False
) -> Path:
    """Write ``sheet`` to ``path`` (atomically, owner-only); ExportExists unless ``force``,
    ExportFailed with a one-line reason on a bad path."""
    return write_export(path, render_runsheet(sheet, fmt, pocket=pocket).encode("utf-8"), force=force)


# -- words shared by every format ------------------------------------------------------------


def header_fields(sheet: Runsheet) -> list[tuple[str, str]]:
    """The labelled lines at the top."""
    fields = [("Session", sheet.title), ("When", sheet.when), ("Status", sheet.status),
              ("Planned length", f"{sheet.total_minutes} min")]
    if sheet.check_in_question:
        fields.append(("Check-in question", sheet.check_in_question))
    return fields


def times(segment: RunsheetSegment) -> str:
    """'14:00 to 14:05', or 'dropped'."""
    return "dropped" if segment.dropped else f"{segment.starts} to {segment.ends}"


def details(segment: RunsheetSegment, sep: str = " · ") -> str:
    """'5 min · Welcome · protected · lead: Ash'."""
    parts = [f"{segment.minutes} min", segment.kind]
    if segment.protected:
        parts.append("protected")
    if segment.dropped:
        parts.append("dropped when catching up")
    if segment.lead:
        parts.append(f"lead: {segment.lead}")
    return sep.join(parts)


def footer(sheet: Runsheet) -> str:
    """What the page is, and how to treat it."""
    if sheet.register is not None:
        return "Run-sheet with a paper register: it names the group's members. Keep it private and shred it after use."
    return "Run-sheet for the facilitator. It holds no member names."


# -- Markdown --------------------------------------------------------------------------------


def render_md(sheet: Runsheet) -> str:
    """The run-sheet as Markdown."""
    e = escape
    out = [f"# {e(sheet.heading)}", ""]
    out += [f"- **{label}:** {e(value)}" for label, value in header_fields(sheet)]
    out.append("")
    if not sheet.clock_times:
        out += [NO_START_TIME, ""]
    out += ["## Agenda", ""]
    if not sheet.segments:
        out += [NO_SEGMENTS, ""]
    for s in sheet.segments:
        out += [f"### {e(times(s))} · {s.number}. {e(s.title)}", "", e(details(s)), ""]
        if s.question:
            out += [f"**Question:** {e(s.question)}", ""]
        if s.prompts:
            out += [f"- {e(p, block=True)}" for p in s.prompts] + [""]
    if sheet.any_protected:
        out += [f"*{PROTECTED_WORDS}*", ""]
    out += ["## Group agreement", ""]
    for index, line in enumerate(sheet.agreement):
        if line.bullet:
            out.append(f"- {e(line.text, block=True)}")
        else:  # a paragraph stands apart, or Markdown would join it to the list above
            out += ([""] if index else []) + [e(line.text, block=True), ""]
    out += [NO_AGREEMENT] if not sheet.agreement else []
    out += ["", "## Signposting", ""]
    out += [f"- {e(item, block=True)}" for item in sheet.signposting] or [NO_SIGNPOSTING]
    out.append("")
    if sheet.register is not None:
        out += ["## Register", "", "| Name | " + " | ".join(REGISTER_COLUMNS) + " |",
                "|---" * (len(REGISTER_COLUMNS) + 1) + "|"]
        blank = " |" * len(REGISTER_COLUMNS)
        out += [f"| {e(name)} |{blank}" for name in sheet.register]
        out += [f"| |{blank}"] * sheet.walk_in_rows
        out.append("")
    out += ["---", "", footer(sheet), ""]
    return "\n".join(out)


# -- plain text ------------------------------------------------------------------------------


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(plain(text), WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=True, break_on_hyphens=False) or [first.rstrip()]


def _txt_heading(title: str) -> list[str]:
    return ["", title.upper(), "-" * len(title)]


def render_txt(sheet: Runsheet) -> str:
    """The run-sheet as wrapped plain text (ASCII punctuation, at most 72 columns)."""
    heading = plain(sheet.heading)
    out = _wrap(heading.upper()) + ["=" * min(len(heading), WIDTH)]
    fields = header_fields(sheet)
    width = max(len(label) for label, _ in fields) + 2
    for label, value in fields:
        out += _wrap(value, f"{label}:".ljust(width), " " * width)
    if not sheet.clock_times:
        out += ["", NO_START_TIME]
    out += _txt_heading("Agenda")
    out += [NO_SEGMENTS] if not sheet.segments else []
    for s in sheet.segments:
        out += [""] + _wrap(f"{s.number}. {s.title}", f"{plain(times(s))}  ", "    ")
        out += _wrap(details(s, ", "), "    ", "    ")
        if s.question:
            out += _wrap(f"Question: {s.question}", "    ", "      ")
        for prompt in s.prompts:
            out += _wrap(prompt, "    - ", "      ")
    if sheet.any_protected:
        out += [""] + _wrap(PROTECTED_WORDS)
    out += _txt_heading("Group agreement")
    for line in sheet.agreement:
        out += _wrap(line.text, "- ", "  ") if line.bullet else _wrap(line.text)
    out += [NO_AGREEMENT] if not sheet.agreement else []
    out += _txt_heading("Signposting")
    out += [row for item in sheet.signposting for row in _wrap(item, "- ", "  ")] or [NO_SIGNPOSTING]
    if sheet.register is not None:
        out += _txt_heading("Register")
        boxes = "  ".join(f"[ ] {c.lower()}" for c in REGISTER_COLUMNS)
        names = [plain(n) for n in sheet.register]
        name_width = min(max([len(n) for n in names] + [12]), WIDTH - len(boxes) - 2) + 2
        for name in [*names, *["_" * (name_width - 2)] * sheet.walk_in_rows]:
            if len(name) + 2 > name_width:  # a long name on its own line, the boxes below it
                out += _wrap(name) + [" " * name_width + boxes]
            else:
                out.append(name.ljust(name_width) + boxes)
    out += [""] + _wrap(footer(sheet))
    return "\n".join(out) + "\n"


# -- HTML ------------------------------------------------------------------------------------

A4_STYLE = """
@page { size: A4; margin: 16mm 15mm; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.35;
       color: #000; background: #fff; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 6pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #888;
     break-after: avoid; page-break-after: avoid; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2pt 10pt; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
td.time { white-space: nowrap; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
ul { margin: 2pt 0; padding-left: 14pt; }
.protected { font-weight: bold; border: 1px solid #000; padding: 0 3pt; }
.question { font-style: italic; }
.register td { height: 16pt; }
.register td + td { width: 16mm; }
footer { margin-top: 16pt; font-size: 9pt; color: #333; }
""".strip()

POCKET_STYLE = """
@page { size: A6; margin: 7mm; }
body { font-family: Verdana, Arial, sans-serif; font-size: 15pt; line-height: 1.3;
       color: #000; background: #fff; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 16pt; margin: 10pt 0 2pt; break-after: avoid; page-break-after: avoid; }
p { margin: 2pt 0; }
ul { margin: 2pt 0; padding-left: 14pt; }
.segment { border-top: 2px solid #000; padding-top: 3pt; margin-top: 6pt;
           break-inside: avoid; page-break-inside: avoid; }
.time { font-weight: bold; font-size: 17pt; }
.protected { font-weight: bold; border: 2px solid #000; padding: 0 3pt; }
.question { font-style: italic; }
.register td { border-bottom: 1px solid #000; height: 20pt; }
footer { margin-top: 10pt; font-size: 11pt; }
""".strip()


def _head(sheet: Runsheet, style: str, title: str) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{style}\n</style>",
        "</head>",
        "<body>",
    ]


def _list(items: list[str]) -> list[str]:
    return ["<ul>"] + [f"<li>{esc(item)}</li>" for item in items] + ["</ul>"]


def _badges(s: RunsheetSegment) -> str:
    return ' <span class="protected">protected</span>' if s.protected else ""


def _agreement_html(sheet: Runsheet) -> list[str]:
    if not sheet.agreement:
        return [f"<p>{esc(NO_AGREEMENT)}</p>"]
    out: list[str] = []
    items: list[str] = []
    for line in [*sheet.agreement, None]:
        if line is not None and line.bullet:
            items.append(line.text)
            continue
        if items:
            out += _list(items)
            items = []
        if line is not None:
            out.append(f"<p>{esc(line.text)}</p>")
    return out


def _register_html(sheet: Runsheet, columns: tuple[str, ...]) -> list[str]:
    assert sheet.register is not None
    out = ['<table class="register">', "<thead><tr><th>Name</th>"
           + "".join(f"<th>{esc(c)}</th>" for c in columns) + "</tr></thead>", "<tbody>"]
    blank = "<td></td>" * len(columns)
    out += [f"<tr><td>{esc(name)}</td>{blank}</tr>" for name in sheet.register]
    out += [f"<tr><td></td>{blank}</tr>"] * sheet.walk_in_rows
    return out + ["</tbody>", "</table>"]


def render_a4(sheet: Runsheet) -> str:
    """The run-sheet as one printable A4 HTML page."""
    out = _head(sheet, A4_STYLE, f"{sheet.heading}, {sheet.date.isoformat()}")
    out += [f"<h1>{esc(sheet.heading)}</h1>", "<dl>"]
    out += [f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in header_fields(sheet)]
    out.append("</dl>")
    if not sheet.clock_times:
        out.append(f"<p>{esc(NO_START_TIME)}</p>")
    out.append("<h2>Agenda</h2>")
    if sheet.segments:
        lead = any(s.lead for s in sheet.segments)
        out += ["<table>", "<thead><tr><th>Time</th><th>Min</th><th>Segment and prompts</th>"
                + ("<th>Lead</th>" if lead else "") + "</tr></thead>", "<tbody>"]
        for s in sheet.segments:
            cell = [f"<strong>{s.number}. {esc(s.title)}</strong> ({esc(s.kind)}){_badges(s)}"]
            if s.dropped:
                cell.append(" (dropped when catching up)")
            if s.question:
                cell.append(f'<p class="question">Question: {esc(s.question)}</p>')
            if s.prompts:
                cell += _list(list(s.prompts))
            out.append(f'<tr><td class="time">{esc(times(s))}</td><td>{s.minutes}</td><td>{"".join(cell)}</td>'
                       + (f"<td>{esc(s.lead)}</td>" if lead else "") + "</tr>")
        out += ["</tbody>", "</table>"]
    else:
        out.append(f"<p>{esc(NO_SEGMENTS)}</p>")
    if sheet.any_protected:
        out.append(f"<p>{esc(PROTECTED_WORDS)}</p>")
    out += ["<h2>Group agreement</h2>", *_agreement_html(sheet), "<h2>Signposting</h2>"]
    out += _list(list(sheet.signposting)) if sheet.signposting else [f"<p>{esc(NO_SIGNPOSTING)}</p>"]
    if sheet.register is not None:
        out += ["<h2>Register</h2>", *_register_html(sheet, REGISTER_COLUMNS)]
    out += [f"<footer>{esc(footer(sheet))}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def render_pocket(sheet: Runsheet) -> str:
    """The run-sheet as an A6 pocket card in large type (for walk and talk)."""
    out = _head(sheet, POCKET_STYLE, f"Pocket card: {sheet.group_name}, {sheet.date.isoformat()}")
    out += [f"<h1>{esc(sheet.group_name)}</h1>", f"<p>{esc(sheet.title)}</p>", f"<p>{esc(sheet.when)}</p>"]
    if not sheet.clock_times:
        out.append(f"<p>{esc(NO_START_TIME)}</p>")
    if sheet.check_in_question:
        out.append(f'<p class="question">Check-in: {esc(sheet.check_in_question)}</p>')
    out += [] if sheet.segments else [f"<p>{esc(NO_SEGMENTS)}</p>"]
    for s in sheet.segments:
        out += ['<div class="segment">',
                f'<p class="time">{esc(times(s))} · {s.minutes} min</p>',
                f"<h2>{esc(s.title)}{_badges(s)}</h2>"]
        if s.lead:
            out.append(f"<p>Lead: {esc(s.lead)}</p>")
        if s.question:
            out.append(f'<p class="question">{esc(s.question)}</p>')
        out += _list(list(s.prompts)) if s.prompts else []
        out.append("</div>")
    if sheet.any_protected:
        out.append(f"<p>{esc(PROTECTED_WORDS)}</p>")
    out += ["<h2>Signposting</h2>"]
    out += _list(list(sheet.signposting)) if sheet.signposting else [f"<p>{esc(NO_SIGNPOSTING)}</p>"]
    out += ["<h2>Agreement</h2>", *_agreement_html(sheet)]
    if sheet.register is not None:
        out += ["<h2>Register</h2>", *_register_html(sheet, ("Here",))]
    out += [f"<footer>{esc(footer(sheet))}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)
