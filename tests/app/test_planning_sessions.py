"""Scheduling, cancelling, reviewing actions and forgetting a member, driven with Pilot."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, DataTable, Input, Select, Static

from psw_tui.app import create_app
from psw_tui.cli import main
from psw_tui.models import ActionStatus, GroupKind, SessionStatus
from psw_tui.screens.cancel_session import CancelSessionScreen
from psw_tui.screens.forget_member import ForgetMemberScreen
from psw_tui.screens.planning import PlanSessionScreen
from psw_tui.screens.review_actions import ReviewActionsScreen
from psw_tui.screens.roster import RosterScreen
from psw_tui.services.actions import open_actions
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.groups import GroupInput, create_group
from psw_tui.storage import RecordStore
from psw_tui.storage.backups import GENERATIONS
from tests.app.test_planning_groups import errors_of, palette
from tests.conftest import FIXED_TODAY, fixed_time
from tests.planning_helpers import files_mentioning

BANK = "One word for today?\nA small win?\nWhat helped?"


async def test_plan_a_session_with_errors_then_a_suggested_question(store: RecordStore) -> None:
    template = default_template_for(GroupKind.PEER_SUPPORT)
    group = create_group(store, GroupInput(name="Circle", default_template_id=template.id, question_bank=BANK))
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(PlanSessionScreen(group_id=group.id))
        await pilot.pause()
        form = app.screen
        assert form.query_one("#day", Input).value == FIXED_TODAY.isoformat()
        assert form.query_one("#template_id", Select).value == template.id
        assert form.query_one("#check_in_question", Input).value == "One word for today?"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert form.query_one("#check_in_question", Input).value == "A small win?"
        form.query_one("#day", Input).value = "2026-11-01"
        form.query_one("#start", Input).value = "half six"
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = errors_of(form)
        assert "has passed" in errors["day"] and "HH:MM" in errors["start"]
        assert store.sessions.headers() == []
        form.query_one("#day", Input).value = "2026-11-24"
        form.query_one("#start", Input).value = "18:30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PlanSessionScreen)
        (header,) = store.sessions.headers()
        session = store.sessions.get(header.id)
        assert (session.date, session.start_time.hour, session.status) == (date(2026, 11, 24), 18, SessionStatus.PLANNED)
        assert session.check_in_question == "A small win?"
        assert [s.title for s in session.agenda] == [s.title for s in template.segments]


async def test_edit_and_cancel_a_planned_session_from_the_palette(store: RecordStore) -> None:
    from psw_tui.services.planning import PlanInput, plan_session

    template = default_template_for(GroupKind.PEER_SUPPORT)
    group = create_group(store, GroupInput(name="Circle"))
    session = plan_session(store, PlanInput(group.id, "2026-11-24", "18:00", template.id), FIXED_TODAY)
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 40)) as pilot:
        await palette(pilot, "Edit planned session")
        await pilot.press("enter")  # the only planned session
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PlanSessionScreen) and form.session_id == session.id
        form.query_one("#start", Input).value = "19:15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.sessions.get(session.id).start_time.strftime("%H:%M") == "19:15"
        await palette(pilot, "Cancel session")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CancelSessionScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "why the session is cancelled" in errors_of(dialog)["reason"]
        assert store.sessions.get(session.id).status is SessionStatus.PLANNED
        dialog.query_one("#reason", Input).value = "Venue closed for repairs"
        await pilot.press("enter")
        await pilot.pause()
        cancelled = store.sessions.get(session.id)
        assert (cancelled.status, cancelled.cancel_reason) == (SessionStatus.CANCELLED, "Venue closed for repairs")


async def test_review_actions_marks_done_kept_and_dropped(demo_store: RecordStore) -> None:
    planned = [h for h in demo_store.sessions.headers() if h.status is SessionStatus.PLANNED]
    header = max(planned, key=lambda h: len(open_actions(demo_store, h.id)))
    carried = open_actions(demo_store, header.id)
    assert len(carried) >= 2
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ReviewActionsScreen(header.id))
        await pilot.pause()
        table = app.screen.query_one("#review-table", DataTable)
        assert table.row_count == len(carried)
        await pilot.press("d", "k", "x")
        await pilot.pause()
        column = [str(table.get_row_at(i)[-1]) for i in range(3 if len(carried) > 2 else 2)]
        assert column[:2] == ["done", "kept open"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewActionsScreen)
    statuses = [demo_store.actions(c.action.session_id).get(c.action.id).status for c in carried]
    assert statuses[0] is ActionStatus.DONE and statuses[1] is ActionStatus.OPEN
    if len(carried) > 2:
        assert statuses[2] is ActionStatus.DROPPED
    assert carried[0].action.id not in {c.action.id for c in open_actions(demo_store, header.id)}


async def test_forget_member_flow_erases_the_name_from_every_file(demo_store: RecordStore) -> None:
    tansy = next(m for m in demo_store.members.all() if m.display_name == "Tansy")
    demo_store.backup()
    assert files_mentioning(demo_store.paths.root, "Tansy")
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(RosterScreen(tansy.group_id))
        await pilot.pause()
        table = app.screen.query_one("#roster-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(tansy.id)))
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ForgetMemberScreen)
        plan_text = str(dialog.query_one("#forget-plan", Static).render())
        assert "Tansy" in plan_text and "attendance counts in past summaries stay right" in plan_text
        assert dialog.query_one("#purge", Checkbox).value is True
        dialog.query_one("#confirm", Input).value = "Tansi"
        await pilot.press("enter")
        await pilot.pause()
        assert "exactly" in errors_of(dialog)["confirm"]
        assert demo_store.members.get(tansy.id) is not None
        dialog.query_one("#confirm", Input).value = "Tansy"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "Tansy" not in names
    root = demo_store.paths.root
    demo_store.close()
    assert files_mentioning(root, "Tansy") == []
    assert main(["--data-dir", str(root), "check"]) == 0


async def test_forget_without_purge_leaves_backups_until_they_rotate(demo_store: RecordStore) -> None:
    pip = next(m for m in demo_store.members.all() if m.display_name == "Pip")
    demo_store.backup()
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ForgetMemberScreen(pip.id))
        await pilot.pause()
        app.screen.query_one("#purge", Checkbox).value = False
        app.screen.query_one("#confirm", Input).value = "pip"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ForgetMemberScreen)
    root = demo_store.paths.root
    hits = files_mentioning(root, "Pip")
    assert hits and all(".zip" in hit for hit in hits)
    for _ in range(GENERATIONS):
        demo_store.backup()
    demo_store.close()
    assert files_mentioning(root, "Pip") == []
    assert main(["--data-dir", str(root), "check"]) == 0
