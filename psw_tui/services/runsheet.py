"""The run-sheet: a facilitator's printable plan of a planned or running session.

:func:`build_runsheet` gathers everything the facilitator holds on paper into one plain
:class:`Runsheet`: the agenda with clock times from the session's start time (or times from
the start when none is set), each segment's minutes, kind, lead and prompts, which segments
are protected, the check-in question, the group agreement and the group's signposting list
as written there. The renderers in :mod:`psw_tui.services.exports.runsheet_render` only
format it.

Names: a run-sheet carries no member names unless a paper register is asked for
(``with_register``), which lists the active roster's display names beside blank boxes.
Segment leads come from ``leads`` (segment id -> display name); the Segment model has no
lead field yet, so today every caller passes none and no lead is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from psw_tui.models import Group, Member, SegmentKind, Session, SessionStatus
from psw_tui.services.templates import SEGMENT_KIND_LABELS
from psw_tui.storage import RecordStore

BULLETS = ("- ", "* ", "• ", "– ")
# Blank rows under the roster on a paper register, for walk-ins and guests.
WALK_IN_ROWS = 4
STATUS_WORDS = {SessionStatus.PLANNED: "planned", SessionStatus.RUNNING: "running now"}
NO_START_TIME = "No start time set: times from the start."
PROTECTED_WORDS = "Protected: never shortened or dropped when catching up on time."


class NoRunsheet(ValueError):
    """A run-sheet is only for a planned or running session; the message says why not."""


@dataclass(frozen=True)
class RunsheetSegment:
    """One segment of the plan, with its times as shown (``14:05`` or ``+0:05``)."""

    number: int
    starts: str
    ends: str
    title: str
    minutes: int
    kind: str
    protected: bool
    prompts: tuple[str, ...]
    question: str = ""  # the check-in question, on check-in segments
    lead: str = ""  # who leads it; empty when nobody is set
    dropped: bool = False  # dropped by a live rebalance (a running session)


@dataclass(frozen=True)
class AgreementLine:
    """One line of the group agreement: a list item (``bullet``) or a plain paragraph."""

    text: str
    bullet: bool


@dataclass(frozen=True)
class Runsheet:
    """Everything a run-sheet shows; member names only in ``register``."""

    group_name: str
    title: str
    date: date
    status: str
    start_time: time | None
    ends: str  # the planned end, as a clock time or "+1:30"
    segments: tuple[RunsheetSegment, ...]
    total_minutes: int
    check_in_question: str
    agreement: tuple[AgreementLine, ...]
    signposting: tuple[str, ...]
    register: tuple[str, ...] | None  # None: no paper register asked for
    walk_in_rows: int = WALK_IN_ROWS

    @property
    def clock_times(self) -> bool:
        """Whether the times are clock times (a start time is set) or times from the start."""
        return self.start_time is not None

    @property
    def any_protected(self) -> bool:
        """Whether any segment is protected (the key to the mark is then shown)."""
        return any(s.protected for s in self.segments)

    @property
    def heading(self) -> str:
        """'Run-sheet: Tuesday Hearing Voices Group'."""
        return f"Run-sheet: {self.group_name}"

    @property
    def when(self) -> str:
        """'Tuesday 24 November 2026, 14:00 to 15:30' (or without times)."""
        day = self.date
        text = f"{day:%A} {day.day} {day:%B %Y}"
        if self.start_time is not None:
            text += f", {self.start_time:%H:%M} to {self.ends}"
        return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _offset(minutes: int) -> str:
    return f"+{minutes // 60}:{minutes % 60:02d}"


def _clock(start: datetime | None, minutes: int) -> str:
    if start is None:
        return _offset(minutes)
    return f"{start + timedelta(minutes=minutes):%H:%M}"


def agreement_lines(text: str) -> tuple[AgreementLine, ...]:
    """The agreement's non-blank lines; ``- item`` lines become list items."""
    lines = []
    for raw in text.splitlines():
        line = _one_line(raw)
        if not line:
            continue
        marker = next((b for b in BULLETS if (line + " ").startswith(b)), None)
        if marker is not None:
            item = line[len(marker):].strip()
            if item:
                lines.append(AgreementLine(item, True))
        else:
            lines.append(AgreementLine(line, False))
    return tuple(lines)


def compose_runsheet(
    session: Session,
    group: Group | None,
    roster: list[Member],
    *,
    with_register: bool = False,
    leads: Mapping[UUID, str] | None = None,
) -> Runsheet:
    """The run-sheet of ``session`` from its records (pure: no storage).

    Raises :class:`NoRunsheet` for an ended or cancelled session. ``roster`` is read only
    when ``with_register`` is true.
    """
    if session.status not in STATUS_WORDS:
        raise NoRunsheet(
            f"this session is {session.status.value}; a run-sheet is for a planned or running "
            "session (psw-tui export gives an ended session's record)"
        )
    leads = leads or {}
    start = session.starts
    question = _one_line(session.check_in_question)
    dropped = set(session.dropped_segment_ids)
    segments, elapsed = [], 0
    for number, segment in enumerate(session.agenda, start=1):
        is_dropped = segment.id in dropped
        length = 0 if is_dropped else segment.minutes
        segments.append(RunsheetSegment(
            number=number,
            starts=_clock(start, elapsed),
            ends=_clock(start, elapsed + length),
            title=_one_line(segment.title),
            minutes=segment.minutes,
            kind=SEGMENT_KIND_LABELS[segment.kind],
            protected=segment.protected,
            prompts=tuple(_one_line(p) for p in segment.prompts if p.strip()),
            question=question if segment.kind is SegmentKind.CHECK_IN else "",
            lead=_one_line(leads.get(segment.id, "")),
            dropped=is_dropped,
        ))
        elapsed += length
    register = None
    if with_register:
        active = [m for m in roster if m.active and (group is None or m.group_id == group.id)]
        register = tuple(sorted((_one_line(m.display_name) for m in active), key=lambda n: (n.casefold(), n)))
    return Runsheet(
        group_name=_one_line(group.name) if group else "(group removed)",
        title=_one_line(session.title),
        date=session.date,
        status=STATUS_WORDS[session.status],
        start_time=session.start_time,
        ends=_clock(start, elapsed),
        segments=tuple(segments),
        total_minutes=elapsed,
        check_in_question=question,
        agreement=agreement_lines(group.agreement) if group else (),
        signposting=tuple(_one_line(item) for item in group.signposting) if group else (),
        register=register,
    )


def build_runsheet(store: RecordStore, session_id: UUID, *, with_register: bool = False) -> Runsheet:
    """The run-sheet of one planned or running session, read from ``store``.

    Raises :class:`NoRunsheet` for an ended or cancelled session, and the store's
    ``RecordNotFound`` for an unknown one.
    """
    session = store.sessions.get(session_id)
    group = store.groups.get(session.group_id)
    roster = [m for m in store.members.all() if m.group_id == session.group_id] if with_register else []
    return compose_runsheet(session, group, roster, with_register=with_register)
