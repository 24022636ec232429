"""The worker's wellness plan (WRAP-style): private, versioned, shared only on its own.

Each save that changes something keeps a new version (the earlier ones stay, and can be
read again). The plan is exported, to Markdown or to a printable HTML page "to share in
supervision", only from its own screen: no session export, summary or reflections export
includes it. Prune (see ``retention``) removes versions older than the cut-off date but
always keeps the current one.
"""

from __future__ import annotations

from datetime import date
from html import escape as html_escape
from pathlib import Path

from psw_tui.models.worker import WELLNESS_FIELDS, WellnessPlan
from psw_tui.services.exports.markdown import escape as md_escape
from psw_tui.services.timesource import SystemTime
from psw_tui.storage import RecordStore
from psw_tui.storage.export_files import ExportExists, write_export

__all__ = ["FORMATS", "SECTIONS", "ExportExists", "current", "default_name", "render", "save_plan", "to_html",
           "to_markdown", "version_line", "versions", "write_plan"]

# (field, heading, prompt) in the order of the plan.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("daily", "What keeps me well day to day", "What I do, and need, on an ordinary good day."),
    ("triggers", "Triggers and what helps", "What can set me back at work, and what helps when it happens."),
    ("early_signs", "Early warning signs", "What I, or others, may notice first when I am less well."),
    ("getting_worse", "When things are getting worse", "What it looks like, and what I would like to happen."),
    ("who_to_contact", "Who to contact and how", "People and services, and how to reach them."),
    ("after", "What helps after", "What helps me recover and come back."),
)
FORMATS = ("md", "html")
TITLE = "My wellness plan"

assert tuple(name for name, _, _ in SECTIONS) == WELLNESS_FIELDS


def versions(store: RecordStore) -> list[WellnessPlan]:
    """Every saved version, oldest first."""
    return store.wellness.versions()


def current(store: RecordStore) -> WellnessPlan | None:
    """The plan as last saved, or None."""
    return store.wellness.current()


def save_plan(store: RecordStore, sections: dict[str, str], time: SystemTime) -> tuple[WellnessPlan, bool]:
    """Keep the plan as a new version; returns (the current version, whether one was added).

    Nothing is added when nothing changed since the current version. Unknown section
    names raise ``ValueError``.
    """
    unknown = set(sections) - set(WELLNESS_FIELDS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}")
    latest = store.wellness.current()
    texts = {name: sections.get(name, "").rstrip() for name in WELLNESS_FIELDS}
    if latest is not None and all(getattr(latest, name) == texts[name] for name in WELLNESS_FIELDS):
        return latest, False
    plan = WellnessPlan(version=(latest.version + 1) if latest else 1, saved_at=time.now(), **texts)
    return store.wellness.add(plan), True


def version_line(plan: WellnessPlan) -> str:
    """'Version 3, saved 20 Nov 2026 18:05' (local time)."""
    saved = plan.saved_at.astimezone()
    return f"Version {plan.version}, saved {saved.day} {saved:%b %Y %H:%M}"


def to_markdown(plan: WellnessPlan) -> str:
    """The plan as Markdown, each section's lines kept as lines."""
    out = [f"# {TITLE}", "", f"_{md_escape(version_line(plan))}. Private: shared by me, to use in supervision._", ""]
    for name, heading, _ in SECTIONS:
        out += [f"## {heading}", ""]
        lines = [line for line in getattr(plan, name).splitlines() if line.strip()]
        out += [md_escape(line, block=True) + "  " for line in lines] if lines else ["_(not filled in)_"]
        out.append("")
    return "\n".join(out)


STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.45;
       color: #000; background: #fff; max-width: 178mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #888;
     break-after: avoid; page-break-after: avoid; }
section { break-inside: avoid; page-break-inside: avoid; }
p.meta { font-size: 9.5pt; color: #333; }
p.empty { color: #555; font-style: italic; }
""".strip()
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def to_html(plan: WellnessPlan) -> str:
    """The plan as a self-contained printable page (no scripts, every value escaped)."""
    out = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{TITLE}</title>", f"<style>\n{STYLE}\n</style>", "</head>", "<body>",
        f"<h1>{TITLE}</h1>",
        f'<p class="meta">{html_escape(version_line(plan))}. Private: shared by me, to use in supervision.</p>',
    ]
    for name, heading, _ in SECTIONS:
        lines = [html_escape(line.strip()) for line in getattr(plan, name).splitlines() if line.strip()]
        body = f"<p>{'<br>'.join(lines)}</p>" if lines else '<p class="empty">(not filled in)</p>'
        out.append(f"<section><h2>{html_escape(heading)}</h2>{body}</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(plan: WellnessPlan, fmt: str) -> str:
    """The plan in ``fmt`` ("md" or "html")."""
    if fmt == "md":
        return to_markdown(plan)
    if fmt == "html":
        return to_html(plan)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def default_name(plan: WellnessPlan, fmt: str, today: date) -> str:
    """'wellness-plan-v3-2026-11-20.html'."""
    return f"wellness-plan-v{plan.version}-{today.isoformat()}.{fmt}"


def write_plan(plan: WellnessPlan, path: Path, fmt: str, *, force: bool = False) -> Path:
    """Write the plan to ``path`` (0600, atomically); raises ExportExists / ExportFailed."""
    return write_export(path, render(plan, fmt).encode("utf-8"), force=force)
