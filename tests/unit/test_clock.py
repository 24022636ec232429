"""The session clock is a pure function of stored anchors and 'now'.

Each test builds a session in memory with explicit runs and pauses (wall-clock anchors) and
reads the clock at chosen moments, checking the exact figures the live screen shows: time
left, warning level and its words, overrun as negative time, behind/ahead of schedule.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from psw_tui.models import Pause, Segment, SegmentKind, SegmentRun, Session, SessionStatus
from psw_tui.services.clock import (
    LEVEL_WORDS,
    Level,
    current_index,
    current_run,
    format_seconds,
    level_for,
    read_clock,
    run_seconds,
)

T0 = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def at(seconds: float = 0, *, minutes: float = 0) -> datetime:
    """A moment after T0."""
    return T0 + timedelta(seconds=seconds, minutes=minutes)


def agenda() -> list[Segment]:
    """Welcome 10, Check-in 20, Theme 40, Break 10 (optional), Check-out 10: 90 minutes."""
    return [
        Segment(title="Welcome", minutes=10, kind=SegmentKind.WELCOME),
        Segment(title="Check-in", minutes=20, kind=SegmentKind.CHECK_IN),
        Segment(title="Theme", minutes=40, kind=SegmentKind.THEME),
        Segment(title="Break", minutes=10, kind=SegmentKind.BREAK, optional=True),
        Segment(title="Check-out", minutes=10, kind=SegmentKind.CHECK_OUT),
    ]


def session_with(runs: list[SegmentRun] | None = None, **changes: object) -> Session:
    """A running session started at T0 (planned if ``runs`` is None)."""
    segments = agenda()
    if runs is None:
        return Session(
            group_id=uuid4(), title="Tuesday group", date=date(2026, 11, 20), agenda=segments
        )
    return Session(
        group_id=uuid4(),
        title="Tuesday group",
        date=date(2026, 11, 20),
        agenda=segments,
        status=SessionStatus.RUNNING,
        started_at=T0,
        runs=runs,
        **changes,
    )


def running() -> Session:
    """A session timing its first segment since T0."""
    session = session_with([])
    session.runs = [SegmentRun(segment_id=session.agenda[0].id, started_at=T0)]
    return session


# -- format_seconds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "00:00"),
        (-0.0, "00:00"),
        (0.4, "00:01"),
        (1, "00:01"),
        (59.0, "00:59"),
        (59.2, "01:00"),
        (60, "01:00"),
        (725, "12:05"),
        (599.5, "10:00"),
        (3600, "60:00"),
        (6000, "100:00"),
        (-0.001, "-00:01"),
        (-1, "-00:01"),
        (-1.2, "-00:02"),
        (-90, "-01:30"),
        (-3600, "-60:00"),
    ],
)
def test_format_seconds_rounds_away_from_zero(seconds: float, shown: str) -> None:
    assert format_seconds(seconds) == shown


def test_first_moment_over_time_already_shows_minus_one_second() -> None:
    session = running()
    on_the_dot = read_clock(session, at(minutes=10))
    just_over = read_clock(session, at(minutes=10, seconds=0.001))
    assert format_seconds(on_the_dot.current.remaining_seconds) == "00:00"
    assert format_seconds(just_over.current.remaining_seconds) == "-00:01"
    assert just_over.level is Level.OVERRUN


# -- warning levels ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("elapsed", "level"),
    [
        (0, Level.CALM),
        (479, Level.CALM),  # 121 s of 600 left: more than 20%
        (480, Level.WARN),  # exactly 20% left
        (569, Level.WARN),  # 31 s left
        (570, Level.URGENT),  # exactly 5% left
        (599, Level.URGENT),
        (600, Level.OVERRUN),  # nothing left
        (601, Level.OVERRUN),
        (3600, Level.OVERRUN),
    ],
)
def test_default_levels_at_twenty_and_five_percent(elapsed: int, level: Level) -> None:
    reading = read_clock(running(), at(elapsed))
    assert reading.level is level
    assert reading.current.remaining_seconds == 600 - elapsed


@pytest.mark.parametrize(
    ("elapsed", "level"),
    [
        (299, Level.CALM),
        (300, Level.WARN),
        (539, Level.WARN),
        (540, Level.URGENT),
        (600, Level.OVERRUN),
    ],
)
def test_custom_fractions(elapsed: int, level: Level) -> None:
    reading = read_clock(running(), at(elapsed), warn_at=0.5, urgent_at=0.1)
    assert reading.level is level


def test_levels_have_words_not_only_colour() -> None:
    assert LEVEL_WORDS[Level.WARN] == "Nearly time"
    assert LEVEL_WORDS[Level.URGENT] == "Wrap up now"
    assert LEVEL_WORDS[Level.OVERRUN] == "Over time"
    assert LEVEL_WORDS[Level.CALM] == ""


def test_level_for_edges() -> None:
    assert level_for(0, 600, 0.2, 0.05) is Level.OVERRUN
    assert level_for(-5, 600, 0.2, 0.05) is Level.OVERRUN
    assert level_for(10, 0, 0.2, 0.05) is Level.CALM  # nothing planned: no percentage to warn at
    assert level_for(120, 600, 0.2, 0.05) is Level.WARN
    assert level_for(30, 600, 0.2, 0.05) is Level.URGENT


# -- overrun ------------------------------------------------------------------------------


def test_overrun_is_negative_time_left() -> None:
    reading = read_clock(running(), at(minutes=11, seconds=30))
    welcome = reading.current
    assert welcome.remaining_seconds == -90
    assert welcome.overrun_seconds == 90
    assert format_seconds(welcome.remaining_seconds) == "-01:30"


def test_no_overrun_while_time_is_left() -> None:
    reading = read_clock(running(), at(minutes=4))
    assert reading.current.overrun_seconds == 0
    assert format_seconds(reading.current.remaining_seconds) == "06:00"


# -- pauses -------------------------------------------------------------------------------


def test_paused_time_never_counts() -> None:
    session = running()
    session.runs[0].pauses = [
        Pause(started_at=at(minutes=2), ended_at=at(minutes=5)),
        Pause(started_at=at(minutes=6), ended_at=at(minutes=6, seconds=30)),
    ]
    reading = read_clock(session, at(minutes=9))
    assert reading.current.actual_seconds == 9 * 60 - 180 - 30
    assert format_seconds(reading.current.remaining_seconds) == "04:30"
    assert not reading.paused


def test_open_pause_freezes_the_clock_across_reads() -> None:
    session = running()
    session.runs[0].pauses = [Pause(started_at=at(minutes=3))]
    first = read_clock(session, at(minutes=4))
    later = read_clock(session, at(minutes=50))
    assert first.paused and later.paused
    assert first.current.actual_seconds == later.current.actual_seconds == 180
    assert later.level is Level.CALM  # a pause never runs a segment into overrun
    assert later.elapsed_seconds == 50 * 60  # the wall clock still moves


def test_run_seconds_of_a_closed_run() -> None:
    run = SegmentRun(
        segment_id=uuid4(),
        started_at=T0,
        ended_at=at(minutes=10),
        pauses=[Pause(started_at=at(minutes=1), ended_at=at(minutes=2))],
    )
    assert run_seconds(run, at(minutes=99)) == 540


def test_run_seconds_ignores_a_pause_after_the_run_ended() -> None:
    run = SegmentRun(
        segment_id=uuid4(),
        started_at=T0,
        ended_at=at(minutes=5),
        pauses=[Pause(started_at=at(minutes=6), ended_at=at(minutes=7))],
    )
    assert run_seconds(run, at(minutes=99)) == 300


# -- several runs of one segment ------------------------------------------------------------


def test_going_back_adds_the_runs_of_a_segment() -> None:
    session = session_with([])
    welcome, check_in = session.agenda[0].id, session.agenda[1].id
    session.runs = [
        SegmentRun(segment_id=welcome, started_at=T0, ended_at=at(minutes=4)),
        SegmentRun(segment_id=check_in, started_at=at(minutes=4), ended_at=at(minutes=7)),
        SegmentRun(segment_id=welcome, started_at=at(minutes=7), extra_seconds=60),
    ]
    reading = read_clock(session, at(minutes=9))
    assert reading.current.segment.title == "Welcome"
    assert reading.current.actual_seconds == 360
    assert reading.current.allowance_seconds == 660
    assert reading.segments[1].actual_seconds == 180
    assert reading.segments[1].visited
    assert not reading.segments[2].visited
    assert current_index(session) == 0


def test_allowance_adds_extra_minutes_of_every_run_and_never_drops_below_zero() -> None:
    session = running()
    session.runs[0].extra_seconds = -15 * 60
    reading = read_clock(session, at(seconds=1))
    assert reading.current.allowance_seconds == 0
    assert reading.current.remaining_seconds == -1
    assert reading.level is Level.OVERRUN


# -- schedule -------------------------------------------------------------------------------


def test_a_planned_session_reads_calm_and_on_schedule() -> None:
    reading = read_clock(session_with(None), at(minutes=30))
    assert reading.current is None
    assert reading.level is Level.CALM
    assert reading.behind_seconds == 0
    assert reading.elapsed_seconds == 0
    assert reading.schedule_words == "On schedule"
    assert current_run(session_with(None)) is None
    assert current_index(session_with(None)) is None


def test_on_time_is_on_schedule() -> None:
    reading = read_clock(running(), at(minutes=4))
    assert reading.behind_seconds == 0
    assert reading.schedule_words == "On schedule"


def test_overrun_of_the_current_segment_puts_the_session_behind() -> None:
    reading = read_clock(running(), at(minutes=12))
    assert reading.behind_seconds == 120
    assert reading.behind_minutes == 2
    assert reading.schedule_words == "Behind schedule by 2 min"


def moved_on(welcome_minutes: float) -> Session:
    """Welcome took ``welcome_minutes``; now in Check-in."""
    session = session_with([])
    end = at(minutes=welcome_minutes)
    session.runs = [
        SegmentRun(segment_id=session.agenda[0].id, started_at=T0, ended_at=end),
        SegmentRun(segment_id=session.agenda[1].id, started_at=end),
    ]
    return session


def test_overrun_in_a_past_segment_stays_behind() -> None:
    session = moved_on(13)
    at_start = read_clock(session, at(minutes=13))
    later = read_clock(session, at(minutes=20))
    assert at_start.behind_minutes == later.behind_minutes == 3
    assert later.schedule_words == "Behind schedule by 3 min"


def test_finishing_early_puts_the_session_ahead() -> None:
    reading = read_clock(moved_on(6), at(minutes=6))
    assert reading.behind_seconds == -240
    assert reading.schedule_words == "Ahead of schedule by 4 min"


def test_paused_time_puts_the_session_behind() -> None:
    session = running()
    session.runs[0].pauses = [Pause(started_at=at(minutes=2), ended_at=at(minutes=7))]
    reading = read_clock(session, at(minutes=7))
    assert format_seconds(reading.current.remaining_seconds) == "08:00"
    assert reading.schedule_words == "Behind schedule by 5 min"


def test_open_pause_keeps_adding_to_behind() -> None:
    session = running()
    session.runs[0].pauses = [Pause(started_at=at(minutes=1))]
    assert read_clock(session, at(minutes=4)).behind_minutes == 3
    assert read_clock(session, at(minutes=9)).behind_minutes == 8


def test_added_minutes_count_as_behind() -> None:
    session = running()
    session.runs[0].extra_seconds = 120
    reading = read_clock(session, at(minutes=1))
    assert reading.schedule_words == "Behind schedule by 2 min"


def test_rebalanced_minutes_are_measured_against_the_original_plan() -> None:
    session = moved_on(15)  # 5 min behind
    theme, check_out = session.agenda[2], session.agenda[4]
    session.original_minutes = {theme.id: 40, check_out.id: 10}
    theme.minutes, check_out.minutes = 36, 9
    reading = read_clock(session, at(minutes=15))
    assert reading.schedule_words == "On schedule"


def test_a_dropped_segment_takes_its_minutes_off_the_time_to_go() -> None:
    session = moved_on(15)  # 5 min behind
    brk = session.agenda[3]
    session.original_minutes = {brk.id: 10}
    session.dropped_segment_ids = [brk.id]
    brk.minutes = 0
    reading = read_clock(session, at(minutes=15))
    assert reading.schedule_words == "Ahead of schedule by 5 min"


def test_an_ended_session_is_measured_by_its_length() -> None:
    session = moved_on(10)
    session.runs[-1].ended_at = at(minutes=95)
    session.status = SessionStatus.ENDED
    session.ended_at = at(minutes=95)
    reading = read_clock(session, at(minutes=200))
    assert reading.current is None
    assert reading.elapsed_seconds == 95 * 60
    assert reading.schedule_words == "Behind schedule by 5 min"
    assert reading.segments[1].actual_seconds == 85 * 60
