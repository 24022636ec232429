"""What the home dashboard shows: sessions coming up, and each group at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from psw_tui.models import Group, SessionHeader, SessionStatus
from psw_tui.storage import RecordStore

UPCOMING_DAYS = 14


@dataclass(frozen=True)
class SessionRow:
    """A session on the dashboard: running now, or planned for the next two weeks."""

    header: SessionHeader
    group: Group


def upcoming_sessions(store: RecordStore, today: date, days: int = UPCOMING_DAYS) -> list[SessionRow]:
    """Running sessions first, then planned ones from today to ``days`` ahead, soonest first."""
    groups = {group.id: group for group in store.groups.all() if not group.archived}
    until = today + timedelta(days=days)
    running: list[SessionRow] = []
    planned: list[SessionRow] = []
    for header in store.sessions.headers():
        group = groups.get(header.group_id)
        if group is None:
            continue
        if header.status is SessionStatus.RUNNING:
            running.append(SessionRow(header, group))
        elif header.status is SessionStatus.PLANNED and today <= header.date <= until:
            planned.append(SessionRow(header, group))
    return running + planned


def todays_session(store: RecordStore, group_id: UUID, today: date) -> SessionHeader | None:
    """The group's running session, else its first session planned for today."""
    own = [h for h in store.sessions.headers(group_id)]
    for header in own:
        if header.status is SessionStatus.RUNNING:
            return header
    for header in own:
        if header.status is SessionStatus.PLANNED and header.date == today:
            return header
    return None
