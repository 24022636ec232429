"""Finding the sessions to export: by id or unique prefix, a group's last, or a date range."""

from __future__ import annotations

from datetime import date

from psw_tui.models import Group, SessionHeader, SessionStatus
from psw_tui.storage import RecordStore


class SessionNotFound(LookupError):
    """No session (or group) matches, or a prefix matches several; the message says which."""


def find_session(store: RecordStore, text: str) -> SessionHeader:
    """The session whose id is ``text`` or starts with it (any case, hyphens optional)."""
    wanted = text.strip().lower().replace("-", "")
    if not wanted:
        raise SessionNotFound("give a session id (psw-tui sessions lists them)")
    found = [h for h in store.sessions.headers() if h.id.hex.startswith(wanted)]
    if not found:
        raise SessionNotFound(f"no session id starts with {text!r} (psw-tui sessions lists them)")
    if len(found) > 1:
        raise SessionNotFound(
            f"{text!r} matches {len(found)} sessions; give more of the id"
        )
    return found[0]


def find_group(store: RecordStore, name: str) -> Group:
    """The group called ``name`` (any case)."""
    matches = [g for g in store.groups.all() if g.name.casefold() == name.strip().casefold()]
    if not matches:
        raise SessionNotFound(f"no group named {name!r}")
    return matches[0]


def last_ended(store: RecordStore, group: Group) -> SessionHeader:
    """The group's most recent ended session."""
    ended = [h for h in store.sessions.headers(group.id) if h.status is SessionStatus.ENDED]
    if not ended:
        raise SessionNotFound(f"{group.name} has no ended session yet")
    return ended[-1]


def ended_between(store: RecordStore, group: Group, start: date | None, end: date | None) -> list[SessionHeader]:
    """The group's ended sessions from ``start`` to ``end`` (both included), oldest first."""
    found = [
        h for h in store.sessions.headers(group.id)
        if h.status is SessionStatus.ENDED
        and (start is None or h.date >= start)
        and (end is None or h.date <= end)
    ]
    if not found:
        span = f"{start or 'the start'} to {end or 'today'}"
        raise SessionNotFound(f"{group.name} has no ended session from {span}")
    return found


def ended_sessions(store: RecordStore) -> list[tuple[SessionHeader, str]]:
    """Every ended session with its group's name, newest first (to pick one to export)."""
    names = {g.id: g.name for g in store.groups.all()}
    ended = [h for h in store.sessions.headers() if h.status is SessionStatus.ENDED]
    return [(h, names.get(h.group_id, "(group removed)")) for h in reversed(ended)]
