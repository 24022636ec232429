"""The reflective journal: a PSW's private reflections, and exporting them for appraisal.

Reflections follow a model whose prompts are separate fields (:data:`MODEL_FIELDS`):
Gibbs' six stages, Driscoll's three questions, or free text. They are never part of a
session export; :func:`export_markdown` is the one way out, asked for by their author.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from psw_tui.models import (
    DriscollReflection,
    FreeReflection,
    GibbsReflection,
    SelfDisclosureReflection,
    Reflection,
    ReflectionModel,
)
from psw_tui.services.timesource import SystemTime
from psw_tui.storage import RecordStore
from psw_tui.storage.report_files import write_text_file

_REFLECTION: TypeAdapter[Reflection] = TypeAdapter(Reflection)


@dataclass(frozen=True)
class PromptField:
    """One field of a reflective model: its attribute, label and guiding prompt."""

    name: str
    label: str
    prompt: str


MODEL_FIELDS: dict[ReflectionModel, tuple[PromptField, ...]] = {
    ReflectionModel.GIBBS: (
        PromptField("description", "Description", "What happened?"),
        PromptField("feelings", "Feelings", "What were you thinking and feeling?"),
        PromptField("evaluation", "Evaluation", "What was good and bad about the experience?"),
        PromptField("analysis", "Analysis", "What sense can you make of the situation?"),
        PromptField("conclusion", "Conclusion", "What else could you have done?"),
        PromptField("action_plan", "Action plan", "If it arose again, what would you do?"),
    ),
    ReflectionModel.DRISCOLL: (
        PromptField("what", "What?", "What happened? What did I do, and what did others do?"),
        PromptField("so_what", "So what?", "What does it mean? What did I learn about myself and my practice?"),
        PromptField("now_what", "Now what?", "What will I do differently, and what support do I need?"),
    ),
    ReflectionModel.FREE: (PromptField("text", "Reflection", "Write freely."),),
    ReflectionModel.SELF_DISCLOSURE: (
        PromptField("what_i_shared", "What I shared", "What did I share from my own experience?"),
        PromptField("why_i_shared", "Why", "Why did I share it, then?"),
        PromptField("whom_it_served", "Whom it served", "Whom did it serve: the person, the group, me?"),
        PromptField("was_it_safe", "Was it safe", "Was it safe for me and for the group? How do I feel now?"),
        PromptField("keep_back", "Next time", "What would I keep back, or share differently, next time?"),
    ),
}

MODEL_NAMES = {
    ReflectionModel.GIBBS: "Gibbs' reflective cycle",
    ReflectionModel.DRISCOLL: "Driscoll: What? So what? Now what?",
    ReflectionModel.FREE: "Free writing",
    ReflectionModel.SELF_DISCLOSURE: "Self-disclosure: sharing my own experience",
}

_CLASSES = {
    ReflectionModel.GIBBS: GibbsReflection,
    ReflectionModel.DRISCOLL: DriscollReflection,
    ReflectionModel.FREE: FreeReflection,
    ReflectionModel.SELF_DISCLOSURE: SelfDisclosureReflection,
}


class JournalError(Exception):
    """A reflection could not be made from what was entered; ``field`` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags, trimmed, blanks and repeats (ignoring case) dropped."""
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags


def reflection_text(reflection: Reflection) -> str:
    """Every answered field of a reflection, one paragraph each (for search and lists)."""
    values = (getattr(reflection, f.name) for f in MODEL_FIELDS[reflection.model])
    return "\n".join(value.strip() for value in values if value.strip())


def build_reflection(
    model: ReflectionModel,
    *,
    title: str,
    written_on: date,
    fields: dict[str, str],
    tags: list[str] | None = None,
    session_id: UUID | None = None,
    existing: Reflection | None = None,
    time: SystemTime | None = None,
) -> Reflection:
    """A validated reflection (a new one, or ``existing`` edited); raises :class:`JournalError`."""
    allowed = {f.name for f in MODEL_FIELDS[model]}
    unknown = set(fields) - allowed
    if unknown:
        raise JournalError(sorted(unknown)[0], f"{model.value} reflections have no field {sorted(unknown)[0]}")
    if not title.strip():
        raise JournalError("title", "Give the reflection a title.")
    data: dict[str, object] = {
        "title": title,
        "written_on": written_on,
        "tags": tags or [],
        "session_id": session_id,
        "updated_at": (time or SystemTime()).now(),
        **fields,
    }
    if existing is not None:
        data["id"] = existing.id
    try:
        return _CLASSES[model].model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "title"
        raise JournalError(field, first["msg"]) from None


class Journal:
    """Create, edit, delete and export reflections in a store."""

    def __init__(self, store: RecordStore, time: SystemTime | None = None) -> None:
        self.store = store
        self.time = time or SystemTime()

    def all(self, tag: str = "") -> list[Reflection]:
        """Every reflection, newest first; with ``tag``, only those carrying it (any case)."""
        found = self.store.reflections.all()
        if tag.strip():
            wanted = tag.strip().casefold()
            found = [r for r in found if wanted in {t.casefold() for t in r.tags}]
        return found

    def get(self, reflection_id: UUID) -> Reflection | None:
        """One reflection, or None."""
        return self.store.reflections.get(reflection_id)

    def save(self, reflection: Reflection) -> Reflection:
        """Store a reflection built with :func:`build_reflection` (create or replace)."""
        return self.store.reflections.save(_REFLECTION.validate_python(reflection))

    def delete(self, reflection_id: UUID) -> bool:
        """Delete a reflection for good; True if it existed."""
        return self.store.reflections.delete(reflection_id)

    def in_range(self, date_from: date | None, date_to: date | None) -> list[Reflection]:
        """Reflections written between the two dates (inclusive), oldest first."""
        found = [
            r for r in self.store.reflections.all()
            if (date_from is None or r.written_on >= date_from) and (date_to is None or r.written_on <= date_to)
        ]
        return sorted(found, key=lambda r: (r.written_on, r.updated_at))

    def export_markdown(self, date_from: date | None, date_to: date | None) -> str:
        """The reflections of a date range as one Markdown document."""
        return reflections_markdown(self.in_range(date_from, date_to), date_from, date_to, self.session_titles())

    def write_export(self, path: Path, date_from: date | None, date_to: date | None) -> int:
        """Write :meth:`export_markdown` to ``path`` (owner-only); returns how many reflections."""
        count = len(self.in_range(date_from, date_to))
        write_text_file(path, self.export_markdown(date_from, date_to))
        return count

    def session_titles(self) -> dict[UUID, str]:
        """Title and date of every session, for showing a reflection's link."""
        return {h.id: f"{h.title} ({h.date:%d %b %Y})" for h in self.store.sessions.headers()}


def reflections_markdown(
    reflections: list[Reflection],
    date_from: date | None,
    date_to: date | None,
    sessions: dict[UUID, str] | None = None,
) -> str:
    """Markdown for an appraisal or portfolio: a heading per reflection, a section per prompt."""
    span = f"{_day(date_from) if date_from else 'the beginning'} to {_day(date_to) if date_to else 'today'}"
    lines = ["# My reflections", "", f"From {span}: {len(reflections)} reflection"
             + ("" if len(reflections) == 1 else "s") + ".", ""]
    for reflection in reflections:
        lines += [f"## {reflection.title}", "", f"*{_day(reflection.written_on)} · {MODEL_NAMES[reflection.model]}*", ""]
        if reflection.tags:
            lines += ["Tags: " + ", ".join(reflection.tags), ""]
        if reflection.session_id is not None and sessions and reflection.session_id in sessions:
            lines += [f"Session: {sessions[reflection.session_id]}", ""]
        for prompt in MODEL_FIELDS[reflection.model]:
            value = getattr(reflection, prompt.name).strip()
            if not value:
                continue
            if reflection.model is not ReflectionModel.FREE:
                lines += [f"### {prompt.label}", ""]
            lines += [value, ""]
    return "\n".join(lines).rstrip() + "\n"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
