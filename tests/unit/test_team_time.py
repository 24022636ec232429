"""Team time: the planned sessions of the next two weeks with no facilitator set, listed in
the "Groups short of a facilitator" segment of a Team time session."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from psw_tui.models import GroupKind, MemberRole
from psw_tui.services import planning
from psw_tui.services import series as svc
from psw_tui.services.builtin_templates import builtin_template, default_template_for
from psw_tui.services.groups import GroupInput, add_member, create_group
from psw_tui.services.team_time import SEGMENT_TITLE, short_of_facilitator
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY

PEER = default_template_for(GroupKind.PEER_SUPPORT).id


def series_form(group, start: str, **changes) -> svc.SeriesInput:
    base = svc.SeriesInput(group_id=group.id, start=start, start_time="18:30", count="6", template_id=PEER)
    return replace(base, **changes)


def test_sessions_short_of_a_facilitator_in_the_next_two_weeks(store: RecordStore) -> None:
    staffed = create_group(store, GroupInput(name="Staffed circle"))
    lead = add_member(store, staffed.id, "Morgan", MemberRole.FACILITATOR)
    unstaffed = create_group(store, GroupInput(name="Open circle"))
    add_member(store, unstaffed.id, "Robin", MemberRole.MEMBER)
    # a series with its facilitator set, one without, and a one-off in each group
    svc.create_series(store, series_form(staffed, "2026-11-23", facilitator_id=lead.id), FIXED_TODAY)
    walk = create_group(store, GroupInput(name="Walk and talk"))
    svc.create_series(store, series_form(walk, "2026-11-25"), FIXED_TODAY)
    planning.plan_session(store, planning.PlanInput(staffed.id, "2026-11-27", "10:00", PEER), FIXED_TODAY)
    open_one = planning.plan_session(store, planning.PlanInput(unstaffed.id, "2026-11-26", "", PEER), FIXED_TODAY)
    cancelled = planning.plan_session(store, planning.PlanInput(unstaffed.id, "2026-11-30", "", PEER), FIXED_TODAY)
    planning.cancel_session(store, cancelled.id, "Room not available")

    short = short_of_facilitator(store, FIXED_TODAY)
    assert [(s.group_name, s.day) for s in short] == [
        ("Walk and talk", date(2026, 11, 25)),
        ("Open circle", date(2026, 11, 26)),
        ("Walk and talk", date(2026, 12, 2)),
    ]  # 9 Dec is 19 days away; the staffed series and the staffed group's one-off are not short
    assert short[1].session_id == open_one.id
    assert short[0].words() == "Wed 25 Nov 18:30 Walk and talk"
    # the series' facilitator leaving the roster makes its sessions short too
    store.members.save(lead.model_copy(update={"active": False}))
    assert len(short_of_facilitator(store, FIXED_TODAY)) == 3 + 2 + 1


def test_a_team_time_session_lists_them_without_names(store: RecordStore) -> None:
    team = create_group(store, GroupInput(name="Team"))
    add_member(store, team.id, "Morgan", MemberRole.FACILITATOR)
    walk = create_group(store, GroupInput(name="Walk and talk"))
    add_member(store, walk.id, "Robin", MemberRole.MEMBER)
    team_time = builtin_template("Team time")
    assert team_time is not None and team_time.total_minutes == 15
    session = planning.plan_session(
        store, planning.PlanInput(team.id, "2026-11-23", "09:00", team_time.id), FIXED_TODAY)
    (segment,) = [s for s in session.agenda if s.title == SEGMENT_TITLE]
    assert segment.prompts == ["Which of these sessions can someone cover?",
                               "As of 20 Nov: no planned session is short."]
    # planning a series brings the line of the planned Team time session up to date
    svc.create_series(store, series_form(walk, "2026-11-25", count="2"), FIXED_TODAY)
    svc.create_series(store, series_form(team, "2026-11-30", count="1", start_time="11:00"), FIXED_TODAY)
    refreshed = store.sessions.get(session.id)
    (segment,) = [s for s in refreshed.agenda if s.title == SEGMENT_TITLE]
    # the team's own series names nobody, so the roster's facilitator counts: not short
    assert segment.prompts == ["Which of these sessions can someone cover?",
                               "As of 20 Nov: Wed 25 Nov 18:30 Walk and talk; Wed 2 Dec 18:30 Walk and talk."]
    assert not any("Robin" in p or "Morgan" in p for s in refreshed.agenda for p in s.prompts)


def test_other_templates_are_left_as_they_are(store: RecordStore) -> None:
    group = create_group(store, GroupInput(name="Circle"))
    session = planning.plan_session(store, planning.PlanInput(group.id, "2026-11-24", "", PEER), FIXED_TODAY)
    assert [s.prompts for s in session.agenda] == [
        s.prompts for s in default_template_for(GroupKind.PEER_SUPPORT).segments]
