"""The private "For supervision" list: debriefs and ``r:`` reflections marked to bring to the
next supervision session, with their dates. It is the worker's own list: no session export
includes it; it exports on its own, to Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from psw_tui.models import FacilitatorNote, SessionStatus
from psw_tui.storage import RecordStore
from psw_tui.storage.scan import iter_parts
from psw_tui.storage.export_files import write_export

DEBRIEF_QUESTIONS = (
    ("how_was_it", "How was it for me"),
    ("to_escalate", "Anything to escalate"),
    ("self_care", "Self-care"),
    ("for_supervision", "To take to supervision"),
)


@dataclass(frozen=True)
class SupervisionItem:
    """One thing to bring: from which session, what kind, the words."""

    day: date
    group: str
    kind: str  # "Debrief" or "Reflection in the session"
    lines: tuple[str, ...]


def supervision_items(store: RecordStore) -> list[SupervisionItem]:
    """Every debrief and facilitator reflection marked for supervision, newest first."""
    groups = {group.id: group.name for group in store.groups.all()}
    headers = [h for h in store.sessions.headers() if h.status is not SessionStatus.PLANNED]
    items = []
    for parts in iter_parts(store, headers, ("session", "notes")):
        session = parts.session
        if session is None:
            continue
        group = groups.get(session.group_id, session.title)
        debrief = session.debrief
        if debrief is not None and debrief.bring_to_supervision:
            lines = tuple(
                f"{label}: {' '.join(getattr(debrief, field).split())}"
                for field, label in DEBRIEF_QUESTIONS if getattr(debrief, field).strip()
            )
            items.append(SupervisionItem(session.date, group, "Debrief", lines or ("(no answers written)",)))
        for note in parts.notes:
            if isinstance(note, FacilitatorNote) and note.for_supervision:
                items.append(SupervisionItem(session.date, group, "Reflection in the session", (note.text,)))
    return sorted(items, key=lambda item: (item.day, item.group, item.kind, item.lines), reverse=True)


def supervision_markdown(items: list[SupervisionItem]) -> str:
    """The list as a Markdown document to take to supervision."""
    out = ["# For supervision", "", "Private: my own notes to bring to supervision.", ""]
    if not items:
        out += ["Nothing is marked for supervision.", ""]
    for item in items:
        out += [f"## {item.day:%a} {item.day.day} {item.day:%b %Y} · {item.group} · {item.kind}", ""]
        out += [f"- {line}" for line in item.lines]
        out.append("")
    return "\n".join(out)


def write_supervision_list(store: RecordStore, path: Path, *, overwrite: bool = False) -> int:
    """Write the list to ``path`` (owner-only); how many items it holds."""
    items = supervision_items(store)
    write_export(path, supervision_markdown(items).encode("utf-8"), force=overwrite)
    return len(items)
