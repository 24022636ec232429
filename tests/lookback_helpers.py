"""A small, fixed store for the look-back tests (search, reports, journal), built record by record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from psw_tui.models import (
    Action,
    ActionStatus,
    AnonymousNote,
    Attendance,
    FacilitatorNote,
    Group,
    GroupKind,
    Member,
    MemberRole,
    NoteKind,
    Pause,
    RegisterEntry,
    RegisterKind,
    Segment,
    SegmentKind,
    SegmentRun,
    Session,
    SessionStatus,
)
from psw_tui.storage import RecordStore

P, L, E, A, D = (Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY, Attendance.APOLOGIES,
                 Attendance.DID_NOT_ATTEND)


@dataclass
class Fixed:
    """Ids of what :func:`build_fixed_store` wrote."""

    groups: dict[str, UUID] = field(default_factory=dict)
    members: dict[str, UUID] = field(default_factory=dict)
    sessions: dict[str, UUID] = field(default_factory=dict)


def _session(store: RecordStore, group: UUID, title: str, day: date, *, status: SessionStatus = SessionStatus.ENDED,
             agenda: list[Segment] | None = None, runs: list[SegmentRun] | None = None,
             dropped: list[UUID] | None = None) -> Session:
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=10)
    ended = status is SessionStatus.ENDED
    session = Session(group_id=group, title=title, date=day, status=status, agenda=agenda or [],
                      runs=runs or [], dropped_segment_ids=dropped or [],
                      started_at=start if ended else None,
                      ended_at=start + timedelta(hours=2) if ended else None)
    return store.sessions.save(session)


def _register(store: RecordStore, session: Session, marks: dict[UUID, Attendance | None]) -> None:
    store.register(session.id).save_many(
        [RegisterEntry(session_id=session.id, member_id=m, status=s) for m, s in marks.items()])


def _note(store: RecordStore, session: Session, kind: NoteKind, text: str, tags: list[str] | None = None) -> None:
    if kind is NoteKind.FACILITATOR_REFLECTION:
        note = FacilitatorNote(session_id=session.id, session_date=session.date, text=text)
    else:
        note = AnonymousNote(kind=kind, session_id=session.id, session_date=session.date, text=text,
                             tags=tags or [])
    store.notes(session.id).save(note)


def _run(segment: Segment, at: datetime, minutes: int, paused: int = 0) -> SegmentRun:
    pauses = [Pause(started_at=at + timedelta(minutes=1), ended_at=at + timedelta(minutes=1 + paused))] if paused else []
    return SegmentRun(segment_id=segment.id, started_at=at, ended_at=at + timedelta(minutes=minutes), pauses=pauses)


def build_fixed_store(store: RecordStore) -> Fixed:
    """Two groups: a weekly peer group (4 ended sessions, 1 planned) and a monthly supervision
    group (3 ended, 1 planned); registers, notes, actions and agendas with exact numbers."""
    fixed = Fixed()
    peer = Group(name="Tuesday Peer Group", kind=GroupKind.PEER_SUPPORT)
    sup = Group(name="PSW Supervision", kind=GroupKind.SUPERVISION)
    store.groups.save_many([peer, sup])
    fixed.groups = {"peer": peer.id, "sup": sup.id}
    people = [("Ash", peer, MemberRole.MEMBER, True), ("Bea", peer, MemberRole.MEMBER, True),
              ("Cleo", peer, MemberRole.MEMBER, True), ("Fen", peer, MemberRole.FACILITATOR, True),
              ("Pia", sup, MemberRole.SUPERVISEE, True), ("Quin", sup, MemberRole.SUPERVISEE, True),
              ("Ren", sup, MemberRole.SUPERVISEE, True), ("Sol", sup, MemberRole.SUPERVISEE, False),
              ("Vik", sup, MemberRole.SUPERVISOR, True)]
    members = [Member(group_id=g.id, display_name=n, role=r, active=a) for n, g, r, a in people]
    store.members.save_many(members)
    m = fixed.members = {member.display_name: member.id for member in members}

    days = [date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20), date(2026, 1, 27)]
    s = [_session(store, peer.id, f"Peer session {i + 1}", day) for i, day in enumerate(days)]
    _session(store, peer.id, "Peer session 5", date(2026, 2, 3), status=SessionStatus.PLANNED)
    fixed.sessions.update({f"s{i + 1}": x.id for i, x in enumerate(s)})
    _register(store, s[0], {m["Ash"]: P, m["Bea"]: P, m["Cleo"]: A, m["Fen"]: P})
    store.register(s[0].id).save(RegisterEntry(session_id=s[0].id, kind=RegisterKind.WALK_IN,
                                               display_name="Walk-in Wyn", status=P))
    _register(store, s[1], {m["Ash"]: L, m["Bea"]: D, m["Cleo"]: A, m["Fen"]: P})
    _register(store, s[2], {m["Ash"]: P, m["Bea"]: A, m["Cleo"]: D, m["Fen"]: P})
    _register(store, s[3], {m["Ash"]: E, m["Bea"]: D, m["Cleo"]: None, m["Fen"]: P})
    _note(store, s[0], NoteKind.THEME, "Hope and café mornings", ["Hope"])
    _note(store, s[0], NoteKind.CONTRIBUTION, "Walking to the CAFÉ helped me get out of the house.")
    _note(store, s[1], NoteKind.THEME, "Hope in small steps", ["hope", "Routine"])
    _note(store, s[1], NoteKind.SIGNPOST, "Leaflet for the hopeline evening service")
    _note(store, s[2], NoteKind.CONTRIBUTION, "hope hope hope")
    _note(store, s[3], NoteKind.THEME, "The café again")
    _note(store, s[3], NoteKind.FACILITATOR_REFLECTION, "Quiet group today; I felt tired.")
    book = Action(session_id=s[0].id, group_id=peer.id, text="Book the room", raised_on=days[0])
    carried = Action(session_id=s[0].id, group_id=peer.id, text="Ask about bus passes", raised_on=days[0])
    store.actions(s[0].id).save_many([book, carried])
    store.actions(s[1].id).save(Action(session_id=s[1].id, group_id=peer.id, text="Call the café",
                                       raised_on=days[1], status=ActionStatus.DONE, closed_on=days[2]))
    store.actions(s[2].id).save_many([
        Action(session_id=s[2].id, group_id=peer.id, text="=SUM(A1)", raised_on=days[2],
               owner_id=m["Ash"], due=date(2026, 2, 1)),
        carried.model_copy(update={"status": ActionStatus.DONE, "closed_on": days[2]}),
    ])

    check_in = Segment(title="Check-in", minutes=10, kind=SegmentKind.CHECK_IN)
    case = Segment(title="Case discussion", minutes=40, kind=SegmentKind.CASE_DISCUSSION)
    review = Segment(title="Actions", minutes=10, kind=SegmentKind.ACTIONS_REVIEW)
    close = Segment(title="Close", minutes=5, kind=SegmentKind.CLOSE)
    t1 = _session(store, sup.id, "Supervision January", date(2026, 1, 9), agenda=[check_in, case, review, close])
    agree = Segment(title="Agreement", minutes=5, kind=SegmentKind.AGREEMENT)
    at = datetime(2026, 2, 6, 10, tzinfo=UTC)
    t2_agenda = [check_in.model_copy(), case.model_copy(), agree]
    t2 = _session(store, sup.id, "Supervision February", date(2026, 2, 6), agenda=t2_agenda,
                  runs=[_run(t2_agenda[0], at, 12), _run(t2_agenda[1], at + timedelta(minutes=12), 30, paused=5),
                        _run(agree, at + timedelta(minutes=42), 3)])
    sharing = Segment(title="Sharing", minutes=20, kind=SegmentKind.SHARING)
    theme = Segment(title="Theme: lone working", minutes=15, kind=SegmentKind.THEME)
    check_out = Segment(title="Check-out", minutes=5, kind=SegmentKind.CHECK_OUT)
    t3 = _session(store, sup.id, "Supervision March", date(2026, 3, 6), agenda=[sharing, theme, check_out],
                  dropped=[sharing.id])
    _session(store, sup.id, "Supervision April", date(2026, 4, 3), status=SessionStatus.PLANNED)
    fixed.sessions.update({"t1": t1.id, "t2": t2.id, "t3": t3.id})
    _register(store, t1, {m["Pia"]: P, m["Quin"]: P, m["Ren"]: A, m["Sol"]: P, m["Vik"]: P})
    _register(store, t2, {m["Pia"]: D, m["Quin"]: L, m["Ren"]: A, m["Vik"]: P})
    _register(store, t3, {m["Pia"]: A, m["Quin"]: P, m["Ren"]: A, m["Vik"]: P})
    store.actions(t1.id).save(Action(session_id=t1.id, group_id=sup.id, text="Read the lone working policy",
                                     raised_on=t1.date, owner_id=m["Vik"]))
    _note(store, t1, NoteKind.THEME, "Lone working", ["safety"])
    return fixed
