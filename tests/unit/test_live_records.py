"""LiveSession's register, notes, actions and concerns, as saved in the session's own file.

The privacy checks open the stored JSON file itself: anonymous notes must hold no author
and no time of day there, not merely be hidden by the model.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

from psw_tui.models import (
    ANONYMOUS_NOTE_KINDS,
    Attendance,
    AnonymousNote,
    Concern,
    ConcernKind,
    FacilitatorNote,
    NoteKind,
    RegisterKind,
)
from psw_tui.services.live import LiveError, LiveSession
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore

from tests.unit.live_helpers import SESSION_DATE, Planned, fake_time, plan_group, plan_session


@pytest.fixture
def time() -> FakeTime:
    return fake_time()


@pytest.fixture
def planned(store: RecordStore) -> Planned:
    return plan_group(store)


@pytest.fixture
def live(store: RecordStore, planned: Planned, time: FakeTime) -> LiveSession:
    """A session started at 18:07:33."""
    session = LiveSession(store, plan_session(store, planned).id, time)
    session.start()
    return session


def stored_notes(store: RecordStore, live: LiveSession) -> dict[str, dict[str, Any]]:
    """The notes table exactly as it is in the session file on disk."""
    raw = json.loads(store.paths.session_file(live.session.id).read_text(encoding="utf-8"))
    return raw.get("notes", {})


def row_of(live: LiveSession, name: str) -> UUID:
    return next(r.entry.id for r in live.register_rows() if r.name == name)


def status_of(live: LiveSession, name: str) -> Attendance | None:
    return next(r.entry.status for r in live.register_rows() if r.name == name)


# -- register -----------------------------------------------------------------------------------


def test_no_register_before_the_start(store: RecordStore, planned: Planned, time: FakeTime) -> None:
    session = LiveSession(store, plan_session(store, planned).id, time)
    assert session.register_rows() == []


def test_start_opens_the_register_for_active_members_only(live: LiveSession) -> None:
    rows = live.register_rows()
    assert [(r.name, r.role, r.entry.status) for r in rows] == [
        ("Asha", "member", None),
        ("Ben", "member", None),
        ("Dev", "facilitator", None),
    ]
    assert all(r.entry.kind is RegisterKind.ROSTER for r in rows)
    assert live.head_count() == 0


def test_reopening_a_started_session_does_not_duplicate_the_register(
    store: RecordStore, live: LiveSession, time: FakeTime
) -> None:
    again = LiveSession(store, live.session.id, time)
    assert [r.name for r in again.register_rows()] == ["Asha", "Ben", "Dev"]


def test_one_keystroke_cycles_through_every_status(live: LiveSession) -> None:
    entry = row_of(live, "Asha")
    seen = [live.cycle_attendance(entry).status for _ in range(7)]
    assert seen == [
        Attendance.PRESENT,
        Attendance.LATE,
        Attendance.LEFT_EARLY,
        Attendance.APOLOGIES,
        Attendance.DID_NOT_ATTEND,
        None,
        Attendance.PRESENT,
    ]
    assert status_of(live, "Asha") is Attendance.PRESENT


def test_set_attendance_directly(live: LiveSession) -> None:
    live.set_attendance(row_of(live, "Ben"), Attendance.APOLOGIES)
    assert status_of(live, "Ben") is Attendance.APOLOGIES
    live.set_attendance(row_of(live, "Ben"), None)
    assert status_of(live, "Ben") is None


def test_unknown_register_entry_is_refused(live: LiveSession) -> None:
    with pytest.raises(LiveError, match="not on this register"):
        live.cycle_attendance(uuid4())
    with pytest.raises(LiveError, match="not on this register"):
        live.set_attendance(uuid4(), Attendance.PRESENT)


def test_walk_ins_and_guests_are_present_and_listed_after_the_roster(live: LiveSession) -> None:
    walk_in = live.add_walk_in("Zoe")
    guest = live.add_walk_in("Al from the recovery college", guest=True)
    assert walk_in.status is guest.status is Attendance.PRESENT
    assert walk_in.kind is RegisterKind.WALK_IN and guest.kind is RegisterKind.GUEST
    assert walk_in.member_id is None
    assert [(r.name, r.role) for r in live.register_rows()] == [
        ("Asha", "member"),
        ("Ben", "member"),
        ("Dev", "facilitator"),
        ("Al from the recovery college", "guest"),
        ("Zoe", "walk-in"),
    ]


def test_head_count_counts_present_late_and_left_early(live: LiveSession) -> None:
    live.set_attendance(row_of(live, "Asha"), Attendance.LATE)
    live.set_attendance(row_of(live, "Ben"), Attendance.APOLOGIES)
    live.set_attendance(row_of(live, "Dev"), Attendance.PRESENT)
    assert live.head_count() == 2
    live.add_walk_in("Zoe")
    assert live.head_count() == 3
    live.set_attendance(row_of(live, "Zoe"), Attendance.LEFT_EARLY)
    assert live.head_count() == 3
    live.set_attendance(row_of(live, "Asha"), Attendance.DID_NOT_ATTEND)
    assert live.head_count() == 2


def test_register_changes_are_saved_at_once(
    store: RecordStore, live: LiveSession
) -> None:
    live.cycle_attendance(row_of(live, "Asha"))
    live.add_walk_in("Zoe")
    entries = store.register(live.session.id).all()
    asha = row_of(live, "Asha")
    by_id = {e.id: e for e in entries}
    assert by_id[asha].status is Attendance.PRESENT
    [zoe] = [e for e in entries if e.display_name == "Zoe"]
    assert zoe.status is Attendance.PRESENT
    assert sorted(str(e.status) for e in entries) == ["None", "None", "present", "present"]


# -- notes --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(ANONYMOUS_NOTE_KINDS))
def test_anonymous_notes_store_no_author_and_no_time_of_day(
    store: RecordStore, live: LiveSession, kind: NoteKind
) -> None:
    note = live.add_note(kind, "Hope comes back slowly", author="Dev")
    assert isinstance(note, AnonymousNote)
    doc = stored_notes(store, live)[str(note.id)]
    assert "author" not in doc
    assert "created_at" not in doc
    assert doc["session_date"] == "2026-11-20"
    text = json.dumps(doc)
    assert "18:07" not in text and "Dev" not in text
    assert set(doc) == {"kind", "session_id", "session_date", "segment_id", "text", "tags"}


def test_facilitator_reflection_carries_author_and_time(
    store: RecordStore, live: LiveSession, time: FakeTime
) -> None:
    time.advance(minutes=3)
    note = live.add_note(NoteKind.FACILITATOR_REFLECTION, "I felt rushed", author="Dev")
    assert isinstance(note, FacilitatorNote)
    assert note.author == "Dev"
    assert note.created_at == time.now()
    doc = stored_notes(store, live)[str(note.id)]
    assert doc["author"] == "Dev"
    assert doc["created_at"].startswith("2026-11-20T18:10:33")


def test_notes_belong_to_the_segment_being_timed(live: LiveSession) -> None:
    welcome, check_in = (s.id for s in live.session.agenda[:2])
    first = live.add_note(NoteKind.THEME, "Belonging")
    live.next_segment()
    second = live.add_note(NoteKind.THEME, "Sleep")
    assert (first.segment_id, second.segment_id) == (welcome, check_in)
    assert [n.text for n in live.notes(check_in)] == ["Sleep"]
    assert [n.text for n in live.notes(welcome)] == ["Belonging"]
    assert len(live.notes()) == 2


def test_notes_are_listed_by_kind_and_text_never_in_entry_order(live: LiveSession) -> None:
    for kind, text in [
        (NoteKind.THEME, "Hope"),
        (NoteKind.CONTRIBUTION, "zebra crossings feel safer"),
        (NoteKind.FACILITATOR_REFLECTION, "felt rushed"),
        (NoteKind.CONTRIBUTION, "Apple picking helped"),
        (NoteKind.SIGNPOST, "Samaritans 116 123"),
        (NoteKind.PARKING_LOT, "Housing"),
    ]:
        live.add_note(kind, text)
    assert [(n.kind.value, n.text) for n in live.notes()] == [
        ("contribution", "Apple picking helped"),
        ("contribution", "zebra crossings feel safer"),
        ("facilitator_reflection", "felt rushed"),
        ("parking_lot", "Housing"),
        ("signpost", "Samaritans 116 123"),
        ("theme", "Hope"),
    ]


def test_editing_keeps_kind_segment_and_anonymity(
    store: RecordStore, live: LiveSession, time: FakeTime
) -> None:
    welcome = live.session.agenda[0].id
    anonymous = live.add_note(NoteKind.CONTRIBUTION, "Said by mistake: a name")
    mine = live.add_note(NoteKind.FACILITATOR_REFLECTION, "Tired", author="Dev")
    written_at = time.now()
    live.next_segment()
    time.advance(minutes=20)
    edited = live.edit_note(anonymous.id, "Someone shared a loss")
    edited_mine = live.edit_note(mine.id, "Tired but hopeful")
    assert isinstance(edited, AnonymousNote)
    assert (edited.id, edited.kind) == (anonymous.id, NoteKind.CONTRIBUTION)
    assert edited.segment_id == welcome
    assert isinstance(edited_mine, FacilitatorNote)
    assert (edited_mine.author, edited_mine.created_at) == ("Dev", written_at)
    docs = stored_notes(store, live)
    assert docs[str(anonymous.id)]["text"] == "Someone shared a loss"
    assert "author" not in docs[str(anonymous.id)] and "created_at" not in docs[str(anonymous.id)]
    assert len(docs) == 2


def test_a_blank_edit_is_refused_and_changes_nothing(live: LiveSession) -> None:
    note = live.add_note(NoteKind.THEME, "Hope")
    with pytest.raises(ValidationError):
        live.edit_note(note.id, "   ")
    assert [n.text for n in live.notes()] == ["Hope"]


def test_removing_a_note_takes_it_down_for_good(store: RecordStore, live: LiveSession) -> None:
    keep = live.add_note(NoteKind.THEME, "Hope")
    gone = live.add_note(NoteKind.CONTRIBUTION, "Said by mistake")
    assert live.remove_note(gone.id) is True
    assert [n.id for n in live.notes()] == [keep.id]
    assert str(gone.id) not in stored_notes(store, live)
    assert live.remove_note(gone.id) is False
    with pytest.raises(LiveError, match="no longer there"):
        live.edit_note(gone.id, "back again")


# -- actions ------------------------------------------------------------------------------------


def test_action_with_an_owner_from_the_roster(
    store: RecordStore, planned: Planned, live: LiveSession
) -> None:
    ben = planned.members["Ben"]
    action = live.add_action("Bring the leaflets", owner_id=ben.id, due=date(2026, 11, 27))
    stored = store.actions(live.session.id).get(action.id)
    assert stored is not None
    assert (stored.owner_id, stored.due) == (ben.id, date(2026, 11, 27))
    assert stored.raised_on == SESSION_DATE
    assert stored.group_id == planned.group.id
    assert stored.status.value == "open"


def test_action_without_owner(store: RecordStore, live: LiveSession) -> None:
    action = live.add_action("Book a bigger room")
    assert action.owner_id is None and action.due is None
    assert store.actions(live.session.id).count() == 1


def test_action_owner_must_be_on_this_groups_roster(
    store: RecordStore, planned: Planned, live: LiveSession
) -> None:
    with pytest.raises(LiveError, match="not on this group's roster"):
        live.add_action("Call the venue", owner_id=planned.outsider.id)
    with pytest.raises(LiveError):
        live.add_action("Call the venue", owner_id=uuid4())
    assert store.actions(live.session.id).count() == 0


# -- concerns -----------------------------------------------------------------------------------


def test_a_concern_is_saved_with_who_and_when_never_anonymous(
    store: RecordStore, live: LiveSession, time: FakeTime
) -> None:
    time.advance(minutes=30)
    concern = live.record_concern(
        ConcernKind.RISK_TO_SELF, "Talked after the group; agreed a plan", "Duty worker", "Dev"
    )
    [stored] = store.concerns(live.session.id).all()
    assert stored == concern
    assert stored.kind is ConcernKind.RISK_TO_SELF
    assert (stored.recorded_by, stored.recorded_at) == ("Dev", time.now())
    assert stored.escalated_to == "Duty worker"


def test_a_concern_has_no_place_for_what_was_said() -> None:
    assert set(Concern.model_fields) == {
        "id", "session_id", "kind", "action_taken", "escalated_to", "recorded_by", "recorded_at"
    }


def test_members_are_the_groups_roster_by_name(live: LiveSession) -> None:
    assert [m.display_name for m in live.members()] == ["Asha", "Ben", "Cleo", "Dev"]
