"""The summary as a self-contained HTML page that prints cleanly on A4.

No scripts, no external resources (a Content-Security-Policy forbids both), and every value
is escaped, so nothing typed in a session can become markup.
"""

from __future__ import annotations

from html import escape as _escape

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

STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.4;
       color: #000; background: #fff; max-width: 178mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 6pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #888;
     break-after: avoid; page-break-after: avoid; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2pt 10pt; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 2pt 5pt; text-align: left; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
li { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 16pt; font-size: 9pt; color: #333; }
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'"


def esc(value: object) -> str:
    """A value as HTML text: every character that could be markup escaped, quotes included."""
    return _escape(" ".join(str(value).split()), quote=True)


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in headers) + "</tr></thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows]
    out += ["</tbody>", "</table>"]
    return out


def _list(items: list[str]) -> list[str]:
    return ["<ul>"] + [f"<li>{esc(item)}</li>" for item in items] + ["</ul>"]


def render_html(summary: SessionSummary) -> str:
    """The whole summary as one HTML document."""
    title = f"{summary.heading}: {summary.group_name}, {summary.date.isoformat()}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(summary.heading)}</h1>",
        "<dl>",
    ]
    out += [f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in header_fields(summary)]
    out += ["</dl>", "<h2>Attendance</h2>", f"<p>{esc(summary.attendance)}.</p>"]
    if summary.register:
        out += _table(("Name", "Role", "Attendance"), [(r.name, r.role, r.status) for r in summary.register])
    if summary.in_the_room:
        out.append(f"<h2>{esc(IN_THE_ROOM)}</h2>")
        out += _list(list(summary.in_the_room))
    out.append("<h2>Agenda: planned and actual</h2>")
    if summary.agenda:
        out += _table(
            ("Segment", "Planned", "Actual", "Difference"),
            [(a.title, planned(a), minutes(a.actual_minutes), difference(a)) for a in summary.agenda],
        )
    out.append(f"<p>{esc(overall(summary))}</p>")
    for section in summary.notes:
        out.append(f"<h2>{esc(section.title)}</h2>")
        out += _list(list(section.texts))
    out.append("<h2>Actions</h2>")
    actions = action_words(summary)
    out += _list(actions) if actions else ["<p>None.</p>"]
    if summary.concerns is not None:
        out += ["<h2>Concerns</h2>", f"<p>{esc(summary.concerns)}</p>"]
    out += [f"<footer>{esc(footer(summary))}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)
