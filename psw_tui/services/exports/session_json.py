"""One session as a complete, re-importable JSON bundle (the format of ``psw-tui import``).

The bundle holds the session with its register, notes, actions and concerns, its group and
the group's roster (so every reference resolves). Reflections are never included. Records are
listed by id and there is no export time, so the same session always gives the same bytes:
export, import into an empty store, export again, and the two files are identical.
"""

from __future__ import annotations

import json
from uuid import UUID

from psw_tui.models import Bundle, SessionBundle
from psw_tui.storage import RecordNotFound, RecordStore


def _by_id(items: list) -> list:  # type: ignore[type-arg]
    return sorted(items, key=lambda item: str(item.id))


def session_bundle(store: RecordStore, session_id: UUID) -> Bundle:
    """The bundle of one session, with its group and roster."""
    session = store.sessions.get(session_id)
    group = store.groups.get(session.group_id)
    if group is None:
        raise RecordNotFound(f"the group of session {session_id} is missing")
    members = [m for m in store.members.all() if m.group_id == group.id]
    part = SessionBundle(
        session=session,
        register_entries=_by_id(store.register(session_id).all()),
        notes=_by_id(store.notes(session_id).all()),
        actions=_by_id(store.actions(session_id).all()),
        concerns=_by_id(store.concerns(session_id).all()),
    )
    return Bundle(groups=[group], members=_by_id(members), sessions=[part])


def render_bundle_json(bundle: Bundle) -> str:
    """A bundle as indented UTF-8 JSON text."""
    return json.dumps(bundle.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
