"""Running a session: the clock controls, register, notes, actions and concerns.

Every change is saved the moment it happens (one durable write into the session's own file),
so a crash or a closed lid loses nothing that was shown as saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from psw_tui.models import (
    ANONYMOUS_NOTE_KINDS,
    Action,
    AnonymousNote,
    Attendance,
    Concern,
    ConcernKind,
    FacilitatorNote,
    Member,
    Note,
    NoteKind,
    Pause,
    RegisterEntry,
    RegisterKind,
    RoundCount,
    ScaleTally,
    SegmentRun,
    Session,
    SessionStatus,
)
from psw_tui.models.group import DEFAULT_SCALE_WORDS
from psw_tui.models import labels
from psw_tui.services.actions import open_actions
from psw_tui.services.clock import ClockReading, current_index, current_run, read_clock
from psw_tui.services.names import NameDetector, session_detector
from psw_tui.services.rounds import Speaker
from psw_tui.services.timesource import SystemTime
from psw_tui.storage import RecordStore

ATTENDANCE_CYCLE: tuple[Attendance | None, ...] = (
    Attendance.PRESENT,
    Attendance.LATE,
    Attendance.LEFT_EARLY,
    Attendance.APOLOGIES,
    Attendance.DID_NOT_ATTEND,
    None,
)

ATTENDANCE_WORDS = labels.ATTENDANCE

# Who is in the room (for the head count).
IN_ROOM = frozenset({Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY})


class LiveError(Exception):
    """An operation that does not make sense now (e.g. 'next' on the last segment)."""


@dataclass(frozen=True)
class RegisterRow:
    """A register entry with the name to show."""

    entry: RegisterEntry
    name: str
    role: str


@dataclass(frozen=True)
class RebalanceOption:
    """One way to get back on schedule, described in plain words."""

    key: str
    description: str
    minutes_saved: int
    new_minutes: dict[UUID, int]
    drop: tuple[UUID, ...] = ()


class LiveSession:
    """One session being run, with its store and time source."""

    def __init__(self, store: RecordStore, session_id: UUID, time: SystemTime | None = None,
                 *, warn_at: float = 0.20, urgent_at: float = 0.05) -> None:
        self.store = store
        self.time = time or SystemTime()
        self.session: Session = store.sessions.get(session_id)
        self.warn_at = warn_at
        self.urgent_at = urgent_at
        self._members: dict[UUID, Member] = {
            m.id: m for m in store.members.all() if m.group_id == self.session.group_id
        }
        self._names: NameDetector | None = None  # built on first use, again after a walk-in
        self._entries: dict[UUID, RegisterEntry] | None = None  # the register, see _register()

    # -- clock ---------------------------------------------------------------------------

    def reading(self) -> ClockReading:
        """The clock now."""
        return read_clock(self.session, self.time.now(), warn_at=self.warn_at, urgent_at=self.urgent_at)

    def _save(self, session: Session) -> None:
        self.store.sessions.save(session)
        self.session = session

    def _copy(self) -> Session:
        return self.session.model_copy(deep=True)

    @property
    def running(self) -> bool:
        return self.session.status is SessionStatus.RUNNING

    def start(self) -> None:
        """Start the session at its first segment and open the register."""
        if self.session.status is not SessionStatus.PLANNED:
            raise LiveError("this session has already started")
        if not self.session.agenda:
            raise LiveError("this session has no agenda")
        now = self.time.now()
        session = self._copy()
        session.status = SessionStatus.RUNNING
        session.started_at = now
        session.runs = [SegmentRun(segment_id=self._playable(session, 0, 1), started_at=now)]
        self._open_register()
        self._save(session)

    def _open_register(self) -> None:
        register = self.store.register(self.session.id)
        on_register = {e.member_id for e in register.all() if e.member_id is not None}
        new = [
            RegisterEntry(session_id=self.session.id, member_id=member.id)
            for member in self._members.values()
            if member.active and member.id not in on_register
        ]
        register.save_many(new)
        self._entries = None

    def _register(self) -> dict[UUID, RegisterEntry]:
        """The register, read once and then kept in step with every save this session makes
        (only this process writes it while it runs: the folder is locked)."""
        if self._entries is None:
            self._entries = {e.id: e for e in self.store.register(self.session.id).all()}
        return self._entries

    def _keep(self, entry: RegisterEntry) -> RegisterEntry:
        self._register()[entry.id] = entry
        return entry

    def _playable(self, session: Session, index: int, step: int) -> UUID:
        """The id of the first segment from ``index`` in direction ``step`` not dropped."""
        dropped = set(session.dropped_segment_ids)
        while 0 <= index < len(session.agenda):
            if session.agenda[index].id not in dropped:
                return session.agenda[index].id
            index += step
        raise LiveError("there is no segment there")

    def _require_running(self) -> SegmentRun:
        run = current_run(self.session)
        if not self.running or run is None:
            raise LiveError("the session is not running")
        return run

    @property
    def paused(self) -> bool:
        return self.reading().paused

    def pause(self) -> None:
        """Pause the clock (no-op if already paused)."""
        self._require_running()
        if self.paused:
            return
        session = self._copy()
        session.runs[-1].pauses.append(Pause(started_at=self.time.now()))
        self._save(session)

    def resume(self) -> None:
        """Resume a paused clock (no-op if running)."""
        self._require_running()
        if not self.paused:
            return
        session = self._copy()
        session.runs[-1].pauses[-1].ended_at = self.time.now()
        self._save(session)

    def toggle_pause(self) -> bool:
        """Pause or resume; returns True if now paused."""
        if self.paused:
            self.resume()
            return False
        self.pause()
        return True

    def _close_run(self, session: Session) -> None:
        now = self.time.now()
        run = session.runs[-1]
        if run.pauses and run.pauses[-1].ended_at is None:
            run.pauses[-1].ended_at = now
        run.ended_at = now

    def _move(self, step: int) -> None:
        self._require_running()
        index = current_index(self.session)
        assert index is not None
        session = self._copy()
        target = self._playable(session, index + step, step)
        self._close_run(session)
        session.runs.append(SegmentRun(segment_id=target, started_at=self.time.now()))
        self._save(session)

    def can_move(self, step: int) -> bool:
        """Whether there is a segment to move to in that direction."""
        index = current_index(self.session)
        if index is None or not self.running:
            return False
        try:
            self._playable(self.session, index + step, step)
        except LiveError:
            return False
        return True

    def next_segment(self) -> None:
        """Close the current segment and start the next one."""
        if not self.can_move(1):
            raise LiveError("this is the last segment; end the session when you are ready")
        self._move(1)

    def previous_segment(self) -> None:
        """Go back to the previous segment (its time carries on from where it was)."""
        if not self.can_move(-1):
            raise LiveError("this is the first segment")
        self._move(-1)

    def adjust_minutes(self, minutes: int) -> None:
        """Give the current segment more (or less) time; its allowance never goes below zero,
        so after taking too many minutes off, adding one gives exactly one minute."""
        self._require_running()
        current = self.reading().current
        assert current is not None
        session = self._copy()
        extra = sum(r.extra_seconds for r in session.runs if r.segment_id == current.segment.id)
        wanted = max(current.allowance_seconds + minutes * 60, 0)
        session.runs[-1].extra_seconds += wanted - (current.planned_seconds + extra)
        self._save(session)

    def end(self) -> None:
        """Stop the clock and mark the session ended."""
        if not self.running:
            raise LiveError("the session is not running")
        session = self._copy()
        if current_run(session) is not None:
            self._close_run(session)
        session.status = SessionStatus.ENDED
        session.ended_at = self.time.now()
        self._save(session)

    # -- rebalancing ---------------------------------------------------------------------

    def rebalance_options(self) -> list[RebalanceOption]:
        """Ways to absorb the delay in the segments still to come (empty if not behind).

        Protected segments (the agreement, grounding, the close with signposting) are never
        shortened or dropped; each option's description names the segments it changes."""
        reading = self.reading()
        behind = reading.behind_minutes
        index = current_index(self.session)
        if behind <= 0 or index is None:
            return []
        dropped = set(self.session.dropped_segment_ids)
        future = [
            s for s in reading.segments[index + 1 :]
            if s.segment.id not in dropped and not s.segment.protected
        ]
        options: list[RebalanceOption] = []
        shrinkable = [s for s in future if s.segment.minutes > 1]
        spare = sum(s.segment.minutes - 1 for s in shrinkable)
        if shrinkable and spare > 0:
            cut = min(behind, spare)
            before = {s.segment.id: s.segment.minutes for s in shrinkable}
            after = _shorten(before, cut)
            changed = {key: minutes for key, minutes in after.items() if minutes != before[key]}
            titles = {s.segment.id: s.segment.title for s in shrinkable}
            changes = ", ".join(f"{titles[key]} {before[key]}→{minutes}" for key, minutes in changed.items())
            options.append(
                RebalanceOption(
                    key="shorten",
                    description=f"Shorten by {cut} min: {changes} (minutes)",
                    new_minutes=changed,
                    minutes_saved=cut,
                )
            )
        for time in future:
            if time.segment.optional and not time.visited:
                options.append(
                    RebalanceOption(
                        key=f"drop-{time.segment.id}",
                        description=f"Drop the optional segment “{time.segment.title}” "
                        f"({time.segment.minutes} min)",
                        minutes_saved=time.segment.minutes,
                        new_minutes={},
                        drop=(time.segment.id,),
                    )
                )
        return options

    def protected_titles(self) -> list[str]:
        """The segments still to come that rebalancing leaves as they are."""
        index = current_index(self.session)
        if index is None:
            return []
        dropped = set(self.session.dropped_segment_ids)
        return [
            s.title for s in self.session.agenda[index + 1 :] if s.protected and s.id not in dropped
        ]

    def apply_rebalance(self, option: RebalanceOption) -> None:
        """Apply a chosen option to the rest of this session's agenda (never the template)."""
        session = self._copy()
        for segment in session.agenda:
            if segment.protected:
                continue  # never, whatever the option says
            if segment.id in option.new_minutes:
                session.original_minutes.setdefault(segment.id, segment.minutes)
                segment.minutes = option.new_minutes[segment.id]
            if segment.id in option.drop:
                session.original_minutes.setdefault(segment.id, segment.minutes)
                session.dropped_segment_ids.append(segment.id)
                segment.minutes = 0
        self._save(session)

    # -- register ------------------------------------------------------------------------

    def register_rows(self) -> list[RegisterRow]:
        """The register: roster in name order, then walk-ins and guests."""
        rows = []
        for entry in self._register().values():
            member = self._members.get(entry.member_id) if entry.member_id is not None else None
            name, role = labels.register_row_words(entry, member)
            rows.append(RegisterRow(entry, name, role))
        return sorted(rows, key=lambda r: (r.entry.kind is not RegisterKind.ROSTER, r.name.casefold()))

    def set_attendance(self, entry_id: UUID, status: Attendance | None) -> RegisterEntry:
        """Mark one person."""
        entry = self._register().get(entry_id)
        if entry is None:
            raise LiveError("that person is not on this register")
        updated = entry.model_copy(update={"status": status})
        return self._keep(self.store.register(self.session.id).save(updated))

    def cycle_attendance(self, entry_id: UUID) -> RegisterEntry:
        """Move one person to the next status: present, late, left early, apologies, did not
        attend, not marked."""
        entry = self._register().get(entry_id)
        if entry is None:
            raise LiveError("that person is not on this register")
        position = ATTENDANCE_CYCLE.index(entry.status)
        return self.set_attendance(entry_id, ATTENDANCE_CYCLE[(position + 1) % len(ATTENDANCE_CYCLE)])

    def add_walk_in(self, name: str, *, guest: bool = False) -> RegisterEntry:
        """Add someone not on the roster, marked present. The roster's rule applies: no two
        people on this register share a display name (case and spacing ignored)."""
        wanted = _name_key(name)
        if any(_name_key(row.name) == wanted for row in self.register_rows()):
            raise LiveError(f"{' '.join(name.split())} is already on this register; add an initial to tell apart")
        self._names = None
        entry = RegisterEntry(
            session_id=self.session.id,
            kind=RegisterKind.GUEST if guest else RegisterKind.WALK_IN,
            display_name=name,
            status=Attendance.PRESENT,
        )
        return self._keep(self.store.register(self.session.id).save(entry))

    def head_count(self) -> int:
        """How many people are (or were) in the room."""
        return sum(1 for e in self._register().values() if e.status in IN_ROOM)

    # -- notes, actions, concerns --------------------------------------------------------

    def _segment_id(self) -> UUID | None:
        run = current_run(self.session)
        return run.segment_id if run is not None else None

    def add_note(self, kind: NoteKind, text: str, *, author: str | None = None) -> Note:
        """Save a note in the current segment. Anonymous kinds get no author and no time."""
        common = {
            "session_id": self.session.id,
            "session_date": self.session.date,
            "segment_id": self._segment_id(),
            "text": text,
        }
        note: Note
        if kind in ANONYMOUS_NOTE_KINDS:
            note = AnonymousNote(kind=kind, **common)
        else:
            note = FacilitatorNote(author=author, created_at=self.time.now(), **common)
        return self.store.notes(self.session.id).save(note)

    def edit_note(self, note_id: UUID, text: str, *, for_supervision: bool | None = None) -> Note:
        """Change a note's text (kind, segment and anonymity stay as they were); a facilitator
        reflection can also be marked (or unmarked) to bring to supervision."""
        notes = self.store.notes(self.session.id)
        note = notes.get(note_id)
        if note is None:
            raise LiveError("that note is no longer there")
        changes: dict[str, object] = {"text": text}
        if for_supervision is not None and isinstance(note, FacilitatorNote):
            changes["for_supervision"] = for_supervision
        return notes.save(type(note).model_validate({**note.model_dump(), **changes}))

    def remove_note(self, note_id: UUID) -> bool:
        """Take a note down for good."""
        return self.store.notes(self.session.id).delete(note_id)

    def notes(self, segment_id: UUID | None = None) -> list[Note]:
        """Notes of the session (or one segment), sorted by kind then text: never entry order."""
        found = [
            note
            for note in self.store.notes(self.session.id).all()
            if segment_id is None or note.segment_id == segment_id
        ]
        return sorted(found, key=lambda n: (n.kind.value, n.text.casefold(), str(n.id)))

    def add_action(
        self, text: str, owner_id: UUID | None = None, due: date | None = None, *, owner_name: str | None = None
    ) -> Action:
        """Save an action raised in this session. The owner is a roster member (``owner_id``)
        or a walk-in or guest of this session (``owner_name``)."""
        if owner_id is not None and owner_id not in self._members:
            raise LiveError("the owner is not on this group's roster")
        if owner_name is not None and _name_key(owner_name) not in {
            _name_key(name) for name in self.visitor_names()
        }:
            raise LiveError("the owner is not a walk-in or guest of this session")
        action = Action(
            session_id=self.session.id,
            group_id=self.session.group_id,
            text=text,
            owner_id=owner_id,
            owner_name=owner_name,
            due=due,
            raised_on=self.session.date,
        )
        return self.store.actions(self.session.id).save(action)

    def record_concern(
        self, kind: ConcernKind, action_taken: str, escalated_to: str, recorded_by: str
    ) -> Concern:
        """Save a concern: what kind of limit, what was done, escalated to whom."""
        concern = Concern(
            session_id=self.session.id,
            kind=kind,
            action_taken=action_taken,
            escalated_to=escalated_to,
            recorded_by=recorded_by,
            recorded_at=self.time.now(),
        )
        return self.store.concerns(self.session.id).save(concern)

    def lead_of(self, segment_id: UUID) -> str:
        """The display name of who leads that segment ('' when nobody is set)."""
        segment = next((s for s in self.session.agenda if s.id == segment_id), None)
        member = self._members.get(segment.lead_id) if segment and segment.lead_id else None
        return member.display_name if member else ""

    def group_name(self) -> str:
        """The group's name (the session title if the group is gone)."""
        group = self.store.groups.get(self.session.group_id)
        return group.name if group else self.session.title

    # -- rounds and the arrive / leave scale -----------------------------------------------

    def present_speakers(self) -> list[Speaker]:
        """The people in the room now (present or late), in register order: a round's seats."""
        here = (Attendance.PRESENT, Attendance.LATE)
        return [Speaker(row.entry.id, row.name) for row in self.register_rows() if row.entry.status in here]

    def save_round(self, count: RoundCount) -> None:
        """Keep what a round leaves behind: counts only."""
        session = self._copy()
        session.rounds.append(count)
        self._save(session)

    def tally(self, moment: str, point: int, change: int = 1) -> ScaleTally:
        """Add (or, with ``change=-1``, take back) one answer at ``point`` (1-5) to the
        arrival or leaving scale. Nothing but the count is kept."""
        if moment not in ("arrival", "leaving") or not 1 <= point <= 5:
            raise LiveError("that is not a point on the scale")
        session = self._copy()
        tally = getattr(session, moment) or ScaleTally()
        counts = list(tally.counts)
        if counts[point - 1] + change < 0:
            raise LiveError("there is no answer there to take back")
        counts[point - 1] += change
        setattr(session, moment, ScaleTally(counts=counts))
        self._save(session)
        return getattr(session, moment)

    def scale_words(self) -> list[str]:
        """The group's five words for the scale, 1 to 5."""
        group = self.store.groups.get(self.session.group_id)
        return list(group.scale_words) if group else list(DEFAULT_SCALE_WORDS)

    def names_in(self, text: str) -> list[str]:
        """The people of this session (roster, walk-ins, guests, action owners) that ``text``
        names, in any spelling: an anonymous note that names someone is worth a second look."""
        if self._names is None:
            self._names = session_detector(self.store, self.session.id)
        return self._names.find(text)

    def note(self, note_id: UUID) -> Note | None:
        """One note of this session, or None if it is gone."""
        return self.store.notes(self.session.id).get(note_id)

    def concern_count(self) -> int:
        """How many concerns this session has recorded."""
        return self.store.concerns(self.session.id).count()

    def carried_action_count(self) -> int:
        """How many open actions earlier sessions of the group left to review now."""
        return len(open_actions(self.store, self.session.id))

    def members(self) -> list[Member]:
        """This group's roster, by name."""
        return sorted(self._members.values(), key=lambda m: m.display_name.casefold())

    def visitor_names(self) -> list[str]:
        """The walk-ins and guests of this session, by name (they can own actions too)."""
        return sorted(
            (e.display_name for e in self._register().values()
             if e.member_id is None and e.display_name),
            key=str.casefold,
        )


def _name_key(name: str) -> str:
    """A display name as compared for duplicates: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


def _shorten(minutes: dict[UUID, int], cut: int) -> dict[UUID, int]:
    """Take ``cut`` minutes off in proportion to each segment's length, none below 1 min."""
    total = sum(minutes.values())
    new = {key: value for key, value in minutes.items()}
    shares = {key: cut * value / total for key, value in minutes.items()}
    taken = 0
    for key in minutes:
        take = min(int(shares[key]), new[key] - 1)
        new[key] -= take
        taken += take
    # Hand out what rounding left over, largest remainders first.
    order = sorted(minutes, key=lambda k: (shares[k] - int(shares[k]), minutes[k]), reverse=True)
    while taken < cut:
        progressed = False
        for key in order:
            if taken < cut and new[key] > 1:
                new[key] -= 1
                taken += 1
                progressed = True
        if not progressed:
            break
    return new
