"""Laying the demo data out around the moment it is opened.

The demo fixture is a term of sessions anchored on a Friday. Opened on any day at any time,
it must still read like a real diary: what lies before today has happened, what lies ahead
is planned, nothing has "ended" later today, and one session waits for today so that a
newcomer's first Enter on the home screen starts it.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from psw_tui.models import ActionStatus, Bundle, FacilitatorNote, Group, SessionBundle, SessionStatus
from psw_tui.services.bundles import shift_dates

WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: How far ahead a planned session may be brought forward to today.
BRING_FORWARD_DAYS = 14
#: Today's session starts on the next quarter hour when its usual time has gone by.
START_STEP_MINUTES = 15


def lay_out_demo(bundle: Bundle, now: datetime) -> Bundle:
    """The demo bundle dated around ``now`` (timezone-aware; its local date is 'today').

    Every date moves by whole weeks, so each group keeps its weekday, until the anchor is
    the first Friday on or after today. Then sessions from today on that the fixture had
    already run become planned again (their records, and what depended on them, are left
    out), no timestamp is later than ``now``, and exactly one session is planned for today.
    """
    if now.tzinfo is None:
        raise ValueError("now: the demo is laid out around a timezone-aware moment")
    if bundle.anchor_date is None:
        return bundle
    local = now.astimezone()
    today = local.date()
    friday = today + timedelta(days=(bundle.anchor_date.weekday() - today.weekday()) % 7)
    shifted = shift_dates(bundle, friday)
    parts = [_not_yet_run(part) if _ran(part) and part.session.date >= today else part
             for part in shifted.sessions]
    parts = [_before(part, now) if _ran(part) else part for part in parts]
    parts = _one_session_today(parts, shifted, local)
    happened = {part.session.id for part in parts if _ran(part)}
    parts = [_reopened(part, today) for part in parts]
    reflections = [
        r
        for r in shifted.reflections
        if r.written_on <= today and r.updated_at <= now and (r.session_id is None or r.session_id in happened)
    ]
    parts.sort(key=lambda part: (part.session.date, part.session.start_time or time.min, part.session.title))
    return shifted.model_copy(update={"exported_at": now, "sessions": parts, "reflections": reflections})


def _ran(part: SessionBundle) -> bool:
    return part.session.status in (SessionStatus.RUNNING, SessionStatus.ENDED)


def _not_yet_run(part: SessionBundle) -> SessionBundle:
    """A session the fixture had run, as it was planned: agenda and check-in question only."""
    session = part.session
    agenda = [
        segment.model_copy(update={"minutes": session.original_minutes.get(segment.id, segment.minutes)})
        for segment in session.agenda
    ]
    planned = session.model_copy(
        update={
            "status": SessionStatus.PLANNED,
            "agenda": agenda,
            "started_at": None,
            "ended_at": None,
            "runs": [],
            "original_minutes": {},
            "dropped_segment_ids": [],
            "debrief": None,
        }
    )
    return SessionBundle(session=planned)


def _reopened(part: SessionBundle, today: date) -> SessionBundle:
    """Actions closed at a session that has not happened yet are still open."""
    if not any(a.closed_on is not None and a.closed_on >= today for a in part.actions):
        return part
    actions = [
        a.model_copy(update={"status": ActionStatus.OPEN, "closed_on": None})
        if a.closed_on is not None and a.closed_on >= today
        else a
        for a in part.actions
    ]
    return part.model_copy(update={"actions": actions})


def _stamps(part: SessionBundle) -> list[datetime]:
    """Every moment recorded while a session ran."""
    session = part.session
    found = [moment for moment in (session.started_at, session.ended_at) if moment is not None]
    for run in session.runs:
        found += [run.started_at, *([run.ended_at] if run.ended_at else [])]
        found += [moment for pause in run.pauses for moment in (pause.started_at, pause.ended_at) if moment]
    found += [note.created_at for note in part.notes if isinstance(note, FacilitatorNote)]
    found += [concern.recorded_at for concern in part.concerns]
    return found


def _before(part: SessionBundle, now: datetime) -> SessionBundle:
    """The session with its timing moved back by whole hours if any of it is after ``now``
    (only far east of the fixture's UK times can yesterday's evening be later than now)."""
    latest = max(_stamps(part), default=now)
    if latest <= now:
        return part
    hours = math.ceil((latest - now) / timedelta(hours=1))
    return SessionBundle.model_validate(_earlier(part.model_dump(mode="python"), timedelta(hours=hours)))


def _earlier(value: Any, delta: timedelta) -> Any:
    if isinstance(value, dict):
        return {key: _earlier(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [_earlier(item, delta) for item in value]
    if isinstance(value, datetime):
        return value - delta
    return value


def _one_session_today(parts: list[SessionBundle], bundle: Bundle, local: datetime) -> list[SessionBundle]:
    """Exactly one planned session today: the one that falls today, else one brought
    forward from the coming fortnight; a second one today waits a week."""
    today = local.date()
    groups = {group.id: group for group in bundle.groups}
    todays = sorted(
        (i for i, part in enumerate(parts) if _planned(part) and part.session.date == today),
        key=lambda i: parts[i].session.start_time or time.min,
    )
    for i in todays[1:]:
        parts[i] = _moved(parts[i], today + timedelta(weeks=1))
    chosen = todays[0] if todays else _to_bring_forward(parts, groups, today)
    if chosen is None:
        return parts
    session = parts[chosen].session
    group = groups.get(session.group_id)
    question = session.check_in_question or (group.question_bank[0] if group and group.question_bank else "")
    parts[chosen] = SessionBundle(
        session=session.model_copy(
            update={"date": today, "check_in_question": question, "start_time": _start_time(session.start_time, local)}
        )
    )
    return parts


def _planned(part: SessionBundle) -> bool:
    return part.session.status is SessionStatus.PLANNED


def _to_bring_forward(parts: list[SessionBundle], groups: dict[UUID, Group], today: date) -> int | None:
    """Which planned session of the coming fortnight to hold today instead: one whose name
    promises no weekday, of the group that has waited longest since it last met, soonest."""
    last_met: dict[UUID, date] = {}
    for part in parts:
        if _ran(part):
            group_id = part.session.group_id
            last_met[group_id] = max(last_met.get(group_id, date.min), part.session.date)

    def fitness(i: int) -> tuple[bool, int, int]:
        session = parts[i].session
        names = f"{session.title} {groups[session.group_id].name}".casefold()
        unnamed_day = not any(word in names for word in WEEKDAY_WORDS)
        waited = (today - last_met.get(session.group_id, date.min)).days
        return unnamed_day, waited, -session.date.toordinal()

    candidates = [
        i
        for i, part in enumerate(parts)
        if _planned(part)
        and today < part.session.date <= today + timedelta(days=BRING_FORWARD_DAYS)
        and part.session.group_id in groups
    ]
    return max(candidates, key=fitness) if candidates else None


def _moved(part: SessionBundle, day: date) -> SessionBundle:
    return SessionBundle(session=part.session.model_copy(update={"date": day}))


def _start_time(usual: time | None, local: datetime) -> time | None:
    """The usual time if it is still ahead today, else the next quarter hour (if any is left)."""
    now_minutes = local.hour * 60 + local.minute
    if usual is not None and usual.hour * 60 + usual.minute > now_minutes:
        return usual
    later = (now_minutes // START_STEP_MINUTES + 1) * START_STEP_MINUTES
    if later >= 24 * 60:
        return usual
    return time(later // 60, later % 60)

