"""A small fixed store for the Five Ways and arrive / leave reports, with exact numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from psw_tui.models import (
    FiveWay,
    Group,
    Pause,
    ScaleTally,
    Segment,
    SegmentKind,
    SegmentRun,
    Session,
    SessionStatus,
)
from psw_tui.storage import RecordStore

C, A, N, L, G = FiveWay.CONNECT, FiveWay.BE_ACTIVE, FiveWay.TAKE_NOTICE, FiveWay.KEEP_LEARNING, FiveWay.GIVE
WORDS = ["heavy", "low", "so-so", "okay", "light"]


@dataclass
class ReportIds:
    """Ids of what :func:`build_report_store` wrote."""

    walk: UUID
    peer: UUID
    sessions: dict[str, UUID] = field(default_factory=dict)


def _walk_agenda() -> list[Segment]:
    return [Segment(title="Meet", minutes=10, kind=SegmentKind.WELCOME, five_ways=[C]),
            Segment(title="Walk", minutes=40, kind=SegmentKind.SHARING, five_ways=[A, N, C]),
            Segment(title="Cuppa", minutes=15, kind=SegmentKind.CHECK_OUT, five_ways=[C]),
            Segment(title="Admin", minutes=5, kind=SegmentKind.CLOSE)]


def _at(day: date, minutes: int = 0) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=10, minutes=minutes)


def _ended(group: UUID, title: str, day: date, agenda: list[Segment], **extra: object) -> Session:
    return Session(group_id=group, title=title, date=day, status=SessionStatus.ENDED, agenda=agenda,
                   started_at=_at(day), ended_at=_at(day, 120), **extra)


def tally(*counts: int) -> ScaleTally:
    """A tally from five counts (point 1 first)."""
    return ScaleTally(counts=list(counts))


def build_report_store(store: RecordStore) -> ReportIds:
    """Two groups.

    "Walk group" (its own scale words): W1 ended and run live (Meet 12 min, Walk 45 min with a
    5-minute pause, Cuppa 10, Admin never run), W2 ended not run live with Cuppa dropped, W3
    planned, W4 cancelled. Five Ways minutes: connect 62 + 50 + 65 = 177, be active and take
    notice 40 x 3 = 120, untagged 0 + 5 + 5 = 10.
    "Peer group": P1 ended, not run live: connect 65, keep learning 30, give 20.
    Arrive / leave (walk group, ended sessions only): W1 arriving 6 answers mean 2.5, leaving
    7 answers mean 3.9 (change +1.4); W2 arriving 4 answers (fewer than 5), leaving 5 mean 3.0;
    W5 (2026-02-02) arriving 5 mean 3.0, leaving 5 mean 2.6 (change -0.4); W6 no tallies.
    """
    walk = Group(name="Walk group", scale_words=WORDS)
    peer = Group(name="Peer group")
    store.groups.save_many([walk, peer])
    ids = ReportIds(walk.id, peer.id)

    w1_agenda = _walk_agenda()
    day = date(2026, 1, 5)
    runs = [SegmentRun(segment_id=w1_agenda[0].id, started_at=_at(day), ended_at=_at(day, 12)),
            SegmentRun(segment_id=w1_agenda[1].id, started_at=_at(day, 12), ended_at=_at(day, 57),
                       pauses=[Pause(started_at=_at(day, 20), ended_at=_at(day, 25))]),
            SegmentRun(segment_id=w1_agenda[2].id, started_at=_at(day, 57), ended_at=_at(day, 67))]
    w1 = _ended(walk.id, "Walk 1", day, w1_agenda, runs=runs,
                arrival=tally(1, 2, 2, 1, 0), leaving=tally(0, 1, 1, 3, 2))
    w2_agenda = _walk_agenda()
    w2 = _ended(walk.id, "Walk 2", date(2026, 1, 12), w2_agenda, dropped_segment_ids=[w2_agenda[2].id],
                arrival=tally(0, 1, 2, 1, 0), leaving=tally(1, 1, 1, 1, 1))
    w3 = Session(group_id=walk.id, title="Walk 3", date=date(2026, 1, 19), agenda=_walk_agenda())
    w4 = Session(group_id=walk.id, title="Walk 4", date=date(2026, 1, 26), agenda=_walk_agenda(),
                 status=SessionStatus.CANCELLED, arrival=tally(5, 5, 5, 5, 5))
    w5 = _ended(walk.id, "Walk 5", date(2026, 2, 2), [], arrival=tally(1, 1, 1, 1, 1),
                leaving=tally(1, 2, 1, 0, 1))
    w6 = _ended(walk.id, "Walk 6", date(2026, 2, 9), [])
    p1 = _ended(peer.id, "Peer 1", date(2026, 1, 6), [
        Segment(title="Check-in", minutes=15, kind=SegmentKind.CHECK_IN, five_ways=[C]),
        Segment(title="Theme", minutes=30, kind=SegmentKind.THEME, five_ways=[L, C]),
        Segment(title="=Sharing", minutes=20, kind=SegmentKind.SHARING, five_ways=[G, C])])
    for name, session in (("w1", w1), ("w2", w2), ("w3", w3), ("w4", w4), ("w5", w5), ("w6", w6), ("p1", p1)):
        store.sessions.save(session)
        ids.sessions[name] = session.id
    return ids
