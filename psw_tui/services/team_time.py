"""Team time: which planned sessions of the next two weeks have no facilitator set.

A template is static, so the built-in "Team time" template only holds the segment "Groups
short of a facilitator". When a session is planned from a template with that segment, the
segment gets one more prompt listing the sessions short of a facilitator in the two weeks
from the session's date, as known that day ("As of 20 Nov: ..."); :func:`refresh_team_time`
brings that line up to date in the planned sessions of the coming fortnight (planning a
series calls it).

Who counts as "facilitator set": when the session's series names a facilitator, that person
must still be an active member of the group's roster; otherwise (a series naming nobody, or
a one-off session) the group's roster must have an active facilitator or co-facilitator.
Only group names, dates and times are listed, never a person's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from uuid import UUID

from psw_tui.models import MemberRole, Segment, SessionStatus
from psw_tui.storage import RecordStore

SEGMENT_TITLE = "Groups short of a facilitator"
FORTNIGHT = 14
_LINE_STARTS = ("As of ",)
_FACILITATING = (MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR)


@dataclass(frozen=True)
class ShortSession:
    """A planned session with no facilitator set."""

    session_id: UUID
    group_name: str
    day: date
    start_time: time | None

    def words(self) -> str:
        """``Tue 24 Nov 18:30 Hearing Voices Group``."""
        when = f"{self.day:%a} {self.day.day} {self.day:%b}"
        if self.start_time is not None:
            when += f" {self.start_time:%H:%M}"
        return f"{when} {self.group_name}"


def short_of_facilitator(store: RecordStore, today: date, days: int = FORTNIGHT) -> list[ShortSession]:
    """Planned sessions from ``today`` for ``days`` days (today included) with no facilitator
    set (see the module doc), soonest first."""
    members = {m.id: m for m in store.members.all()}
    groups = {g.id: g for g in store.groups.all()}
    series = {s.id: s for s in store.series.all()}
    staffed_groups = {m.group_id for m in members.values() if m.active and m.role in _FACILITATING}
    last = today + timedelta(days=days - 1)
    short = []
    for header in store.sessions.headers():
        if header.status is not SessionStatus.PLANNED or not today <= header.date <= last:
            continue
        plan = series.get(header.series_id) if header.series_id else None
        if plan is not None and plan.facilitator_id is not None:
            lead = members.get(plan.facilitator_id)
            staffed = lead is not None and lead.active and lead.group_id == header.group_id
        else:
            staffed = header.group_id in staffed_groups
        if not staffed:
            group = groups.get(header.group_id)
            name = group.name if group else "(a group no longer there)"
            short.append(ShortSession(header.id, name, header.date, header.start_time))
    return short


def short_line(store: RecordStore, day: date, today: date) -> str:
    """The prompt line: who is short in the fortnight from ``day``, as known ``today``."""
    short = short_of_facilitator(store, day)
    listed = "; ".join(item.words() for item in short) if short else "no planned session is short"
    return f"As of {today.day} {today:%b}: {listed}."


def is_filled_line(prompt: str) -> bool:
    """Whether a prompt is the line this module fills in (not typed by a person)."""
    return prompt.startswith(_LINE_STARTS)


def fill_team_time(store: RecordStore, agenda: list[Segment], day: date, today: date) -> list[Segment]:
    """``agenda`` with the "Groups short of a facilitator" segment's line filled in (or
    replaced) for a session on ``day``, as known ``today``; without that segment it is
    returned as it is."""
    if not any(segment.title.casefold() == SEGMENT_TITLE.casefold() for segment in agenda):
        return agenda
    line = short_line(store, day, today)
    filled = []
    for segment in agenda:
        if segment.title.casefold() == SEGMENT_TITLE.casefold():
            prompts = [p for p in segment.prompts if not is_filled_line(p)] + [line]
            segment = segment.model_copy(update={"prompts": prompts})
        filled.append(segment)
    return filled


def refresh_team_time(store: RecordStore, today: date, days: int = FORTNIGHT) -> int:
    """Bring the line up to date in every planned session of the next ``days`` days that has
    the segment; returns how many sessions changed."""
    changed = 0
    last = today + timedelta(days=days - 1)
    for header in store.sessions.headers():
        if header.status is not SessionStatus.PLANNED or not today <= header.date <= last:
            continue
        if store.sessions.is_damaged(header.id):
            continue
        session = store.sessions.get(header.id)
        agenda = fill_team_time(store, session.agenda, session.date, today)
        if agenda != session.agenda:
            store.sessions.save(session.model_copy(update={"agenda": agenda}))
            changed += 1
    return changed
