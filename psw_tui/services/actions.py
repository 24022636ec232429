"""Actions carried forward: the "review actions" step at the start of a session.

Each action lives in the file of the session that raised it. Reviewing it in a later session
updates that record in place: done or dropped (closed that day), or kept open, in which case
it comes up again next time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from psw_tui.models import Action, ActionStatus, SessionHeader, SessionStatus
from psw_tui.models import labels
from psw_tui.storage import RecordStore
from psw_tui.storage.errors import RecordNotFound

STATUS_WORDS = labels.ACTION_STATUS


@dataclass(frozen=True)
class CarriedAction:
    """An action to review, with where it came from and who owns it."""

    action: Action
    raised_in: SessionHeader
    owner: str


def _earlier(store: RecordStore, session_id: UUID) -> tuple[SessionHeader, list[SessionHeader]]:
    header = store.sessions.header(session_id)
    if header is None:
        raise RecordNotFound("that session is no longer there")
    earlier = [
        h for h in store.sessions.headers(header.group_id)
        if h.id != session_id
        and h.status in (SessionStatus.ENDED, SessionStatus.RUNNING)
        and h.date <= header.date
    ]
    return header, earlier


def open_actions(store: RecordStore, session_id: UUID) -> list[CarriedAction]:
    """Open actions raised in the group's earlier sessions, oldest first."""
    _, earlier = _earlier(store, session_id)
    names = {m.id: m.display_name for m in store.members.all()}
    found = []
    for header in earlier:
        for action in store.actions(header.id).all():
            if action.status is ActionStatus.OPEN:
                owner = names.get(action.owner_id, "(removed)") if action.owner_id else ""
                found.append(CarriedAction(action, header, owner))
    return sorted(found, key=lambda c: (c.action.raised_on, c.action.text.casefold(), str(c.action.id)))


def has_open_actions(store: RecordStore, session_id: UUID) -> bool:
    """Whether the "review actions" step has anything to show for this session."""
    return bool(open_actions(store, session_id))


def set_status(store: RecordStore, action: Action, status: ActionStatus, today: date) -> Action:
    """Mark an action done, dropped or (again) open, in the session that raised it."""
    repository = store.actions(action.session_id)
    current = repository.get(action.id)
    if current is None:
        raise RecordNotFound("that action is no longer there")
    closed = None if status is ActionStatus.OPEN else today
    return repository.save(current.model_copy(update={"status": status, "closed_on": closed}))
