"""Reports for looking across months: attendance, who has not been seen, supervision
compliance, Proctor balance, frequent themes and open actions.

Each report reads the session index (headers) and then only the session files, and only
the tables of them, that it needs (see :mod:`psw_tui.storage.scan`); attendance remembers
its rows per session file (by mtime and size), so running it again re-reads only the files
that changed. Only ended sessions
count. Someone "came" when marked present, late or left early. :mod:`report_tables` turns
each report into on-screen tables and spreadsheet-safe CSV.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from uuid import UUID
from weakref import WeakKeyDictionary

from psw_tui.models import (
    Action,
    ActionStatus,
    Attendance,
    GroupKind,
    MemberRole,
    RegisterKind,
    SegmentKind,
    SessionHeader,
    SessionStatus,
)
from psw_tui.models.worker import SupervisionAction
from psw_tui.services.clock import run_seconds
from psw_tui.services.search import fold
from psw_tui.services.supervision import open_agreed_actions
from psw_tui.storage import RecordStore
from psw_tui.storage.scan import Fingerprint, SessionParts, iter_parts, session_fingerprints

CAME = frozenset({Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY})
LEADERS = frozenset({MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR, MemberRole.SUPERVISOR})
DEFAULT_OVERDUE_WEEKS = 6

# Proctor's three functions of supervision, read from what each agenda segment is for.
# Normative: standards, accountability, the agreement and following up actions.
# Formative: learning and skills, i.e. case discussion and themed work.
# Restorative: support for the worker, i.e. check-in, sharing, check-out and debrief.
# Welcome, break and close are housekeeping and count towards none of them.
PROCTOR = {
    SegmentKind.AGREEMENT: "normative",
    SegmentKind.ACTIONS_REVIEW: "normative",
    SegmentKind.CASE_DISCUSSION: "formative",
    SegmentKind.THEME: "formative",
    SegmentKind.CHECK_IN: "restorative",
    SegmentKind.SHARING: "restorative",
    SegmentKind.CHECK_OUT: "restorative",
    SegmentKind.DEBRIEF: "restorative",
}
PROCTOR_FUNCTIONS = ("normative", "formative", "restorative")

STOP_WORDS = frozenset("""
a about after again all also am an and any are as at be been before being but by can
could did do does doing for from had has have having he her here hers him his how i if in
into is it its just me more most my no not now of off on once only or other our ours out
over own same she should so some such than that the their them then there these they this
those through to too under until up very was we were what when where which while who why
will with would you your yours us get got getting lot lots really still much many
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _ended(headers: list[SessionHeader], until: date | None = None) -> list[SessionHeader]:
    return [h for h in headers if h.status is SessionStatus.ENDED and (until is None or h.date <= until)]


# -- attendance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    """One ended session: who came and who did not.

    ``head_count`` is everyone who came (walk-ins and guests included); ``rate`` is the share
    of roster members on the register who came (None when no roster member was marked).
    """

    session_id: UUID
    date: date
    title: str
    head_count: int
    present: int
    late: int
    left_early: int
    apologies: int
    did_not_attend: int
    rate: float | None
    learners: int = 0  # a course's learners counted at the register check (in head_count)


# Attendance rows per session with the (mtime, size) of the file they were read from, per
# open store: running a report again (a date typed, another group and back) re-reads only
# the session files that changed since.
_ATTENDANCE: WeakKeyDictionary[RecordStore, dict[UUID, tuple[Fingerprint, AttendanceRow]]] = WeakKeyDictionary()


def _attendance_row(parts: SessionParts) -> AttendanceRow:
    counts = dict.fromkeys(Attendance, 0)
    roster = came_roster = 0
    for entry in parts.register:
        if entry.status is None:
            continue
        counts[entry.status] += 1
        if entry.kind is RegisterKind.ROSTER:
            roster += 1
            came_roster += entry.status in CAME
    learners = parts.header.learner_count or 0
    return AttendanceRow(
        session_id=parts.header.id, date=parts.header.date, title=parts.header.title,
        head_count=sum(counts[s] for s in CAME) + learners, learners=learners, present=counts[Attendance.PRESENT],
        late=counts[Attendance.LATE], left_early=counts[Attendance.LEFT_EARLY],
        apologies=counts[Attendance.APOLOGIES], did_not_attend=counts[Attendance.DID_NOT_ATTEND],
        rate=came_roster / roster if roster else None,
    )


def forget_attendance(store: RecordStore) -> None:
    """Drop the attendance rows remembered for ``store`` (the next report reads every file)."""
    _ATTENDANCE.pop(store, None)


def attendance(store: RecordStore, group_id: UUID, date_from: date | None = None,
               date_to: date | None = None) -> list[AttendanceRow]:
    """Attendance per ended session of a group, oldest first."""
    headers = [h for h in _ended(store.sessions.headers(group_id), date_to)
               if date_from is None or h.date >= date_from]
    known = _ATTENDANCE.setdefault(store, {})
    prints = session_fingerprints(store, headers)
    stale = [h for h in headers if prints[h.id] is None or known.get(h.id, (None,))[0] != prints[h.id]]
    fresh: dict[UUID, AttendanceRow] = {}
    for parts in iter_parts(store, stale, ("register",)):
        row = fresh[parts.header.id] = _attendance_row(parts)
        stamp = prints[parts.header.id]
        if stamp is not None:
            known[parts.header.id] = (stamp, row)
    rows = []
    for header in headers:  # damaged sessions were skipped: they have no row
        row = fresh.get(header.id) or (known[header.id][1] if header.id in known else None)
        if row is not None:
            rows.append(replace(row, date=header.date, title=header.title))
    return rows


# -- members not seen ----------------------------------------------------------------------


@dataclass(frozen=True)
class NotSeenRow:
    """A roster member who has not come to the group's last ``missed`` sessions on their register."""

    member_id: UUID
    name: str
    missed: int
    last_seen: date | None


def members_not_seen(store: RecordStore, group_id: UUID, sessions: int = 3,
                     today: date | None = None) -> list[NotSeenRow]:
    """Active members (not facilitators) who missed at least ``sessions`` sessions in a row.

    Only sessions where the member was on the register count, so someone who joined last
    week has missed nothing yet. Longest absence first.
    """
    members = {m.id: m for m in store.members.all()
               if m.group_id == group_id and m.active and m.role not in LEADERS}
    missed = dict.fromkeys(members, 0)
    last_seen: dict[UUID, date] = {}
    headers = list(reversed(_ended(store.sessions.headers(group_id), today)))
    for parts in iter_parts(store, headers, ("register",)):
        for entry in parts.register:
            who = entry.member_id
            if who not in members or who in last_seen:
                continue
            if entry.status in CAME:
                last_seen[who] = parts.header.date
            elif entry.status is not None:
                missed[who] += 1
        if len(last_seen) == len(members):
            break
    rows = [NotSeenRow(mid, members[mid].display_name, count, last_seen.get(mid))
            for mid, count in missed.items() if count >= max(sessions, 1)]
    return sorted(rows, key=lambda r: (-r.missed, r.name.casefold()))


# -- supervision compliance ----------------------------------------------------------------


@dataclass(frozen=True)
class ComplianceRow:
    """A supervisee, when they last attended supervision, and whether that is overdue.
    ``kind``: what their group gives them ("group supervision" or "reflective practice")."""

    member_id: UUID
    name: str
    group: str
    last_attended: date | None
    days_since: int | None
    overdue: bool
    kind: str = "group supervision"


# The kinds of supervision a supervisor can see: attendance at their groups, by group kind.
COMPLIANCE_KINDS = {GroupKind.SUPERVISION: "group supervision", GroupKind.REFLECTIVE_PRACTICE: "reflective practice"}


def supervision_compliance(store: RecordStore, today: date,
                           weeks: int = DEFAULT_OVERDUE_WEEKS) -> list[ComplianceRow]:
    """Every active supervisee of every supervision (or reflective practice) group, most
    overdue first.

    Overdue means no supervision attended in the last ``weeks`` weeks (or ever). Sessions
    are read newest first, register only, stopping once every supervisee has been found:
    the cost depends on how recently people came, not on how many years are stored.
    """
    groups = {g.id: g for g in store.groups.all() if g.kind in COMPLIANCE_KINDS and not g.archived}
    people = {m.id: m for m in store.members.all()
              if m.group_id in groups and m.active and m.role is MemberRole.SUPERVISEE}
    last: dict[UUID, date] = {}
    headers = [h for h in store.sessions.headers() if h.group_id in groups]
    for parts in iter_parts(store, reversed(_ended(headers, today)), ("register",)):
        for entry in parts.register:
            if entry.member_id in people and entry.member_id not in last and entry.status in CAME:
                last[entry.member_id] = parts.header.date
        if len(last) == len(people):
            break
    cutoff = today - timedelta(weeks=weeks)
    rows = []
    for mid, member in people.items():
        seen = last.get(mid)
        rows.append(ComplianceRow(
            member_id=mid, name=member.display_name, group=groups[member.group_id].name,
            last_attended=seen, days_since=(today - seen).days if seen else None,
            overdue=seen is None or seen < cutoff, kind=COMPLIANCE_KINDS[groups[member.group_id].kind],
        ))
    return sorted(rows, key=lambda r: (r.last_attended or date.min, r.name.casefold()))


# -- Proctor balance -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProctorBalance:
    """Minutes of supervision spent on each Proctor function, over ``sessions`` sessions."""

    minutes: dict[str, float]
    sessions: int

    def share(self, function: str) -> float:
        """The function's share of the counted minutes (0 when nothing was counted)."""
        total = sum(self.minutes.values())
        return self.minutes[function] / total if total else 0.0


def proctor_balance(store: RecordStore, group_id: UUID | None = None, date_from: date | None = None,
                    date_to: date | None = None) -> ProctorBalance:
    """How segment time split between Proctor's functions in supervision sessions.

    Actual time from the timing log where the session was run live, else the planned
    minutes of the segments not dropped. ``group_id`` None means every supervision group.
    """
    groups = {g.id for g in store.groups.all() if g.kind is GroupKind.SUPERVISION}
    if group_id is not None:
        groups &= {group_id}
    headers = [h for h in _ended(store.sessions.headers(), date_to)
               if h.group_id in groups and (date_from is None or h.date >= date_from)]
    minutes = dict.fromkeys(PROCTOR_FUNCTIONS, 0.0)
    count = 0
    for parts in iter_parts(store, headers, ("session",)):
        session = parts.session
        if session is None:
            continue
        count += 1
        kinds = {segment.id: segment.kind for segment in session.agenda}
        if session.runs:
            end = session.ended_at or max(run.ended_at or run.started_at for run in session.runs)
            spent = ((kinds[run.segment_id], run_seconds(run, end) / 60) for run in session.runs)
        else:
            dropped = set(session.dropped_segment_ids)
            spent = ((s.kind, float(s.minutes)) for s in session.agenda if s.id not in dropped)
        for kind, mins in spent:
            if kind in PROCTOR:
                minutes[PROCTOR[kind]] += mins
    return ProctorBalance({k: round(v, 1) for k, v in minutes.items()}, count)


# -- frequent themes -----------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeCounts:
    """The most frequent words and tags of theme notes over a period."""

    words: list[tuple[str, int]]
    tags: list[tuple[str, int]]
    notes: int


def frequent_themes(store: RecordStore, date_from: date | None = None, date_to: date | None = None,
                    group_id: UUID | None = None, top: int = 15) -> ThemeCounts:
    """Word counts (stop words removed, accents and case folded) and tag counts of theme notes."""
    headers = [h for h in _ended(store.sessions.headers(group_id), date_to)
               if date_from is None or h.date >= date_from]
    word_counts: Counter[str] = Counter()
    tag_counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    notes = 0
    for parts in iter_parts(store, headers, ("notes",)):
        for note in parts.notes:
            if note.kind != "theme":
                continue
            notes += 1
            word_counts.update(w for w in _WORD.findall(fold(note.text))
                               if len(w) > 2 and w not in STOP_WORDS)
            for tag in note.tags:
                key = tag.casefold()
                shown.setdefault(key, tag)
                tag_counts[key] += 1
    ordered = lambda c: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top]  # noqa: E731
    return ThemeCounts(ordered(word_counts), [(shown[k], n) for k, n in ordered(tag_counts)], notes)


# -- open actions --------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenActionRow:
    """An open action with where it was raised and who owns it. An action agreed in the
    worker's own supervision has ``from_supervision`` set and ``group`` saying so."""

    action: Action | SupervisionAction
    group: str
    owner: str
    from_supervision: bool = False


def open_actions(store: RecordStore, group_id: UUID | None = None) -> list[OpenActionRow]:
    """Open actions across groups (or one group), oldest first; across groups, those agreed in
    the worker's own supervision too, marked "Supervision (kind)"."""
    groups = {g.id: g.name for g in store.groups.all()}
    names = {m.id: m.display_name for m in store.members.all()}
    latest: dict[UUID, tuple[date, Action]] = {}
    for parts in iter_parts(store, store.sessions.headers(group_id), ("actions",)):
        for action in parts.actions:
            seen = latest.get(action.id)
            if seen is None or parts.header.date >= seen[0]:  # the newest copy is current
                latest[action.id] = (parts.header.date, action)
    rows = [OpenActionRow(a, groups.get(a.group_id, "(removed group)"), names.get(a.owner_id, "") if a.owner_id else "")
            for _, a in latest.values() if a.status is ActionStatus.OPEN]
    if group_id is None:
        rows += [OpenActionRow(agreed.action, agreed.source, "", from_supervision=True)
                 for agreed in open_agreed_actions(store)]
    return sorted(rows, key=lambda r: (r.action.raised_on, r.action.due or date.max, r.action.text.casefold()))
