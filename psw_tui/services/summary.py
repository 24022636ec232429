"""What a session leaves behind: the internal record and the shareable summary.

Both are built here as one structured :class:`SessionSummary`; the exporters only render it.
The anonymity rules live in this module and nowhere else:

* anonymous notes are listed by kind, then by case-folded text: never in entry order, never
  next to a name, never with a time of day;
* concerns appear only as "N concern(s) recorded and escalated", and only in the internal record;
* the facilitator's debrief and own reflections are private: in neither summary;
* the shareable summary has no member names (no register, no facilitators, no action owners),
  attendance only as a count with counts under 5 shown as "fewer than 5", no time of day,
  and no internal ids;
* names typed in free text are replaced by "[name]" in the shareable summary, in every field
  that reaches it (group name, session title, segment titles, notes, actions), by the one
  :class:`~psw_tui.services.names.NameDetector` of the session's people; the summary counts
  the replacements. Every shareable format renders this model, so none can skip it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from uuid import UUID

from psw_tui.models import (
    Action,
    ActionStatus,
    AnonymousNote,
    Attendance,
    Group,
    Member,
    MemberRole,
    NoteKind,
    RegisterEntry,
    RegisterKind,
    Session,
    SessionBundle,
)
from psw_tui.services.clock import read_clock
from psw_tui.models.group import DEFAULT_SCALE_WORDS
from psw_tui.models import labels
from psw_tui.services.names import NameDetector, people_names
from psw_tui.services.room_words import room_lines
from psw_tui.storage import RecordStore

# Counts below this are shown as "fewer than 5" in a shareable summary.
SMALL_COUNT = 5

IN_ROOM = frozenset({Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY})
FACILITATOR_ROLES = frozenset(
    {MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR, MemberRole.SUPERVISOR}
)
STATUS_WORDS = labels.ATTENDANCE
KIND_WORDS = labels.REGISTER_KIND_WORDS
# Sections of anonymous notes, in the order they are shown.
NOTE_SECTIONS = (
    (NoteKind.THEME, "Themes"),
    (NoteKind.CONTRIBUTION, "Contributions"),
    (NoteKind.PARKING_LOT, "Parking lot"),
    (NoteKind.SIGNPOST, "Signposting offered"),
)
ACTION_WORDS = labels.ACTION_STATUS


@dataclass(frozen=True)
class RegisterLine:
    """One person on the register (internal record only)."""

    name: str
    role: str  # "facilitator", "member", "walk-in", "guest"...
    kind: str  # "roster", "walk-in", "guest"
    status: str  # "present", "not marked"...


@dataclass(frozen=True)
class AgendaLine:
    """One segment: planned against actual minutes."""

    title: str
    planned_minutes: int
    actual_minutes: int | None  # None: never reached
    dropped: bool = False
    originally_minutes: int | None = None  # before a live rebalance changed the plan
    lead: str | None = None  # internal record only: who led the segment

    @property
    def difference_minutes(self) -> int:
        """Minutes over (positive) or under (negative) the plan; 0 if never reached."""
        return 0 if self.actual_minutes is None else self.actual_minutes - self.planned_minutes


@dataclass(frozen=True)
class NoteSection:
    """One kind of anonymous note, texts sorted (never entry order)."""

    title: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ActionLine:
    """An action; the owner is left out of a shareable summary."""

    text: str
    owner: str | None
    due: date | None
    status: str


@dataclass(frozen=True)
class SessionSummary:
    """Everything a summary shows, already filtered for its audience."""

    shareable: bool
    group_name: str
    title: str
    date: date
    status: str
    start_time: time | None  # internal record only
    facilitators: tuple[str, ...]  # internal record only
    attendance: str  # "7 people attended" / "fewer than 5 people attended"
    register: tuple[RegisterLine, ...]  # internal record only
    agenda: tuple[AgendaLine, ...]
    planned_minutes: int
    actual_minutes: int | None
    notes: tuple[NoteSection, ...]
    actions: tuple[ActionLine, ...]
    concerns: str | None  # internal record only
    session_id: str | None  # internal record only
    names_replaced: int = 0  # shareable only: names found in free text and replaced by [name]
    check_in_question: str = ""  # internal record only: the question planned for the check-in
    in_the_room: tuple[str, ...] = ()  # arrive / leave tallies and round counts (counts only)

    @property
    def heading(self) -> str:
        """'Session record (internal)' or 'Session summary (shareable)'."""
        return "Session summary (shareable)" if self.shareable else "Session record (internal)"


def minutes_of(seconds: float) -> int:
    """Whole minutes, halves rounded up (so it never depends on banker's rounding)."""
    return int(seconds / 60 + 0.5)


def count_words(count: int, *, shareable: bool) -> str:
    """'7 people attended'; in a shareable summary, small counts are suppressed."""
    if shareable and count < SMALL_COUNT:
        return f"fewer than {SMALL_COUNT} people attended"
    return f"{count} {'person' if count == 1 else 'people'} attended"


def concerns_words(count: int) -> str:
    """The only thing a summary ever says about concerns."""
    if count == 0:
        return "No concerns recorded."
    return f"{count} concern{'' if count == 1 else 's'} recorded and escalated."


def _as_typed(text: str) -> str:
    return text


class _Redaction:
    """Replaces names with "[name]" and counts how many it replaced."""

    def __init__(self, detector: NameDetector) -> None:
        self.detector = detector
        self.count = 0

    def __call__(self, text: str) -> str:
        cleaned, found = self.detector.redact(text)
        self.count += found
        return cleaned


def note_sections(
    notes: list[AnonymousNote], clean: Callable[[str], str] = _as_typed
) -> tuple[NoteSection, ...]:
    """Anonymous notes by kind, each sorted by case-folded text: independent of entry order.

    ``clean`` is applied to each text first (the shareable summary's name redaction).
    """
    sections = []
    for kind, title in NOTE_SECTIONS:
        texts = sorted(
            (" ".join(clean(n.text).split()) for n in notes if n.kind is kind),
            key=lambda text: (text.casefold(), text),
        )
        if texts:
            sections.append(NoteSection(title, tuple(texts)))
    return tuple(sections)


def _agenda(
    session: Session, clean: Callable[[str], str], leads: dict[UUID, str] | None = None
) -> tuple[tuple[AgendaLine, ...], int, int | None]:
    now = session.ended_at or session.started_at
    reading = read_clock(session, now) if now is not None else None
    dropped = set(session.dropped_segment_ids)
    lines = []
    for index, segment in enumerate(session.agenda):
        timed = reading.segments[index] if reading is not None else None
        actual = minutes_of(timed.actual_seconds) if timed is not None and timed.visited else None
        lead = (leads or {}).get(segment.lead_id) if segment.lead_id is not None else None
        lines.append(
            AgendaLine(
                title=clean(segment.title) + (f" (lead: {lead})" if lead else ""),
                planned_minutes=segment.minutes,
                actual_minutes=actual,
                dropped=segment.id in dropped,
                originally_minutes=session.original_minutes.get(segment.id),
                lead=lead,
            )
        )
    total_actual = None
    if session.started_at is not None and session.ended_at is not None:
        total_actual = minutes_of((session.ended_at - session.started_at).total_seconds())
    return tuple(lines), session.planned_minutes, total_actual


def _register(entries: list[RegisterEntry], members: dict[UUID, Member]) -> list[tuple[RegisterLine, RegisterEntry, Member | None]]:
    rows = []
    for entry in entries:
        member = members.get(entry.member_id) if entry.member_id is not None else None
        name, role = labels.register_row_words(entry, member)
        line = RegisterLine(name, role, KIND_WORDS[entry.kind], STATUS_WORDS[entry.status])
        rows.append((line, entry, member))
    rows.sort(key=lambda r: (r[1].kind is not RegisterKind.ROSTER, r[0].name.casefold(), r[0].name))
    return rows


def _actions(
    actions: list[Action], members: dict[UUID, Member], shareable: bool, clean: Callable[[str], str]
) -> tuple[ActionLine, ...]:
    lines = []
    for action in actions:
        owner = None
        if not shareable and action.owner_id is not None:
            member = members.get(action.owner_id)
            owner = member.display_name if member else "(removed from roster)"
        elif not shareable and action.owner_name:
            owner = action.owner_name  # a walk-in or guest
        text = " ".join(clean(action.text).split())
        lines.append(ActionLine(text, owner, action.due, ACTION_WORDS[action.status]))
    return tuple(sorted(lines, key=lambda a: (a.due or date.max, a.text.casefold(), a.text)))


def build_summary(store: RecordStore, session_id: UUID, *, shareable: bool) -> SessionSummary:
    """The internal record (``shareable=False``) or the shareable summary of one session."""
    session = store.sessions.get(session_id)
    part = SessionBundle(
        session=session,
        register_entries=store.register(session_id).all(),
        notes=store.notes(session_id).all(),
        actions=store.actions(session_id).all(),
        concerns=store.concerns(session_id).all(),
    )
    everyone = {m.id: m for m in store.members.all()}
    members = [m for m in everyone.values() if m.group_id == session.group_id]
    detector = None
    if shareable:
        detector = NameDetector(people_names(members, part.register_entries, part.actions, everyone))
    group = store.groups.get(session.group_id)
    return summarise(part, group, members, shareable=shareable, detector=detector)


def summarise(
    part: SessionBundle,
    group: Group | None,
    roster: list[Member],
    *,
    shareable: bool,
    detector: NameDetector | None = None,
) -> SessionSummary:
    """The summary of one session from its records (pure: no storage).

    A shareable summary has every name in its free text replaced by "[name]", found by
    ``detector`` (by default one knowing ``roster`` and the session's walk-ins and guests).
    """
    session = part.session
    members = {m.id: m for m in roster}
    redaction = None
    if shareable:
        known = detector or NameDetector(people_names(roster, part.register_entries, part.actions, members))
        redaction = _Redaction(known)
    clean = redaction or _as_typed
    rows = _register(part.register_entries, members)
    in_room = sum(1 for _, entry, _ in rows if entry.status in IN_ROOM)
    facilitators = [
        line.name for line, entry, member in rows
        if member is not None and member.role in FACILITATOR_ROLES and entry.status in IN_ROOM
    ]
    if not facilitators:
        facilitators = sorted(
            (m.display_name for m in members.values() if m.active and m.role in FACILITATOR_ROLES),
            key=str.casefold,
        )
    anonymous = [n for n in part.notes if isinstance(n, AnonymousNote)]
    leads = None if shareable else {member_id: m.display_name for member_id, m in members.items()}
    agenda, planned, actual = _agenda(session, clean, leads)
    notes = note_sections(anonymous, clean)
    actions = _actions(part.actions, members, shareable, clean)
    group_name, title = clean(group.name) if group else "(group removed)", clean(session.title)
    return SessionSummary(
        shareable=shareable,
        group_name=group_name,
        title=title,
        date=session.date,
        status=session.status.value,
        start_time=None if shareable else session.start_time,
        facilitators=() if shareable else tuple(facilitators),
        check_in_question="" if shareable else " ".join(session.check_in_question.split()),
        attendance=count_words(in_room + (session.learner_count or 0), shareable=shareable),
        register=() if shareable else tuple(line for line, _, _ in rows),
        agenda=agenda,
        planned_minutes=planned,
        actual_minutes=actual,
        notes=notes,
        actions=actions,
        concerns=None if shareable else concerns_words(len(part.concerns)),
        session_id=None if shareable else str(session.id),
        names_replaced=redaction.count if redaction is not None else 0,
        in_the_room=room_lines(
            session, list(group.scale_words) if group else list(DEFAULT_SCALE_WORDS), shareable=shareable
        ),
    )
