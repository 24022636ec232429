"""The records of the ten-year data set: word pools, the groups and how they meet, and the
:class:`Generator` that makes every record from one ``random.Random(seed)``.

``benchmarks/dataset.py`` writes what it makes into a data folder and caches it.
"""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from psw_tui.models import (
    Action,
    ActionStatus,
    AnonymousNote,
    Attendance,
    Concern,
    ConcernKind,
    Debrief,
    DriscollReflection,
    FacilitatorNote,
    FreeReflection,
    GibbsReflection,
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
    SessionBundle,
    SessionStatus,
)
from psw_tui.services.builtin_templates import default_template_for

ANCHOR = date(2026, 11, 20)  # the data set's "today": ten years of sessions end here
YEARS = 10

# -- word pools --------------------------------------------------------------------------

_FUNCTION = (
    "the a and to of it that with for about when they we someone i you in on was is "
    "be have has at this their our what how but so not just more people some one can "
    "felt feel after before from really still like been as if by all out up would"
).split()
_CONTENT = (
    "group week voices hope family work money sleep walk music friends support talking "
    "listening helped helps tired proud lonely safe calm anxious routine morning evening "
    "night weekend bus room tea kindness stigma benefits housing college course volunteering "
    "garden art writing journal breathing grounding phone call helpline crisis plan steps "
    "small better harder easier change new old member members facilitator together shared "
    "sharing story stories experience experiences believed understood heard space trust "
    "boundaries limits energy rest food cooking shopping neighbours carers children parents "
    "partner job interview appointment letter forms advice library park cafe coffee dog cat "
    "weather winter summer spring autumn christmas holiday birthday anniversary loss grief "
    "anger worry fear joy laughter tears quiet noisy busy slow good bad difficult steady "
    "strength courage recovery wellbeing connection isolation reaching asking noticing "
    "choosing learning remembering planning trying managing coping keeping finding making "
    "going coming getting giving taking starting stopping returning missed enjoyed noticed "
    "agreed wondered suggested talked spoke described mentioned explained remembered tried "
    "peer worker session theme agreement signposting notebook diary playlist speaker leaflet "
    "kind gentle honest open brave patient hopeful useful practical important different "
    "first last next every other same own whole little long short early late".split()
)


def _zipf(words: Sequence[str]) -> tuple[list[str], list[float]]:
    weights = list(itertools.accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(words))))
    return list(words), weights


FUNCTION_WORDS = _zipf(_FUNCTION)
CONTENT_WORDS = _zipf(_CONTENT)
THEMES = (
    "Being believed", "Loneliness at weekends", "Money worries", "Being kind to ourselves",
    "Family and being understood", "Routines that help", "Stigma and speaking up", "Hope",
    "Sleep and rest", "Friendship and connection", "Getting through the nights",
    "Asking for help", "Small steps", "Work and volunteering", "Looking after our bodies",
)
TAGS = ("hope", "money", "family", "sleep", "routine", "stigma", "connection", "rest", "work")
ESCALATED_TO = ("Duty team", "Safeguarding lead", "Line manager", "Crisis team", "GP surgery")
NAMES = (
    "Alex Amira Ben Bea Cal Chloe Dev Dina Eli Esme Fran Femi Gus Grace Hana Hugo Isla Ivan "
    "Jo Jay Kai Kemi Leo Lena Max Mia Nat Nia Omar Ola Pat Priya Quinn Rae Rob Rosa Sam "
    "Sana Theo Tia Uma Vic Wren Will Xan Yas Zac Zoe"
).split()


@dataclass(frozen=True)
class GroupSpec:
    """How one group of the data set meets."""

    name: str
    kind: GroupKind
    every_days: int
    from_year: int  # years after the start of the ten
    weekday: int
    start: clock_time
    roster: int
    notes: int  # mean notes per session
    walk_ins: int = 2


GROUPS = (
    GroupSpec("Tuesday Hearing Voices Group", GroupKind.PEER_SUPPORT, 7, 0, 1, clock_time(14), 14, 30),
    GroupSpec("Thursday Wellbeing Cafe", GroupKind.PEER_SUPPORT, 7, 2, 3, clock_time(18, 30), 14, 30),
    GroupSpec("Young Adults Peer Group", GroupKind.PEER_SUPPORT, 14, 0, 2, clock_time(16), 14, 29),
    GroupSpec("Carers Peer Support Circle", GroupKind.PEER_SUPPORT, 14, 3, 4, clock_time(10, 30), 13, 27),
    GroupSpec("PSW Group Supervision", GroupKind.SUPERVISION, 28, 0, 0, clock_time(9, 30), 7, 20, 0),
    GroupSpec("Reflective Practice Circle", GroupKind.REFLECTIVE_PRACTICE, 28, 2, 2, clock_time(13), 9, 22, 0),
)
STATUSES = (
    (Attendance.PRESENT, 70), (Attendance.LATE, 8), (Attendance.LEFT_EARLY, 4),
    (Attendance.APOLOGIES, 12), (Attendance.DID_NOT_ATTEND, 6),
)
NOTE_KINDS = (
    (NoteKind.CONTRIBUTION, 62), (NoteKind.THEME, 10), (NoteKind.PARKING_LOT, 7),
    (NoteKind.SIGNPOST, 7), (NoteKind.FACILITATOR_REFLECTION, 14),
)


# -- the generator -----------------------------------------------------------------------


@dataclass
class _Person:
    member: Member
    joined: date
    left: date | None = None


@dataclass
class _GroupState:
    spec: GroupSpec
    group: Group
    people: list[_Person] = field(default_factory=list)


class Generator:
    """Seeded building blocks: ids, text, and whole sessions with what was recorded in them."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.start = ANCHOR.replace(year=ANCHOR.year - YEARS)

    def id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def words(self, low: int, high: int) -> str:
        """Between ``low`` and ``high`` words in sentences, most texts near the short end."""
        rng = self.rng
        count = int(rng.triangular(low, high + 1, low + (high - low) // 4))
        out: list[str] = []
        capital = True
        for index in range(count):
            pool = FUNCTION_WORDS if rng.random() < 0.45 else CONTENT_WORDS
            word = rng.choices(pool[0], cum_weights=pool[1])[0]
            out.append(word.capitalize() if capital else word)
            capital = index < count - 1 and rng.random() < 0.09
            if capital:
                out[-1] += "."
        return " ".join(out) + "."

    def name(self) -> str:
        return f"{self.rng.choice(NAMES)} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}."

    def pick(self, weighted: Sequence[tuple[Any, int]]) -> Any:
        return self.rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]

    # groups and rosters -----------------------------------------------------------------

    def group(self, spec: GroupSpec) -> _GroupState:
        opened = self.start.replace(year=self.start.year + spec.from_year)
        template = default_template_for(spec.kind)
        group = Group(
            id=self.id(),
            name=spec.name,
            kind=spec.kind,
            agreement="Our group agreement\n" + "\n".join(f"- {self.words(8, 20)}" for _ in range(5)),
            default_template_id=template.id,
            slot_minutes=template.total_minutes,
            signposting=[self.words(5, 12) for _ in range(6)],
            question_bank=[self.words(6, 14).rstrip(".") + "?" for _ in range(12)],
            created_on=opened,
        )
        state = _GroupState(spec, group)
        lead = MemberRole.SUPERVISOR if spec.kind is GroupKind.SUPERVISION else MemberRole.FACILITATOR
        self._join(state, opened, lead)
        for _ in range(spec.roster - 1):
            role = MemberRole.SUPERVISEE if spec.kind is GroupKind.SUPERVISION else MemberRole.MEMBER
            self._join(state, opened, role)
        return state

    def _join(self, state: _GroupState, on: date, role: MemberRole) -> None:
        member = Member(id=self.id(), group_id=state.group.id, display_name=self.name(), role=role)
        state.people.append(_Person(member, on))

    def turnover(self, state: _GroupState, on: date) -> None:
        """Now and then someone leaves the roster and someone new joins."""
        if self.rng.random() < 0.06:
            present = [p for p in state.people if p.left is None and p.member.role is not MemberRole.FACILITATOR]
            if present:
                self.rng.choice(present).left = on
                role = MemberRole.SUPERVISEE if state.spec.kind is GroupKind.SUPERVISION else MemberRole.MEMBER
                self._join(state, on, role)

    def members(self, state: _GroupState) -> list[Member]:
        return [p.member.model_copy(update={"active": p.left is None}) for p in state.people]

    # sessions ---------------------------------------------------------------------------

    def dates(self, spec: GroupSpec) -> list[date]:
        day = self.start.replace(year=self.start.year + spec.from_year)
        day += timedelta(days=(spec.weekday - day.weekday()) % 7)
        found = []
        while day < ANCHOR:
            holiday = (day.month == 12 and day.day > 22) or (day.month == 1 and day.day < 3)
            summer = spec.kind is GroupKind.PEER_SUPPORT and day.month == 8 and day.day < 15
            if not (holiday or summer):
                found.append(day)
            day += timedelta(days=spec.every_days)
        return found

    def session(self, state: _GroupState, day: date, status: SessionStatus) -> SessionBundle:
        rng, spec = self.rng, state.spec
        template = default_template_for(spec.kind)
        theme = rng.choice(THEMES)
        agenda, original = [], {}
        for segment in template.segments:
            changes: dict[str, Any] = {"id": self.id()}
            if segment.kind is SegmentKind.THEME:
                changes["title"] = f"Theme: {theme}"
            if rng.random() < 0.08 and segment.minutes >= 10:
                original[changes["id"]] = segment.minutes
                changes["minutes"] = segment.minutes + rng.choice((-5, 5))
            agenda.append(segment.model_copy(update=changes))
        title = spec.name if spec.kind is GroupKind.SUPERVISION else f"{spec.name}: {theme}"
        base: dict[str, Any] = {
            "id": self.id(), "group_id": state.group.id, "title": title, "date": day,
            "start_time": spec.start, "status": status, "template_id": template.id,
            "agenda": agenda, "check_in_question": rng.choice(state.group.question_bank),
        }
        if status is not SessionStatus.ENDED:
            if status is SessionStatus.CANCELLED:
                base["cancel_reason"] = self.words(4, 12)
            return SessionBundle(session=Session(**base))
        runs, dropped, started, ended = self._runs(agenda, datetime.combine(day, spec.start, tzinfo=UTC))
        debrief = None
        if rng.random() < 0.8:
            debrief = Debrief(
                how_was_it=self.words(8, 40), to_escalate="", self_care=self.words(5, 15),
                for_supervision=self.words(5, 25) if rng.random() < 0.4 else "",
            )
        session = Session(
            **base, started_at=started, ended_at=ended, runs=runs, original_minutes=original,
            dropped_segment_ids=dropped, debrief=debrief,
        )
        return SessionBundle(
            session=session,
            register_entries=self._register(state, session),
            notes=self.notes(session, int(rng.triangular(spec.notes * 0.4, spec.notes * 1.6))),
            actions=self._actions(state, session),
            concerns=self._concerns(state, session),
        )

    def _runs(
        self, agenda: list[Segment], at: datetime
    ) -> tuple[list[SegmentRun], list[uuid.UUID], datetime, datetime]:
        rng = self.rng
        at += timedelta(seconds=rng.randint(-180, 420))
        started, runs, dropped = at, [], []
        for segment in agenda:
            if segment.optional and rng.random() < 0.15:
                dropped.append(segment.id)
                continue
            extra = rng.choice((0, 0, 0, 0, 60, 120, 300, -60))
            length = timedelta(seconds=int(segment.minutes * 60 * rng.uniform(0.75, 1.3)) + max(extra, 0))
            pauses = []
            if rng.random() < 0.05:
                pause_at = at + length / 2
                pauses.append(Pause(started_at=pause_at, ended_at=pause_at + timedelta(minutes=rng.randint(1, 5))))
            runs.append(SegmentRun(segment_id=segment.id, started_at=at, ended_at=at + length,
                                   pauses=pauses, extra_seconds=extra))
            at += length + timedelta(seconds=rng.randint(5, 30))
        if rng.random() < 0.1 and runs:
            back = rng.choice(runs[:-1] or runs).segment_id
            length = timedelta(minutes=rng.randint(1, 4))
            runs.append(SegmentRun(segment_id=back, started_at=at, ended_at=at + length))
            at += length
        return runs, dropped, started, at

    def _register(self, state: _GroupState, session: Session) -> list[RegisterEntry]:
        self.turnover(state, session.date)
        rows = [
            RegisterEntry(id=self.id(), session_id=session.id, member_id=p.member.id, status=self.pick(STATUSES))
            for p in state.people
            if p.joined <= session.date and (p.left is None or p.left > session.date)
        ]
        for _ in range(self.rng.randint(0, state.spec.walk_ins)):
            kind = self.rng.choice((RegisterKind.WALK_IN, RegisterKind.GUEST))
            rows.append(RegisterEntry(id=self.id(), session_id=session.id, kind=kind,
                                      display_name=self.name(), status=Attendance.PRESENT))
        return rows

    def notes(self, session: Session, count: int) -> list[AnonymousNote | FacilitatorNote]:
        """``count`` notes taken during ``session``, on its segments (breaks aside)."""
        rng = self.rng
        segments = [s.id for s in session.agenda if s.kind is not SegmentKind.BREAK] or [None]
        start = session.started_at or datetime.combine(session.date, clock_time(12), tzinfo=UTC)
        out: list[AnonymousNote | FacilitatorNote] = []
        for _ in range(count):
            kind = self.pick(NOTE_KINDS)
            common = {"id": self.id(), "session_id": session.id, "session_date": session.date,
                      "segment_id": rng.choice(segments), "text": self.words(5, 40)}
            if kind is NoteKind.FACILITATOR_REFLECTION:
                out.append(FacilitatorNote(**common, author="Facilitator",
                                           created_at=start + timedelta(seconds=rng.randint(0, 5400))))
            else:
                tags = [rng.choice(TAGS)] if rng.random() < 0.25 else []
                out.append(AnonymousNote(**common, kind=kind, tags=tags))
        return out

    def _actions(self, state: _GroupState, session: Session) -> list[Action]:
        rng, out = self.rng, []
        owners = [p.member.id for p in state.people if p.left is None] + [None]
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 3, 4, 5, 6))):
            status, closed = ActionStatus.OPEN, None
            if (ANCHOR - session.date).days > 60 or rng.random() < 0.4:
                status = ActionStatus.DONE if rng.random() < 0.78 else ActionStatus.DROPPED
                closed = min(ANCHOR, session.date + timedelta(days=rng.randint(3, 60)))
            out.append(Action(
                id=self.id(), session_id=session.id, group_id=state.group.id, text=self.words(5, 18),
                owner_id=rng.choice(owners), due=session.date + timedelta(days=rng.choice((7, 14, 28))),
                status=status, raised_on=session.date, closed_on=closed,
            ))
        return out

    def _concerns(self, state: _GroupState, session: Session) -> list[Concern]:
        if self.rng.random() >= (0.2 if state.spec.kind is GroupKind.PEER_SUPPORT else 0.1):
            return []
        return [Concern(
            id=self.id(), session_id=session.id, kind=self.rng.choice(list(ConcernKind)),
            action_taken=self.words(8, 30), escalated_to=self.rng.choice(ESCALATED_TO),
            recorded_by="Facilitator", recorded_at=(session.ended_at or datetime.now(UTC)) + timedelta(minutes=10),
        )]

    # reflections ------------------------------------------------------------------------

    def reflection(self, written: date, sessions: list[Session]) -> GibbsReflection | DriscollReflection | FreeReflection:
        rng = self.rng
        common: dict[str, Any] = {
            "id": self.id(), "title": self.words(3, 9).rstrip("."), "written_on": written,
            "tags": rng.sample(TAGS, rng.randint(0, 3)),
            "session_id": rng.choice(sessions).id if sessions and rng.random() < 0.4 else None,
            "updated_at": datetime.combine(written, clock_time(20), tzinfo=UTC),
        }
        roll = rng.random()
        if roll < 0.4:
            return GibbsReflection(**common, **{f: self.words(15, 70) for f in (
                "description", "feelings", "evaluation", "analysis", "conclusion", "action_plan")})
        if roll < 0.7:
            return DriscollReflection(**common, what=self.words(20, 90), so_what=self.words(20, 90),
                                      now_what=self.words(15, 60))
        return FreeReflection(**common, text=self.words(60, 250))
