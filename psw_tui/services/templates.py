"""The template library and the agenda editing rules (for templates and planned sessions).

Built-in templates are read-only: duplicate one to edit it. The segment operations here are
pure functions over a list of segments, so the same editor edits a template or a planned
session's own agenda; saving is a separate, validated step that writes nothing if anything
is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from psw_tui.models import GroupKind, Segment, SegmentKind, SessionStatus, Template
from psw_tui.models import labels
from psw_tui.services.forms import Checker, FormError
from psw_tui.storage import RecordStore
from psw_tui.storage.errors import RecordNotFound

SEGMENT_KIND_LABELS = labels.SEGMENT_KIND


@dataclass(frozen=True)
class Fit:
    """An agenda's total against the slot it must fit in."""

    total: int
    slot: int | None

    @property
    def over(self) -> int:
        """Minutes over the slot (0 when it fits or there is no slot)."""
        return max(0, self.total - self.slot) if self.slot is not None else 0

    @property
    def fits(self) -> bool:
        return self.over == 0

    def describe(self) -> str:
        """E.g. 'Total 85 min of a 90 min slot: 5 min spare'."""
        if self.slot is None:
            return f"Total {self.total} min (no group uses this template yet)"
        if self.over:
            return f"Total {self.total} min: {self.over} min OVER the {self.slot} min slot"
        spare = self.slot - self.total
        tail = "fits exactly" if spare == 0 else f"{spare} min spare"
        return f"Total {self.total} min of a {self.slot} min slot: {tail}"


def fit(segments: list[Segment], slot: int | None) -> Fit:
    """How a list of segments fits a slot."""
    return Fit(sum(s.minutes for s in segments), slot)


# -- library -----------------------------------------------------------------------------


def library(store: RecordStore) -> list[Template]:
    """Built-in templates first, then the user's own, each by name."""
    return sorted(store.templates.all(), key=lambda t: (not t.builtin, t.name.casefold()))


def template(store: RecordStore, template_id: UUID) -> Template:
    """One template; raises RecordNotFound."""
    found = store.templates.get(template_id)
    if found is None:
        raise RecordNotFound("that template is no longer in the library")
    return found


def slot_for_template(store: RecordStore, template_id: UUID) -> int | None:
    """The shortest slot of the active groups that use this template by default."""
    slots = [
        g.slot_minutes for g in store.groups.all()
        if g.default_template_id == template_id and not g.archived
    ]
    return min(slots) if slots else None


def _unique_name(store: RecordStore, wanted: str, own_id: UUID | None = None) -> str:
    taken = {t.name.casefold() for t in store.templates.all() if t.id != own_id}
    name, number = wanted[:110], 2
    while name.casefold() in taken:
        name = f"{wanted[:105]} ({number})"
        number += 1
    return name


def copy_segments(segments: list[Segment]) -> list[Segment]:
    """Deep copies with fresh ids (a session's agenda or a duplicate never shares ids)."""
    return [s.model_copy(deep=True, update={"id": uuid4()}) for s in segments]


def duplicate(store: RecordStore, template_id: UUID) -> Template:
    """Save an editable copy of a template (built-in or not), named 'X (copy)'."""
    source = template(store, template_id)
    copy = Template(
        name=_unique_name(store, f"{source.name} (copy)"),
        group_kind=source.group_kind,
        description=source.description,
        segments=copy_segments(source.segments),
    )
    return store.templates.save(copy)


def new_template(store: RecordStore, name: str, group_kind: GroupKind) -> Template:
    """Save a new, empty user template (the name must be new)."""
    check = Checker()
    name = check.text("name", name, what="a name for the template")
    if name and any(t.name.casefold() == name.casefold() for t in store.templates.all()):
        check.fail("name", f"There is already a template called {name}.")
    check.done()
    return store.templates.save(Template(name=name, group_kind=group_kind))


def save_template(
    store: RecordStore, template_id: UUID, name: str, group_kind: GroupKind, segments: list[Segment]
) -> Template:
    """Validate and save a user template whole; built-ins are refused."""
    current = template(store, template_id)
    if current.builtin:
        raise FormError({"name": "Built-in templates cannot be changed: duplicate it to edit."})
    check = Checker()
    name = check.text("name", name, what="a name for the template")
    if name and any(
        t.name.casefold() == name.casefold() and t.id != template_id for t in store.templates.all()
    ):
        check.fail("name", f"There is already a template called {name}.")
    _check_agenda(check, segments)
    check.done()
    updated = current.model_copy(update={"name": name, "group_kind": group_kind, "segments": segments})
    return store.templates.save(Template.model_validate(updated.model_dump()))


def delete_template(store: RecordStore, template_id: UUID) -> None:
    """Remove a user template that no group uses by default (sessions keep their own copy)."""
    current = template(store, template_id)
    if current.builtin:
        raise FormError({"template": "Built-in templates cannot be deleted."})
    users = sorted(g.name for g in store.groups.all() if g.default_template_id == template_id)
    if users:
        raise FormError({"template": f"It is the default of {', '.join(users)}; change that first."})
    store.templates.delete(template_id)


def _check_agenda(check: Checker, segments: list[Segment]) -> None:
    if not segments:
        check.fail("segments", "Add at least one segment.")
    elif sum(s.minutes for s in segments) > 480:
        check.fail("segments", "The agenda is longer than 8 hours.")


# -- a planned session's own agenda --------------------------------------------------------


def save_session_agenda(store: RecordStore, session_id: UUID, segments: list[Segment]) -> None:
    """Save a planned session's agenda (its template is never touched)."""
    session = store.sessions.get(session_id)
    if session.status is not SessionStatus.PLANNED:
        raise FormError({"segments": "Only a planned session's agenda can be edited."})
    check = Checker()
    _check_agenda(check, segments)
    check.done()
    store.sessions.save(session.model_copy(update={"agenda": list(segments)}))


# -- segment editing (pure) ----------------------------------------------------------------


def segment_from_form(
    title: str,
    minutes: str | int,
    kind: SegmentKind,
    optional: bool,
    prompts: str,
    *,
    keep_id: UUID | None = None,
    protected: bool = False,
    lead_id: UUID | None = None,
) -> Segment:
    """A validated segment from what the segment form holds (prompts one per line);
    ``protected`` and ``lead_id`` carry over what the form does not show or sets."""
    check = Checker()
    title = check.text("title", title, what="a title for the segment")
    number = check.whole_number("minutes", minutes, low=0, high=480, unit="minutes")
    lines = [line.strip() for line in prompts.splitlines() if line.strip()]
    if any(len(line) > 1000 for line in lines):
        check.fail("prompts", "Keep each prompt to 1,000 characters or fewer.")
    check.done()
    return Segment(
        id=keep_id or uuid4(), title=title, minutes=number, kind=kind, optional=optional, prompts=lines,
        protected=protected, lead_id=lead_id,
    )


def insert(segments: list[Segment], index: int, segment: Segment) -> list[Segment]:
    """A new list with ``segment`` at ``index`` (clamped to the ends)."""
    index = max(0, min(index, len(segments)))
    return [*segments[:index], segment, *segments[index:]]


def replace(segments: list[Segment], index: int, segment: Segment) -> list[Segment]:
    """A new list with the segment at ``index`` replaced."""
    return [segment if i == index else s for i, s in enumerate(segments)]


def remove(segments: list[Segment], index: int) -> list[Segment]:
    """A new list without the segment at ``index``."""
    return [s for i, s in enumerate(segments) if i != index]


def move(segments: list[Segment], index: int, step: int) -> tuple[list[Segment], int]:
    """Move one segment up (-1) or down (+1); returns the new list and where it went."""
    target = index + step
    if not (0 <= index < len(segments)) or not (0 <= target < len(segments)):
        return list(segments), index
    moved = list(segments)
    moved[index], moved[target] = moved[target], moved[index]
    return moved, target


def change_minutes(segments: list[Segment], index: int, delta: int) -> list[Segment]:
    """Add or take minutes off one segment (never below 0 or above 480)."""
    segment = segments[index]
    minutes = max(0, min(480, segment.minutes + delta))
    return replace(segments, index, segment.model_copy(update={"minutes": minutes}))
