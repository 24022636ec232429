"""The template library and the agenda editing rules."""

from __future__ import annotations

import pytest

from psw_tui.models import GroupKind, SegmentKind
from psw_tui.services import templates as svc
from psw_tui.services.builtin_templates import BUILTIN_TEMPLATES, default_template_for
from psw_tui.services.forms import FormError
from psw_tui.services.groups import GroupInput, create_group
from psw_tui.services.planning import PlanInput, plan_session
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY


def test_library_lists_builtins_first_then_own_templates(store: RecordStore) -> None:
    mine = svc.new_template(store, "Zebra evening", GroupKind.PEER_SUPPORT)
    names = [t.name for t in svc.library(store)]
    assert names[: len(BUILTIN_TEMPLATES)] == sorted((t.name for t in BUILTIN_TEMPLATES), key=str.casefold)
    assert names[-1] == mine.name


def test_duplicate_a_builtin_to_edit_it_without_touching_the_original(store: RecordStore) -> None:
    builtin = default_template_for(GroupKind.PEER_SUPPORT)
    copy = svc.duplicate(store, builtin.id)
    assert copy.name == f"{builtin.name} (copy)" and not copy.builtin
    assert [s.title for s in copy.segments] == [s.title for s in builtin.segments]
    assert not {s.id for s in copy.segments} & {s.id for s in builtin.segments}
    assert svc.duplicate(store, builtin.id).name == f"{builtin.name} (copy) (2)"
    segments = svc.remove(copy.segments, 0)
    svc.save_template(store, copy.id, "My group", GroupKind.PEER_SUPPORT, segments)
    assert store.templates.get(builtin.id) == builtin
    assert len(store.templates.get(copy.id).segments) == len(builtin.segments) - 1
    with pytest.raises(FormError) as caught:
        svc.save_template(store, builtin.id, builtin.name, builtin.group_kind, builtin.segments)
    assert "duplicate it" in caught.value.errors["name"]


def test_segment_editing_add_move_change_minutes(store: RecordStore) -> None:
    a = svc.segment_from_form("Welcome", "5", SegmentKind.WELCOME, False, "")
    b = svc.segment_from_form("Check-in", 15, SegmentKind.CHECK_IN, True, "How are you?\n\n One word? ")
    assert b.prompts == ["How are you?", "One word?"] and b.optional
    segments = svc.insert(svc.insert([], 0, a), 1, b)
    moved, where = svc.move(segments, 1, -1)
    assert [s.title for s in moved] == ["Check-in", "Welcome"] and where == 0
    assert svc.move(moved, 0, -1) == (moved, 0)
    longer = svc.change_minutes(moved, 1, +3)
    assert [s.minutes for s in longer] == [15, 8]
    assert svc.change_minutes(longer, 1, -50)[1].minutes == 0
    edited = svc.segment_from_form("Arrive", "7", SegmentKind.WELCOME, False, "", keep_id=a.id)
    assert svc.replace(longer, 1, edited)[1].id == a.id


def test_segment_form_errors_are_per_field() -> None:
    with pytest.raises(FormError) as caught:
        svc.segment_from_form("  ", "ten", SegmentKind.THEME, False, "")
    assert set(caught.value.errors) == {"title", "minutes"}
    with pytest.raises(FormError) as caught:
        svc.segment_from_form("Theme", "500", SegmentKind.THEME, False, "")
    assert "0 to 480" in caught.value.errors["minutes"]


def test_fit_against_the_slot(store: RecordStore) -> None:
    segment = svc.segment_from_form("Theme", "100", SegmentKind.THEME, False, "")
    assert svc.fit([segment], 90).describe() == "Total 100 min: 10 min OVER the 90 min slot"
    assert not svc.fit([segment], 90).fits
    assert svc.fit([segment], 120).describe() == "Total 100 min of a 120 min slot: 20 min spare"
    assert "no group uses" in svc.fit([segment], None).describe()
    template = svc.duplicate(store, default_template_for(GroupKind.PEER_SUPPORT).id)
    create_group(store, GroupInput(name="A", slot_minutes=60, default_template_id=template.id))
    create_group(store, GroupInput(name="B", slot_minutes=75, default_template_id=template.id))
    assert svc.slot_for_template(store, template.id) == 60


def test_empty_agenda_and_duplicate_names_are_refused(store: RecordStore) -> None:
    mine = svc.new_template(store, "Evening", GroupKind.PEER_SUPPORT)
    with pytest.raises(FormError) as caught:
        svc.new_template(store, "evening", GroupKind.PEER_SUPPORT)
    assert "already a template" in caught.value.errors["name"]
    with pytest.raises(FormError) as caught:
        svc.save_template(store, mine.id, "", GroupKind.PEER_SUPPORT, [])
    assert set(caught.value.errors) == {"name", "segments"}
    assert store.templates.get(mine.id) == mine


def test_delete_refused_while_a_group_uses_it(store: RecordStore) -> None:
    mine = svc.duplicate(store, default_template_for(GroupKind.PEER_SUPPORT).id)
    group = create_group(store, GroupInput(name="A", default_template_id=mine.id))
    with pytest.raises(FormError) as caught:
        svc.delete_template(store, mine.id)
    assert group.name in caught.value.errors["template"]
    spare = svc.new_template(store, "Spare", GroupKind.PEER_SUPPORT)
    svc.delete_template(store, spare.id)
    assert store.templates.get(spare.id) is None


def test_a_planned_sessions_agenda_is_edited_without_touching_the_template(store: RecordStore) -> None:
    builtin = default_template_for(GroupKind.PEER_SUPPORT)
    group = create_group(store, GroupInput(name="A"))
    session = plan_session(store, PlanInput(group.id, "2026-12-01", template_id=builtin.id), FIXED_TODAY)
    shorter = svc.remove(session.agenda, 4)
    svc.save_session_agenda(store, session.id, shorter)
    assert len(store.sessions.get(session.id).agenda) == len(builtin.segments) - 1
    assert store.templates.get(builtin.id) == builtin
