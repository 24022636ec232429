"""Shared data for the summary and export tests: the fixed demo session and small builders."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from psw_tui.models import (
    Action,
    AnonymousNote,
    Attendance,
    Concern,
    ConcernKind,
    Debrief,
    FacilitatorNote,
    Group,
    Member,
    MemberRole,
    NoteKind,
    RegisterEntry,
    RegisterKind,
    Segment,
    SegmentKind,
    SegmentRun,
    Session,
    SessionBundle,
    SessionStatus,
)

# Tuesday Hearing Voices Group, 13 Oct 2026 "Sleep and rest": 12 on the register (a walk-in and
# a guest), themes, contributions, signposting, an action and a concern, a debrief.
GOLDEN_SESSION = UUID("0c2d37ee-4334-4f76-8753-d1d65a9764c1")
GOLDEN_NAMES = ("Juniper", "Rowan", "Wren", "Ash", "Sparrow", "Moss", "Sorrel", "Bramble", "Pip",
                "Tansy", "Ember", "Ola")
UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
TIME_PATTERN = re.compile(r"\b\d{1,2}:\d{2}\b")


def contains_word(text: str, word: str) -> bool:
    """Whether ``word`` appears in ``text`` as a whole word."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def small_session(
    names: list[str],
    statuses: list[Attendance | None],
    notes: list[tuple[NoteKind, str]],
    *,
    concerns: int = 0,
    walk_ins: list[str] | None = None,
) -> tuple[SessionBundle, Group, list[Member]]:
    """A made-up ended session: one roster member per name, notes in the order given."""
    group = Group(name="Thursday peer support", signposting=["Samaritans: 116 123"])
    members = [
        Member(group_id=group.id, display_name=name,
               role=MemberRole.FACILITATOR if index == 0 else MemberRole.MEMBER)
        for index, name in enumerate(names)
    ]
    segments = [
        Segment(title="Check-in", minutes=10, kind=SegmentKind.CHECK_IN),
        Segment(title="Sharing", minutes=30, kind=SegmentKind.SHARING),
        Segment(title="Break", minutes=0, kind=SegmentKind.BREAK, optional=True),
    ]
    start = datetime(2026, 10, 1, 13, 7, 41, tzinfo=UTC)
    runs = [
        SegmentRun(segment_id=segments[0].id, started_at=start, ended_at=start + timedelta(minutes=12)),
        SegmentRun(segment_id=segments[1].id, started_at=start + timedelta(minutes=12),
                   ended_at=start + timedelta(minutes=40)),
    ]
    session = Session(
        group_id=group.id, title="Thursday peer support", date=date(2026, 10, 1),
        start_time=time(14, 0), status=SessionStatus.ENDED, agenda=segments,
        started_at=start, ended_at=start + timedelta(minutes=41), runs=runs,
        original_minutes={segments[2].id: 10}, dropped_segment_ids=[segments[2].id],
        debrief=Debrief(how_was_it="PRIVATE-DEBRIEF tired but glad", self_care="a walk"),
    )
    register = [
        RegisterEntry(session_id=session.id, member_id=m.id, status=status)
        for m, status in zip(members, statuses, strict=False)
    ]
    register += [
        RegisterEntry(session_id=session.id, kind=RegisterKind.WALK_IN, display_name=name,
                      status=Attendance.PRESENT)
        for name in walk_ins or []
    ]
    note_records = [
        AnonymousNote(kind=kind, session_id=session.id, session_date=session.date, text=text)
        for kind, text in notes
    ]
    note_records.append(FacilitatorNote(session_id=session.id, session_date=session.date,
                                        text="PRIVATE-REFLECTION on my own practice",
                                        author=names[0] if names else None,
                                        created_at=start + timedelta(minutes=5)))
    actions = [Action(session_id=session.id, group_id=group.id, text="Find the leaflet",
                      owner_id=members[0].id if members else None, due=date(2026, 10, 8),
                      raised_on=session.date)]
    concern_records = [
        Concern(session_id=session.id, kind=ConcernKind.RISK_TO_SELF, action_taken="Spoke with the duty team",
                escalated_to="Crisis team", recorded_by="Facilitator", recorded_at=start)
        for _ in range(concerns)
    ]
    part = SessionBundle(session=session, register_entries=register, notes=note_records,
                         actions=actions, concerns=concern_records)
    return part, group, members
