"""The worker's own supervision: overdue rules per kind on fixed data (group sessions count),
agreed actions in the open-actions report, the supervisor's compliance report unchanged in
what it did and seeing reflective practice too, forget and prune."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from psw_tui.models import ActionStatus, Group, GroupKind, Member, MemberRole, Session, SessionStatus, Settings
from psw_tui.models.worker import SupervisionAction, SupervisionKind, SupervisionRecord
from psw_tui.services import reports
from psw_tui.services.dashboard import dashboard_alerts
from psw_tui.services.erasure import forget_member
from psw_tui.services.forms import FormError
from psw_tui.services.retention import apply_prune, plan_prune
from psw_tui.services.supervision import (
    SupervisionInput,
    build_record,
    open_agreed_actions,
    overdue_line,
    overdue_supervision,
    set_action_status,
    supervision_log,
    supervision_status,
)
from psw_tui.storage import RecordStore

TODAY = date(2026, 11, 20)


def record(kind: SupervisionKind, weeks_ago: int, **extra: object) -> SupervisionRecord:
    return SupervisionRecord(date=TODAY - timedelta(weeks=weeks_ago), kind=kind, minutes=60, **extra)


def session(group: Group, day: date, status: SessionStatus = SessionStatus.ENDED) -> Session:
    return Session(group_id=group.id, title=group.name, date=day, status=status)


@pytest.fixture
def fixed(store: RecordStore) -> RecordStore:
    """Line management 5 weeks ago (rule 4: overdue), clinical 3 weeks ago (rule 6: ok),
    peer support never (not tracked), group supervision only from a supervision group's
    sessions: ended 2 weeks ago, a later one cancelled and one planned."""
    store.supervision.save_many([
        record(SupervisionKind.LINE_MANAGEMENT, 5),
        record(SupervisionKind.LINE_MANAGEMENT, 9),
        record(SupervisionKind.CLINICAL, 3, actions=[
            SupervisionAction(text="Read the lone working policy", raised_on=TODAY - timedelta(weeks=3))]),
    ])
    group = store.groups.save(Group(name="PSW group supervision", kind=GroupKind.SUPERVISION))
    store.sessions.save_many([
        session(group, TODAY - timedelta(weeks=6)),
        session(group, TODAY - timedelta(weeks=2)),
        session(group, TODAY - timedelta(days=3), SessionStatus.CANCELLED),
        session(group, TODAY + timedelta(days=10), SessionStatus.PLANNED),
    ])
    return store


def by_kind(store: RecordStore, rules: dict[str, int] | None = None) -> dict[SupervisionKind, tuple]:
    return {row.kind: (row.last, row.overdue, row.tracked) for row in supervision_status(store, TODAY, rules)}


def test_overdue_per_kind_with_the_default_rules(fixed: RecordStore) -> None:
    rows = by_kind(fixed)
    assert rows[SupervisionKind.LINE_MANAGEMENT] == (TODAY - timedelta(weeks=5), True, True)
    assert rows[SupervisionKind.CLINICAL] == (TODAY - timedelta(weeks=3), False, True)
    assert rows[SupervisionKind.PEER_SUPPORT] == (None, False, False)  # never had: not overdue
    # Group supervision from the group's ended session; cancelled and planned ones do not count.
    assert rows[SupervisionKind.GROUP] == (TODAY - timedelta(weeks=2), False, True)
    overdue = overdue_supervision(fixed, TODAY)
    assert [row.kind for row in overdue] == [SupervisionKind.LINE_MANAGEMENT]
    assert overdue_line(overdue) == "Supervision overdue: line management (5 weeks)"


def test_rules_from_settings_change_what_is_overdue(fixed: RecordStore) -> None:
    rules = Settings(supervision_every_weeks={"clinical": 2, "group": 1, "line_management": 0}).supervision_every_weeks
    overdue = {row.kind for row in overdue_supervision(fixed, TODAY, rules)}
    assert overdue == {SupervisionKind.CLINICAL, SupervisionKind.GROUP}  # line management not tracked
    # Exactly on the boundary is not overdue yet: 3 weeks ago with a rule of 3 weeks.
    assert not by_kind(fixed, {"clinical": 3})[SupervisionKind.CLINICAL][1]


def test_the_log_lists_records_and_group_sessions_newest_first(fixed: RecordStore) -> None:
    entries = supervision_log(fixed, TODAY)
    assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)
    assert sum(e.from_group for e in entries) == 2
    assert all(e.date <= TODAY for e in entries)


def test_agreed_actions_join_the_open_actions_report_marked_as_supervision(fixed: RecordStore) -> None:
    rows = reports.open_actions(fixed)
    marked = [r for r in rows if r.from_supervision]
    assert [(r.group, r.action.text) for r in marked] == [("Supervision (clinical)", "Read the lone working policy")]
    assert dashboard_alerts(fixed, TODAY).open_actions == 1
    agreed = open_agreed_actions(fixed)[0]
    set_action_status(fixed, agreed.record.id, agreed.action.id, ActionStatus.DONE, TODAY)
    assert not [r for r in reports.open_actions(fixed) if r.from_supervision]
    # One group's open actions never include the worker's own.
    group = fixed.groups.all()[0]
    assert reports.open_actions(fixed, group.id) == []


def test_the_dashboard_line_names_the_overdue_kind(fixed: RecordStore) -> None:
    alerts = dashboard_alerts(fixed, TODAY, supervision_every=Settings().supervision_every_weeks)
    assert alerts.words(3).splitlines()[1] == "Supervision overdue: line management (5 weeks)"
    quiet = dashboard_alerts(fixed, TODAY, supervision_every={"line_management": 0})
    assert len(quiet.words(3).splitlines()) == 1


def test_editing_keeps_closed_actions_closed_and_the_form_names_mistakes(fixed: RecordStore) -> None:
    clinical = next(r for r in fixed.supervision.all() if r.kind is SupervisionKind.CLINICAL)
    agreed = clinical.actions[0]
    done = set_action_status(fixed, clinical.id, agreed.id, ActionStatus.DONE, TODAY)
    form = SupervisionInput(day=done.date.isoformat(), kind="clinical", supervisor="Sam", minutes="50",
                            actions="Read the lone working policy\n\nBook a day off\n")
    edited = build_record(form, done)
    assert [(a.text, a.status) for a in edited.actions] == [
        ("Read the lone working policy", ActionStatus.DONE), ("Book a day off", ActionStatus.OPEN)]
    assert edited.id == done.id
    with pytest.raises(FormError) as caught:
        build_record(SupervisionInput(day="soon", kind="weekly", supervisor="x" * 81, minutes="0",
                                      actions="y" * 301))
    assert set(caught.value.errors) == {"date", "kind", "supervisor", "minutes", "actions"}


def test_the_compliance_report_sees_reflective_practice_supervisees(store: RecordStore) -> None:
    supervision = store.groups.save(Group(name="PSW group supervision", kind=GroupKind.SUPERVISION))
    circle = store.groups.save(Group(name="Reflective circle", kind=GroupKind.REFLECTIVE_PRACTICE))
    store.members.save_many([
        Member(group_id=supervision.id, display_name="Ash", role=MemberRole.SUPERVISEE),
        Member(group_id=circle.id, display_name="Bo", role=MemberRole.SUPERVISEE),
        Member(group_id=circle.id, display_name="Cy", role=MemberRole.MEMBER),
    ])
    rows = {row.name: row.kind for row in reports.supervision_compliance(store, TODAY)}
    assert rows == {"Ash": "group supervision", "Bo": "reflective practice"}


def test_forget_member_scrubs_supervision_records_and_prune_removes_old_ones(fixed: RecordStore) -> None:
    group = fixed.groups.all()[0]
    person = fixed.members.save(Member(group_id=group.id, display_name="Priya", role=MemberRole.SUPERVISOR))
    named = fixed.supervision.save(record(SupervisionKind.PEER_SUPPORT, 1, supervisor="Priya", actions=[
        SupervisionAction(text="Shadow Priya on a walk", raised_on=TODAY)]))
    forget_member(fixed, person.id, "Priya")
    after = fixed.supervision.get(named.id)
    assert after is not None and after.supervisor == "[name removed]"
    assert "Priya" not in after.actions[0].text
    plan = plan_prune(fixed, TODAY - timedelta(weeks=4))
    assert len(plan.worker.supervision) == 2  # line management 5 and 9 weeks ago
    apply_prune(fixed, plan)
    assert {r.kind for r in fixed.supervision.all()} == {SupervisionKind.CLINICAL, SupervisionKind.PEER_SUPPORT}


def test_the_compliance_table_marks_reflective_practice(store: RecordStore) -> None:
    from psw_tui.services import report_tables

    circle = store.groups.save(Group(name="Reflective circle", kind=GroupKind.REFLECTIVE_PRACTICE))
    store.members.save(Member(group_id=circle.id, display_name="Bo", role=MemberRole.SUPERVISEE))
    table = report_tables.compliance_table(reports.supervision_compliance(store, TODAY), 6)
    assert table.rows == [("Bo", "Reflective circle (reflective practice)", "never", "—", "OVERDUE")]
