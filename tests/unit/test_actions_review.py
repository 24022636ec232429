"""Actions carried forward into the next session's "review actions" step."""

from __future__ import annotations

from psw_tui.models import ActionStatus, SessionStatus
from psw_tui.services import actions as svc
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY


def next_planned(store: RecordStore):
    planned = [h for h in store.sessions.headers() if h.status is SessionStatus.PLANNED]
    for header in planned:
        if svc.has_open_actions(store, header.id):
            return header
    raise AssertionError("the demo data has a planned session with open actions")


def test_open_actions_of_earlier_sessions_come_up_for_review(demo_store: RecordStore) -> None:
    header = next_planned(demo_store)
    carried = svc.open_actions(demo_store, header.id)
    assert carried and all(c.action.status is ActionStatus.OPEN for c in carried)
    assert all(c.raised_in.group_id == header.group_id and c.raised_in.date <= header.date for c in carried)
    raised = [c.action.raised_on for c in carried]
    assert raised == sorted(raised)


def test_done_dropped_and_kept_open(demo_store: RecordStore) -> None:
    header = next_planned(demo_store)
    carried = svc.open_actions(demo_store, header.id)
    first = carried[0].action
    done = svc.set_status(demo_store, first, ActionStatus.DONE, FIXED_TODAY)
    assert (done.status, done.closed_on) == (ActionStatus.DONE, FIXED_TODAY)
    assert demo_store.actions(first.session_id).get(first.id).status is ActionStatus.DONE
    remaining = svc.open_actions(demo_store, header.id)
    assert first.id not in {c.action.id for c in remaining}
    if len(carried) > 1:
        dropped = svc.set_status(demo_store, carried[1].action, ActionStatus.DROPPED, FIXED_TODAY)
        assert dropped.status is ActionStatus.DROPPED
    reopened = svc.set_status(demo_store, first, ActionStatus.OPEN, FIXED_TODAY)
    assert reopened.closed_on is None
    assert first.id in {c.action.id for c in svc.open_actions(demo_store, header.id)}
