"""What the home dashboard shows: sessions coming up, and each group at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from psw_tui.models import Group, GroupKind, SessionHeader, SessionStatus
from psw_tui.storage import RecordStore

UPCOMING_DAYS = 14


@dataclass(frozen=True)
class SessionRow:
    """A session on the dashboard: running now, or planned for the next two weeks."""

    header: SessionHeader
    group: Group


def upcoming_sessions(store: RecordStore, today: date, days: int = UPCOMING_DAYS) -> list[SessionRow]:
    """Running sessions first (even of a group archived meanwhile: they must stay reachable),
    then planned ones of active groups from today to ``days`` ahead, soonest first."""
    groups = {group.id: group for group in store.groups.all()}
    until = today + timedelta(days=days)
    running: list[SessionRow] = []
    planned: list[SessionRow] = []
    for header in store.sessions.headers():
        group = groups.get(header.group_id)
        if group is None:
            continue
        if header.status is SessionStatus.RUNNING:
            running.append(SessionRow(header, group))
        elif (
            header.status is SessionStatus.PLANNED
            and not group.archived
            and today <= header.date <= until
        ):
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


@dataclass(frozen=True)
class Alerts:
    """The counts the dashboard flags: each has a report behind it with the details."""

    open_actions: int
    not_seen: int
    supervision_overdue: int
    my_supervision: str = ""  # the worker's own, e.g. "Supervision overdue: clinical (7 weeks)"

    def words(self, not_seen_after: int) -> str:
        """One calm line, e.g. '5 open actions · 2 members not seen for 3+ sessions'."""
        parts = [
            f"{self.open_actions} open action{'s' if self.open_actions != 1 else ''}",
            f"{self.not_seen} member{'s' if self.not_seen != 1 else ''} not seen for "
            f"{not_seen_after}+ sessions",
            f"{self.supervision_overdue} supervisee{'s' if self.supervision_overdue != 1 else ''} "
            "overdue for supervision",
        ]
        line = " · ".join(parts)
        return f"{line}\n{self.my_supervision}" if self.my_supervision else line


NOT_SEEN_AFTER = 3


def dashboard_alerts(store: RecordStore, today: date, not_seen_after: int = NOT_SEEN_AFTER,
                     supervision_every: dict[str, int] | None = None) -> Alerts:
    """Open actions, members not seen lately and supervision overdue, across active groups,
    and the worker's own supervision overdue by kind (rules: ``supervision_every``).

    This reads session files, so the home screen computes it after its first frame (and
    the reports module is imported here, not at start, for the same reason)."""
    from psw_tui.services import reports  # noqa: PLC0415
    from psw_tui.services.supervision import overdue_line, overdue_supervision  # noqa: PLC0415

    groups = [group for group in store.groups.all() if not group.archived]
    not_seen = sum(
        len(reports.members_not_seen(store, group.id, not_seen_after, today))
        for group in groups
        if group.kind is not GroupKind.SUPERVISION
    )
    overdue = sum(1 for row in reports.supervision_compliance(store, today) if row.overdue)
    actions = len(reports.open_actions(store))
    mine = overdue_line(overdue_supervision(store, today, supervision_every))
    return Alerts(actions, not_seen, overdue, mine)
