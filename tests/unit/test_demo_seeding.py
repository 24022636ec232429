"""The demo laid out around the moment it is opened: the past has happened, nothing has
ended later today, and exactly one session waits for today (hypothesis over moments)."""

from __future__ import annotations

import os
import time as host_time
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from psw_tui.models import ActionStatus, Bundle, FacilitatorNote, SessionStatus
from psw_tui.services.builtin_templates import BUILTIN_TEMPLATES
from psw_tui.services.bundles import check_references
from psw_tui.services.dashboard import upcoming_sessions
from psw_tui.services.setup import demo_bundle, seed_demo
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY

BUILTIN_IDS = {template.id for template in BUILTIN_TEMPLATES}
RAN = (SessionStatus.RUNNING, SessionStatus.ENDED)

# Every weekday of a winter week and of a summer one, from just after midnight to late evening.
moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31, 23, 59, 59), timezones=st.just(UTC)
)


def timing_log(bundle: Bundle) -> Iterator[tuple[str, datetime]]:
    """Every recorded moment of every session, named for the failure message."""
    for part in bundle.sessions:
        session = part.session
        name = f"{session.title} on {session.date}"
        for label, moment in (("started", session.started_at), ("ended", session.ended_at)):
            if moment is not None:
                yield f"{name} {label}", moment
        for run in session.runs:
            yield f"{name} segment start", run.started_at
            if run.ended_at is not None:
                yield f"{name} segment end", run.ended_at
            for pause in run.pauses:
                yield f"{name} pause", pause.started_at
                if pause.ended_at is not None:
                    yield f"{name} pause end", pause.ended_at
        for note in part.notes:
            if isinstance(note, FacilitatorNote):
                yield f"{name} facilitator note", note.created_at
        for concern in part.concerns:
            yield f"{name} concern", concern.recorded_at


def check_fits(bundle: Bundle, now: datetime) -> None:
    """The invariants of a demo laid out around ``now``."""
    today = now.astimezone().date()
    for what, moment in timing_log(bundle):
        assert moment <= now, f"{what} at {moment}, after {now}"
    sessions = [part.session for part in bundle.sessions]
    assert not [s for s in sessions if s.status is SessionStatus.RUNNING]
    for session in sessions:
        if session.status in RAN:
            assert session.date < today, f"{session.title} ended on {session.date}, today is {today}"
        else:
            assert session.date >= today, f"{session.title} still planned on {session.date}"
    todays = [s for s in sessions if s.date == today]
    assert len(todays) == 1, [s.title for s in todays]
    first = todays[0]
    assert first.status is SessionStatus.PLANNED
    assert first.check_in_question and first.agenda and first.template_id in BUILTIN_IDS
    assert first.started_at is None and not first.runs
    # It sorts first among what home lists (soonest first: nothing else is today).
    assert all((s.date, s.start_time or time.min) > (first.date, first.start_time or time.min)
               for s in sessions if s.status is SessionStatus.PLANNED and s is not first)
    for reflection in bundle.reflections:
        assert reflection.written_on <= today and reflection.updated_at <= now
    ran = {s.id for s in sessions if s.status in RAN}
    assert all(r.session_id is None or r.session_id in ran for r in bundle.reflections)
    for part in bundle.sessions:
        for action in part.actions:
            assert action.closed_on is None or action.closed_on < today
            assert (action.status is ActionStatus.OPEN) == (action.closed_on is None)
    check_references(bundle)


def check_realistic(bundle: Bundle, now: datetime) -> None:
    """Still a demo worth exploring: several groups, a term behind us, reflections, and each
    group keeping its own weekday (only today's session may have been brought forward)."""
    today = now.astimezone().date()
    assert len(bundle.groups) >= 5
    ended = [p.session for p in bundle.sessions if p.session.status is SessionStatus.ENDED]
    assert len(ended) >= 30 and len(bundle.reflections) >= 12
    for group in bundle.groups:
        own = [s for s in ended if s.group_id == group.id]
        assert own and (today - max(s.date for s in own)).days <= 35, group.name
        assert len({s.date.weekday() for s in own}) == 1, group.name
        later = [p.session for p in bundle.sessions
                 if p.session.group_id == group.id and p.session.status is SessionStatus.PLANNED]
        assert later, f"{group.name} has nothing planned"
        assert all(s.date.weekday() == own[0].date.weekday() for s in later if s.date != today)
    assert any(r.session_id for r in bundle.reflections)


@settings(max_examples=120, deadline=None)
@given(now=moments)
@example(now=datetime(2026, 11, 20, 0, 0, 1, tzinfo=UTC))  # just after midnight, the anchor Friday
@example(now=datetime(2026, 11, 24, 0, 0, 1, tzinfo=UTC))  # a Tuesday: the group that meets today
@example(now=datetime(2026, 11, 24, 23, 59, 59, tzinfo=UTC))  # its late evening
@example(now=datetime(2026, 11, 26, 18, 30, tzinfo=UTC))  # Thursday, while the evening group would run
@example(now=datetime(2027, 7, 4, 23, 50, tzinfo=UTC))  # a summer Sunday, no quarter hour left
def test_the_demo_fits_any_moment(demo_raw: Any, now: datetime) -> None:
    bundle = demo_bundle(demo_raw, now=now)
    check_fits(bundle, now)
    check_realistic(bundle, now)


@given(minute=st.integers(0, 24 * 60 - 1), day=st.integers(0, 6))
@settings(max_examples=60, deadline=None)
def test_every_minute_of_every_weekday(demo_raw: Any, minute: int, day: int) -> None:
    now = datetime.combine(FIXED_TODAY + timedelta(days=day), time.min, tzinfo=UTC) + timedelta(minutes=minute)
    check_fits(demo_bundle(demo_raw, now=now), now)


@given(now=st.datetimes(min_value=datetime(2026, 11, 20), max_value=datetime(2026, 11, 27), timezones=st.just(UTC)))
@settings(max_examples=40, deadline=None)
def test_todays_session_starts_after_now_while_a_quarter_hour_is_left(demo_raw: Any, now: datetime) -> None:
    today = [p.session for p in demo_bundle(demo_raw, now=now).sessions if p.session.date == now.date()][0]
    if now.time() < time(23, 45):
        assert today.start_time is not None and today.start_time > now.time()


@pytest.fixture
def far_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run with the host's local time zone set to ``request.param`` (POSIX form, no tzdata)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    host_time.tzset()
    try:
        yield request.param
    finally:
        os.environ["TZ"] = before if before is not None else "UTC"
        host_time.tzset()


@pytest.mark.parametrize("far_zone", ["XST-14", "YST12", "NZST-12NZDT,M9.5.0,M4.1.0/3"], indirect=True)
@pytest.mark.parametrize("hour", [0, 1, 12, 23])
def test_far_from_the_uk_nothing_is_in_the_future_either(demo_raw: Any, far_zone: str, hour: int) -> None:
    for day in range(7):
        local = datetime.combine(FIXED_TODAY + timedelta(days=day), time(hour, 5)).astimezone()
        check_fits(demo_bundle(demo_raw, now=local), local)


def test_on_the_anchor_friday_only_the_session_for_today_moves(demo_raw: Any) -> None:
    """The fixed date the other tests use: the fixture as written, plus one session brought
    forward to today (the reflective practice circle, whose name promises no weekday)."""
    bundle = Bundle.model_validate(demo_raw)
    laid = demo_bundle(demo_raw, today=FIXED_TODAY)
    before = {p.session.id: p for p in bundle.sessions}
    changed = [p.session for p in laid.sessions if p != before[p.session.id]]
    assert len(changed) == 1 and changed[0].date == FIXED_TODAY
    assert changed[0].title.startswith("Reflective practice circle")
    assert changed[0].start_time == before[changed[0].id].session.start_time  # 13:00, still ahead
    assert [r.id for r in laid.reflections] == [r.id for r in bundle.reflections]


def test_a_tuesday_morning_plans_the_tuesday_group_and_keeps_the_week_before(demo_raw: Any) -> None:
    now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    laid = demo_bundle(demo_raw, now=now)
    today = [p.session for p in laid.sessions if p.session.date == now.date()]
    assert [s.title.split(":")[0] for s in today] == ["Tuesday Hearing Voices Group"]
    assert today[0].start_time == time(14, 0)
    # Last week's Tuesday group and Thursday evening group happened.
    ended = {p.session.date for p in laid.sessions if p.session.status is SessionStatus.ENDED}
    assert {date(2026, 11, 17), date(2026, 11, 19)} <= ended


def test_seeding_writes_the_laid_out_demo(tmp_path: Path, demo_raw: Any) -> None:
    now = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    store = RecordStore.open(tmp_path / "data")
    try:
        bundle = seed_demo(store, demo_raw, now=now)
        rows = upcoming_sessions(store, now.date())
        assert rows[0].header.date == now.date() and rows[0].header.status is SessionStatus.PLANNED
        assert rows[0].group.name == "Walk and talk"
        assert len(store.sessions.headers()) == len(bundle.sessions)
        assert len(store.reflections.all()) == len(bundle.reflections)
    finally:
        store.close()


def test_a_naive_moment_is_refused(demo_raw: Any) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        demo_bundle(demo_raw, now=datetime(2026, 11, 20, 12, 0))
