"""Domain model rules: validation names the field, privacy is built into the shapes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, UTC
from uuid import UUID, uuid4

import pytest
from pydantic import TypeAdapter, ValidationError

from psw_tui.models import (
    Action,
    AnonymousNote,
    Attendance,
    Concern,
    DriscollReflection,
    FacilitatorNote,
    GibbsReflection,
    Group,
    Member,
    Note,
    Pause,
    Reflection,
    RegisterEntry,
    RegisterKind,
    Segment,
    SegmentRun,
    Session,
)


def field_of(error: ValidationError) -> str:
    return ".".join(str(part) for part in error.errors()[0]["loc"])


def test_ids_are_random_uuid4() -> None:
    a, b = Group(name="A"), Group(name="B")
    assert isinstance(a.id, UUID) and a.id.version == 4
    assert a.id != b.id


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (Group, {"name": "   "}, "name"),
        (Group, {"name": "A", "kind": "therapy"}, "kind"),
        (Group, {"name": "A", "slot_minutes": 0}, "slot_minutes"),
        (Member, {"group_id": str(uuid4()), "display_name": ""}, "display_name"),
        (Member, {"group_id": str(uuid4()), "display_name": "Ash", "surname": "X"}, "surname"),
        (Segment, {"title": "Welcome", "minutes": -1, "kind": "welcome"}, "minutes"),
        (Session, {"group_id": str(uuid4()), "title": "T", "date": "2026-02-30"}, "date"),
    ],
)
def test_invalid_data_names_the_field(model: type, data: dict, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    assert field_of(caught.value) == field


def test_member_holds_a_display_name_and_role_only() -> None:
    assert set(Member.model_fields) == {"id", "group_id", "display_name", "role", "active"}


def test_anonymous_notes_have_no_author_and_no_time_of_day() -> None:
    fields = set(AnonymousNote.model_fields)
    assert "author" not in fields
    assert not any(name.endswith("_at") for name in fields)
    with pytest.raises(ValidationError) as caught:
        AnonymousNote.model_validate(
            {"kind": "contribution", "session_id": str(uuid4()), "session_date": "2026-11-20",
             "text": "hope", "author": "Ash"}
        )
    assert field_of(caught.value) == "author"


def test_note_union_picks_the_model_by_kind() -> None:
    adapter = TypeAdapter(Note)
    common = {"session_id": str(uuid4()), "session_date": "2026-11-20", "text": "x"}
    assert isinstance(adapter.validate_python({**common, "kind": "theme"}), AnonymousNote)
    assert isinstance(
        adapter.validate_python({**common, "kind": "facilitator_reflection"}), FacilitatorNote
    )
    with pytest.raises(ValidationError):
        adapter.validate_python({**common, "kind": "gossip"})


def test_register_entry_needs_a_member_or_a_name() -> None:
    session_id = uuid4()
    with pytest.raises(ValidationError, match="member_id"):
        RegisterEntry(session_id=session_id)
    with pytest.raises(ValidationError, match="display_name"):
        RegisterEntry(session_id=session_id, kind=RegisterKind.WALK_IN)
    walk_in = RegisterEntry(
        session_id=session_id, kind=RegisterKind.WALK_IN, display_name="Kit", status=Attendance.LATE
    )
    assert walk_in.member_id is None


def test_timing_log_must_reference_the_agenda_and_run_forwards() -> None:
    segment = Segment(title="Welcome", minutes=5, kind="welcome")
    start = datetime(2026, 11, 20, 18, tzinfo=UTC)
    run = SegmentRun(segment_id=segment.id, started_at=start, pauses=[Pause(started_at=start)])
    Session(group_id=uuid4(), title="T", date=date(2026, 11, 20), agenda=[segment], runs=[run])
    with pytest.raises(ValidationError, match="not on the agenda"):
        Session(group_id=uuid4(), title="T", date=date(2026, 11, 20), runs=[run])
    with pytest.raises(ValidationError, match="ended_at"):
        SegmentRun(segment_id=segment.id, started_at=start, ended_at=start - timedelta(seconds=1))
    with pytest.raises(ValidationError):
        SegmentRun(segment_id=segment.id, started_at=datetime(2026, 11, 20, 18))  # naive


def test_concern_has_no_field_for_what_was_said() -> None:
    assert set(Concern.model_fields) == {
        "id", "session_id", "kind", "action_taken", "escalated_to", "recorded_by", "recorded_at"
    }
    with pytest.raises(ValidationError, match="details"):
        Concern(session_id=uuid4(), kind="risk_to_self", action_taken="Called duty team",
                recorded_by="Sam", details="verbatim")  # type: ignore[call-arg]


def test_reflection_models_carry_their_own_fields() -> None:
    adapter = TypeAdapter(Reflection)
    gibbs = adapter.validate_python({"model": "gibbs", "title": "Boundaries", "feelings": "Tired"})
    assert isinstance(gibbs, GibbsReflection) and gibbs.feelings == "Tired"
    driscoll = adapter.validate_python({"model": "driscoll", "title": "T", "so_what": "It matters"})
    assert isinstance(driscoll, DriscollReflection)
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python({"model": "driscoll", "title": "T", "feelings": "x"})
    assert "feelings" in field_of(caught.value)


def test_action_owner_and_due_date_are_optional() -> None:
    action = Action(session_id=uuid4(), group_id=uuid4(), text="Book room", raised_on=date(2026, 1, 1))
    assert action.owner_id is None and action.due is None and action.status == "open"
