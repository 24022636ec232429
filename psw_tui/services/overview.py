"""What the home screen shows: each group with its last and next session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from psw_tui.models import Group, SessionHeader, SessionStatus
from psw_tui.storage import RecordStore


@dataclass(frozen=True)
class GroupOverview:
    """One row of the home screen."""

    group: Group
    members: int
    last: SessionHeader | None
    next: SessionHeader | None
    running: SessionHeader | None


def group_overviews(store: RecordStore, today: date | None = None) -> list[GroupOverview]:
    """Active groups, by name, each with its last ended and next planned session."""
    today = today or date.today()
    headers = store.sessions.headers()
    members: dict = {}
    for member in store.members.all():
        if member.active:
            members[member.group_id] = members.get(member.group_id, 0) + 1
    rows = []
    for group in sorted(store.groups.all(), key=lambda g: g.name.casefold()):
        if group.archived:
            continue
        own = [h for h in headers if h.group_id == group.id]
        ended = [h for h in own if h.status is SessionStatus.ENDED]
        planned = [h for h in own if h.status is SessionStatus.PLANNED and h.date >= today]
        running = [h for h in own if h.status is SessionStatus.RUNNING]
        rows.append(
            GroupOverview(
                group=group,
                members=members.get(group.id, 0),
                last=ended[-1] if ended else None,
                next=planned[0] if planned else None,
                running=running[-1] if running else None,
            )
        )
    return rows
