"""Scheduling sessions and the check-in question bank."""

from __future__ import annotations

from datetime import date

import pytest

from psw_tui.models import GroupKind, SessionStatus
from psw_tui.services import planning as svc
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.forms import FormError
from psw_tui.services.groups import GroupInput, create_group
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY

BANK = "One word for today?\nA small win this week?\nWhat helped?\nWho did you see?\nA hope?"


@pytest.fixture
def group(store: RecordStore):
    return create_group(store, GroupInput(name="Circle", question_bank=BANK))


def plan(store, group, day: str, question: str = "", start: str = "18:30"):
    template = default_template_for(GroupKind.PEER_SUPPORT)
    form = svc.PlanInput(group.id, day, start, template.id, "", question)
    return svc.plan_session(store, form, FIXED_TODAY)


def test_plan_copies_the_template_agenda_with_fresh_ids(store: RecordStore, group) -> None:
    session = plan(store, group, "2026-11-24")
    template = default_template_for(GroupKind.PEER_SUPPORT)
    assert session.status is SessionStatus.PLANNED and session.title == "Circle"
    assert session.starts is not None and session.starts.hour == 18
    assert [s.title for s in session.agenda] == [s.title for s in template.segments]
    assert not {s.id for s in session.agenda} & {s.id for s in template.segments}
    assert [h.id for h in svc.planned_sessions(store, group.id)] == [session.id]


def test_plan_form_errors(store: RecordStore, group) -> None:
    with pytest.raises(FormError) as caught:
        svc.plan_session(store, svc.PlanInput(None, "24/11/2026", "6pm", None), FIXED_TODAY)
    assert set(caught.value.errors) == {"group_id", "day", "start", "template_id"}
    assert "YYYY-MM-DD" in caught.value.errors["day"] and "HH:MM" in caught.value.errors["start"]
    with pytest.raises(FormError) as caught:
        plan(store, group, "2026-11-19")
    assert "has passed" in caught.value.errors["day"]
    assert store.sessions.headers() == []


def test_edit_and_cancel_keep_the_reason(store: RecordStore, group) -> None:
    session = plan(store, group, "2026-11-24")
    form = svc.PlanInput(None, "2026-11-26", "10:00", None, "Circle (moved)", "A hope?")
    edited = svc.edit_session(store, session.id, form, FIXED_TODAY)
    assert (edited.date, edited.title, edited.check_in_question) == (date(2026, 11, 26), "Circle (moved)", "A hope?")
    with pytest.raises(FormError) as caught:
        svc.cancel_session(store, session.id, "  ")
    assert "why" in caught.value.errors["reason"]
    cancelled = svc.cancel_session(store, session.id, "Room flooded")
    assert cancelled.status is SessionStatus.CANCELLED
    assert store.sessions.get(session.id).cancel_reason == "Room flooded"
    assert svc.planned_sessions(store, group.id) == []
    with pytest.raises(FormError):
        svc.edit_session(store, session.id, form, FIXED_TODAY)


def test_question_bank_suggests_one_not_used_recently(store: RecordStore, group) -> None:
    assert svc.suggest_question(store, group.id) == "One word for today?"
    plan(store, group, "2026-11-21", "One word for today?")
    plan(store, group, "2026-11-28", "A small win this week?")
    assert svc.suggest_question(store, group.id) == "What helped?"
    assert svc.suggest_question(store, group.id, skip=1) == "Who did you see?"
    plan(store, group, "2026-12-05", "What helped?")
    plan(store, group, "2026-12-12", "Who did you see?")
    plan(store, group, "2026-12-19", "A hope?")
    # All five used; only the last four count as recent, so the oldest comes back.
    assert svc.suggest_question(store, group.id) == "One word for today?"


def test_add_question_and_next_free_day(store: RecordStore, group) -> None:
    with pytest.raises(FormError):
        svc.add_question(store, group.id, "what helped?")
    assert svc.add_question(store, group.id, "New?").question_bank[-1] == "New?"
    assert svc.next_free_day(store, group.id, FIXED_TODAY) == FIXED_TODAY
    plan(store, group, "2026-11-24")
    assert svc.next_free_day(store, group.id, FIXED_TODAY) == date(2026, 12, 1)
