"""Closing a session: the facilitator's private debrief, the register check, signposting.

Every function saves at once (one durable write) and returns what was saved.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import ValidationError

from psw_tui.models import AnonymousNote, Debrief, Group, NoteKind, Session
from psw_tui.models import labels
from psw_tui.services.summary import FACILITATOR_ROLES, IN_ROOM
from psw_tui.storage import RecordNotFound, RecordStore


class ClosingError(ValueError):
    """Input that cannot be saved; the message says what is wrong."""


def save_debrief(store: RecordStore, session_id: UUID, debrief: Debrief) -> Session:
    """Keep the facilitator's debrief with the session (private: in no summary)."""
    session = store.sessions.get(session_id)
    updated = session.model_copy(update={"debrief": debrief})
    return store.sessions.save(Session.model_validate(updated.model_dump()))


def unmarked(store: RecordStore, session_id: UUID) -> list[tuple[UUID, str, str]]:
    """Register entries with no status yet, as (entry id, name, role), by name."""
    session = store.sessions.get(session_id)
    members = {m.id: m for m in store.members.all() if m.group_id == session.group_id}
    rows = []
    for entry in store.register(session_id).all():
        if entry.status is not None:
            continue
        member = members.get(entry.member_id) if entry.member_id is not None else None
        name, role = labels.register_row_words(entry, member)
        rows.append((entry.id, name, role))
    return sorted(rows, key=lambda row: (row[1].casefold(), row[1]))


def co_facilitators(store: RecordStore, session_id: UUID) -> list[tuple[UUID, str]]:
    """The session's facilitators after the first (present on the register, or leading a
    segment), as (member id, name): each has a private part of the debrief."""
    session = store.sessions.get(session_id)
    members = {m.id: m for m in store.members.all() if m.group_id == session.group_id}
    leading = {segment.lead_id for segment in session.agenda if segment.lead_id is not None}
    present = {
        entry.member_id for entry in store.register(session_id).all()
        if entry.member_id is not None and entry.status in IN_ROOM
    }
    facilitators = sorted(
        (m for m in members.values() if m.role in FACILITATOR_ROLES and (m.id in present or m.id in leading)),
        key=lambda m: m.display_name.casefold(),
    )
    return [(m.id, m.display_name) for m in facilitators[1:]]


def save_co_debrief(store: RecordStore, session_id: UUID, member_id: UUID, how_was_it: str) -> Session:
    """Keep a co-facilitator's private part of the debrief (in no summary)."""
    session = store.sessions.get(session_id)
    parts = dict(session.co_debriefs)
    parts[member_id] = Debrief(how_was_it=how_was_it.strip())
    return store.sessions.save(session.model_copy(update={"co_debriefs": parts}))


def save_learner_count(store: RecordStore, session_id: UUID, count: int | None) -> Session:
    """A course's learners today, when learners are not on a roster (None: not counted)."""
    session = store.sessions.get(session_id)
    return store.sessions.save(Session.model_validate({**session.model_dump(), "learner_count": count}))


def clean_signposting(items: list[str]) -> list[str]:
    """Trimmed, non-blank, without repeats (any case), in the order given."""
    seen: set[str] = set()
    cleaned = []
    for item in items:
        text = " ".join(item.split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    return cleaned


def save_signposting(store: RecordStore, group_id: UUID, items: list[str]) -> Group:
    """Replace a group's signposting list (services and crisis numbers it keeps)."""
    group = store.groups.get(group_id)
    if group is None:
        raise RecordNotFound(f"no group {group_id}")
    try:
        updated = Group.model_validate({**group.model_dump(), "signposting": clean_signposting(items)})
    except ValidationError as error:
        raise ClosingError(f"a signposting entry is too long ({error.errors()[0]['msg']})") from None
    return store.groups.save(updated)


def signposts_offered(store: RecordStore, session_id: UUID) -> set[str]:
    """Texts (case-folded) of the signpost notes already recorded in a session."""
    return {
        " ".join(n.text.split()).casefold()
        for n in store.notes(session_id).all()
        if n.kind is NoteKind.SIGNPOST
    }


def record_signposts(store: RecordStore, session_id: UUID, texts: list[str]) -> int:
    """Record each signposting entry offered in the session once (as an anonymous note).

    Entries already recorded are skipped; returns how many were added.
    """
    session = store.sessions.get(session_id)
    already = signposts_offered(store, session_id)
    new = [
        AnonymousNote(kind=NoteKind.SIGNPOST, session_id=session.id, session_date=session.date, text=text)
        for text in clean_signposting(texts)
        if text.casefold() not in already
    ]
    if new:
        store.notes(session_id).save_many(new)
    return len(new)
