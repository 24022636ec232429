"""LiveSession's clock controls, rebalancing, ending, and resuming after a crash.

Every figure is exact: the clock is a FakeTime, and the service reads time only from stored
wall-clock anchors. The register, notes, actions and concerns are in test_live_records.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psw_tui.models import SessionStatus
from psw_tui.services.clock import Level, format_seconds
from psw_tui.services.live import LiveError, LiveSession, _shorten
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore

from tests.unit.live_helpers import Planned, fake_time, plan_group, plan_session


@pytest.fixture
def time() -> FakeTime:
    return fake_time()


@pytest.fixture
def planned(store: RecordStore) -> Planned:
    return plan_group(store)


@pytest.fixture
def live(store: RecordStore, planned: Planned, time: FakeTime) -> LiveSession:
    """A planned (not yet started) session with the five-segment agenda."""
    return LiveSession(store, plan_session(store, planned).id, time)


@pytest.fixture
def started(live: LiveSession) -> LiveSession:
    live.start()
    return live


def titles(live: LiveSession) -> str:
    reading = live.reading()
    return reading.current.segment.title if reading.current else ""


def left(live: LiveSession) -> str:
    """The big countdown as the screen shows it."""
    return format_seconds(live.reading().current.remaining_seconds)


# -- start --------------------------------------------------------------------------------


def test_start_times_the_first_segment_and_is_saved(
    store: RecordStore, live: LiveSession, time: FakeTime
) -> None:
    assert not live.running
    live.start()
    assert live.running
    assert titles(live) == "Welcome"
    assert left(live) == "10:00"
    stored = store.sessions.get(live.session.id)
    assert stored.status is SessionStatus.RUNNING
    assert stored.started_at == time.now()
    assert [h.id for h in store.sessions.running()] == [live.session.id]


def test_start_twice_or_without_agenda_is_refused(
    store: RecordStore, planned: Planned, started: LiveSession, time: FakeTime
) -> None:
    with pytest.raises(LiveError, match="already started"):
        started.start()
    empty = plan_session(store, planned)
    empty.agenda = []
    store.sessions.save(empty)
    with pytest.raises(LiveError, match="no agenda"):
        LiveSession(store, empty.id, time).start()


def test_controls_before_start_are_refused(live: LiveSession) -> None:
    for control in (live.pause, live.resume, live.next_segment, live.previous_segment, live.end):
        with pytest.raises(LiveError):
            control()
    with pytest.raises(LiveError):
        live.adjust_minutes(1)
    assert not live.can_move(1)


# -- pause and resume -----------------------------------------------------------------------


def test_paused_time_never_counts(started: LiveSession, time: FakeTime) -> None:
    time.advance(minutes=2)
    started.pause()
    assert started.paused
    time.advance(minutes=5)
    assert left(started) == "08:00"
    started.resume()
    time.advance(minutes=1)
    assert left(started) == "07:00"
    assert not started.paused


def test_several_pauses_add_up(started: LiveSession, time: FakeTime) -> None:
    for _ in range(3):
        time.advance(seconds=40)
        started.pause()
        time.advance(minutes=3)
        started.resume()
    time.advance(seconds=20)
    reading = started.reading()
    assert reading.current.actual_seconds == 140
    assert reading.elapsed_seconds == 140 + 3 * 180
    assert len(started.session.runs[0].pauses) == 3


def test_pause_open_across_reads_freezes_the_countdown(
    started: LiveSession, time: FakeTime
) -> None:
    time.advance(minutes=3)
    started.pause()
    readings = []
    for _ in range(3):
        time.advance(minutes=20)
        readings.append(left(started))
    assert readings == ["07:00", "07:00", "07:00"]
    assert started.reading().level is Level.CALM


def test_pause_and_resume_twice_are_harmless(started: LiveSession, time: FakeTime) -> None:
    started.resume()
    assert started.session.runs[0].pauses == []
    started.pause()
    time.advance(minutes=1)
    started.pause()
    assert len(started.session.runs[0].pauses) == 1
    started.resume()
    started.resume()
    assert started.session.runs[0].pauses[0].ended_at == time.now()


def test_toggle_pause_says_what_it_did(started: LiveSession) -> None:
    assert started.toggle_pause() is True
    assert started.paused
    assert started.toggle_pause() is False
    assert not started.paused


# -- moving between segments ------------------------------------------------------------------


def test_next_segment_closes_the_current_one(started: LiveSession, time: FakeTime) -> None:
    time.advance(minutes=9)
    started.next_segment()
    time.advance(minutes=5)
    reading = started.reading()
    assert titles(started) == "Check-in"
    assert reading.segments[0].actual_seconds == 540
    assert left(started) == "15:00"


def test_previous_segment_carries_on_the_earlier_time(started: LiveSession, time: FakeTime) -> None:
    time.advance(minutes=4)
    started.next_segment()
    time.advance(minutes=3)
    started.previous_segment()
    time.advance(minutes=2)
    reading = started.reading()
    assert titles(started) == "Welcome"
    assert reading.segments[0].actual_seconds == 360  # 4 + 2 minutes over two runs
    assert reading.segments[1].actual_seconds == 180
    assert left(started) == "04:00"
    assert len(started.session.runs) == 3


def test_moving_on_while_paused_closes_the_pause_and_runs_the_next_segment(
    started: LiveSession, time: FakeTime
) -> None:
    time.advance(minutes=5)
    started.pause()
    time.advance(minutes=2)
    started.next_segment()
    welcome_run = started.session.runs[0]
    assert welcome_run.pauses[0].ended_at == welcome_run.ended_at == time.now()
    time.advance(minutes=1)
    assert not started.paused
    assert left(started) == "19:00"
    assert started.reading().segments[0].actual_seconds == 300


def test_no_segment_before_the_first_or_after_the_last(started: LiveSession) -> None:
    assert not started.can_move(-1)
    with pytest.raises(LiveError, match="first segment"):
        started.previous_segment()
    for _ in range(4):
        started.next_segment()
    assert titles(started) == "Check-out"
    assert not started.can_move(1)
    with pytest.raises(LiveError, match="last segment"):
        started.next_segment()


# -- add or take a minute -------------------------------------------------------------------


def test_add_and_take_a_minute(started: LiveSession, time: FakeTime) -> None:
    time.advance(minutes=3)
    started.adjust_minutes(1)
    assert left(started) == "08:00"
    started.adjust_minutes(-1)
    started.adjust_minutes(-1)
    assert left(started) == "06:00"
    assert started.reading().current.allowance_seconds == 540


def test_taking_minutes_off_stops_at_zero_and_adding_one_gives_one(
    started: LiveSession, time: FakeTime
) -> None:
    for _ in range(12):
        started.adjust_minutes(-1)
    assert started.reading().current.allowance_seconds == 0
    assert started.reading().level is Level.OVERRUN
    started.adjust_minutes(1)
    assert started.reading().current.allowance_seconds == 60
    assert left(started) == "01:00"


def test_added_minutes_stay_with_the_segment_when_coming_back(
    started: LiveSession, time: FakeTime
) -> None:
    started.adjust_minutes(2)
    time.advance(minutes=1)
    started.next_segment()
    started.previous_segment()
    assert started.reading().current.allowance_seconds == 720
    assert left(started) == "11:00"


# -- warnings through the service -------------------------------------------------------------


def test_warning_levels_follow_the_service_fractions(
    store: RecordStore, planned: Planned, time: FakeTime
) -> None:
    live = LiveSession(store, plan_session(store, planned).id, time, warn_at=0.5, urgent_at=0.1)
    live.start()
    seen = []
    for minute in (4, 5, 8, 9, 10):
        time.set(live.session.started_at + timedelta(minutes=minute))
        seen.append(live.reading().level)
    assert seen == [Level.CALM, Level.WARN, Level.WARN, Level.URGENT, Level.OVERRUN]


# -- behind / ahead of schedule ---------------------------------------------------------------


def test_overrun_in_a_past_segment_and_paused_time_put_the_session_behind(
    started: LiveSession, time: FakeTime
) -> None:
    time.advance(minutes=13)
    assert started.reading().schedule_words == "Behind schedule by 3 min"
    started.next_segment()
    time.advance(minutes=5)
    assert started.reading().schedule_words == "Behind schedule by 3 min"
    started.pause()
    time.advance(minutes=4)
    assert started.reading().schedule_words == "Behind schedule by 7 min"
    started.resume()
    assert started.reading().behind_minutes == 7


def test_finishing_early_is_ahead_of_schedule(started: LiveSession, time: FakeTime) -> None:
    time.advance(minutes=6)
    started.next_segment()
    assert started.reading().schedule_words == "Ahead of schedule by 4 min"
    assert started.rebalance_options() == []


# -- rebalancing ------------------------------------------------------------------------------


def behind_by_seven(live: LiveSession, time: FakeTime) -> None:
    """Welcome overran by 7 minutes; now at the start of Check-in."""
    time.advance(minutes=17)
    live.next_segment()


def test_no_options_on_schedule(started: LiveSession, time: FakeTime) -> None:
    time.advance(minutes=10)
    started.next_segment()
    assert started.reading().schedule_words == "On schedule"
    assert started.rebalance_options() == []


def test_options_when_behind(started: LiveSession, time: FakeTime) -> None:
    behind_by_seven(started, time)
    theme, brk, check_out = (s.id for s in started.session.agenda[2:])
    shorten, drop = started.rebalance_options()
    assert shorten.key == "shorten"
    assert shorten.minutes_saved == 7
    assert shorten.new_minutes == {theme: 35, brk: 9, check_out: 9}
    assert shorten.description == "Shorten by 7 min: Theme 40→35, Break 10→9, Check-out 10→9 (minutes)"
    assert drop.drop == (brk,)
    assert drop.minutes_saved == 10
    assert drop.description == "Drop the optional segment “Break” (10 min)"


def test_shortening_never_goes_below_one_minute(started: LiveSession, time: FakeTime) -> None:
    time.advance(minutes=100)  # 90 minutes behind; the other segments have 76 to give
    (shorten, _drop) = started.rebalance_options()
    assert shorten.minutes_saved == 76
    assert set(shorten.new_minutes.values()) == {1}
    assert len(shorten.new_minutes) == 4


def test_apply_shorten_brings_the_session_back_on_schedule(
    store: RecordStore, planned: Planned, started: LiveSession, time: FakeTime
) -> None:
    behind_by_seven(started, time)
    shorten = started.rebalance_options()[0]
    started.apply_rebalance(shorten)
    stored = store.sessions.get(started.session.id)
    assert [s.minutes for s in stored.agenda] == [10, 20, 35, 9, 9]
    agenda = stored.agenda
    assert stored.original_minutes == {agenda[2].id: 40, agenda[3].id: 10, agenda[4].id: 10}
    assert started.reading().schedule_words == "On schedule"
    assert started.rebalance_options() == []
    template = store.templates.get(planned.template.id)
    assert [s.minutes for s in template.segments] == [10, 20, 40, 10, 10]


def test_a_second_rebalance_keeps_the_first_original_minutes(
    started: LiveSession, time: FakeTime
) -> None:
    behind_by_seven(started, time)
    started.apply_rebalance(started.rebalance_options()[0])
    time.advance(minutes=25)  # Check-in overran by 5
    shorten = started.rebalance_options()[0]
    started.apply_rebalance(shorten)
    theme = started.session.agenda[2]
    assert started.session.original_minutes[theme.id] == 40
    assert theme.minutes < 35
    assert started.reading().schedule_words == "On schedule"


def test_apply_drop_skips_the_segment_both_ways(
    store: RecordStore, planned: Planned, started: LiveSession, time: FakeTime
) -> None:
    behind_by_seven(started, time)
    drop = started.rebalance_options()[1]
    started.apply_rebalance(drop)
    brk = started.session.agenda[3]
    assert brk.minutes == 0
    assert started.session.dropped_segment_ids == [brk.id]
    assert started.session.original_minutes == {brk.id: 10}
    assert started.reading().schedule_words == "Ahead of schedule by 3 min"
    started.next_segment()
    started.next_segment()
    assert titles(started) == "Check-out"
    started.previous_segment()
    assert titles(started) == "Theme"
    assert store.templates.get(planned.template.id).segments[3].minutes == 10


def test_a_visited_optional_segment_is_not_offered_for_dropping(
    started: LiveSession, time: FakeTime
) -> None:
    for _ in range(3):
        started.next_segment()
    assert titles(started) == "Break"
    started.previous_segment()
    time.advance(minutes=75)  # Theme 35 min over
    keys = [option.key for option in started.rebalance_options()]
    assert keys == ["shorten"]


def test_no_options_in_the_last_segment(started: LiveSession, time: FakeTime) -> None:
    for _ in range(4):
        started.next_segment()
    time.advance(minutes=100)
    assert started.reading().schedule_words == "Behind schedule by 10 min"
    assert started.rebalance_options() == []


@given(
    minutes=st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=8),
    cut=st.integers(min_value=0, max_value=600),
)
def test_shorten_takes_exactly_what_it_can_and_never_below_one_minute(
    minutes: list[int], cut: int
) -> None:
    original = dict(enumerate(minutes))
    spare = sum(m - 1 for m in minutes)
    new = _shorten(original, min(cut, spare))  # as rebalance_options calls it
    assert sum(original.values()) - sum(new.values()) == min(cut, spare)
    assert all(1 <= new[k] <= original[k] for k in original)


# -- end --------------------------------------------------------------------------------------


def test_end_closes_the_open_run_and_pause(
    store: RecordStore, started: LiveSession, time: FakeTime
) -> None:
    time.advance(minutes=4)
    started.next_segment()
    time.advance(minutes=3)
    started.pause()
    time.advance(minutes=2)
    started.end()
    now = time.now()
    stored = store.sessions.get(started.session.id)
    assert stored.status is SessionStatus.ENDED
    assert stored.ended_at == now
    assert stored.runs[-1].ended_at == now
    assert stored.runs[-1].pauses[-1].ended_at == now
    assert store.sessions.running() == []
    time.advance(minutes=60)
    reading = started.reading()
    assert reading.current is None
    assert reading.elapsed_seconds == 9 * 60
    assert [s.actual_seconds for s in reading.segments[:2]] == [240, 180]


def test_nothing_moves_after_the_end(started: LiveSession) -> None:
    started.end()
    for control in (started.end, started.pause, started.next_segment, started.previous_segment):
        with pytest.raises(LiveError):
            control()
    with pytest.raises(LiveError):
        started.adjust_minutes(1)


# -- resuming after a crash or a closed lid ---------------------------------------------------


@pytest.fixture
def reopen(data_dir: Path) -> Iterator[list[RecordStore]]:
    """Stores reopened by a test, closed at the end."""
    opened: list[RecordStore] = []
    yield opened
    for store in opened:
        store.close()


def restart(store: RecordStore, data_dir: Path, time: FakeTime, asleep_minutes: int,
            reopen: list[RecordStore], live: LiveSession) -> LiveSession:
    """Close the store, let ``asleep_minutes`` pass, open it again and pick up the session."""
    store.close()
    time.advance(minutes=asleep_minutes)
    reopened = RecordStore.open(data_dir)
    reopen.append(reopened)
    assert [h.id for h in reopened.sessions.running()] == [live.session.id]
    return LiveSession(reopened, live.session.id, time)


def test_resume_after_restart_shows_the_right_time_and_overrun(
    store: RecordStore, data_dir: Path, started: LiveSession, time: FakeTime,
    reopen: list[RecordStore],
) -> None:
    time.advance(minutes=4)
    resumed = restart(store, data_dir, time, 7, reopen, started)
    assert titles(resumed) == "Welcome"
    assert left(resumed) == "-01:00"
    assert resumed.reading().current.overrun_seconds == 60
    assert resumed.reading().level is Level.OVERRUN
    assert resumed.reading().schedule_words == "Behind schedule by 1 min"
    resumed.next_segment()
    assert resumed.reading().segments[0].actual_seconds == 660


def test_resume_after_restart_while_paused_keeps_the_clock_still(
    store: RecordStore, data_dir: Path, started: LiveSession, time: FakeTime,
    reopen: list[RecordStore],
) -> None:
    time.advance(minutes=4)
    started.pause()
    resumed = restart(store, data_dir, time, 7, reopen, started)
    assert resumed.paused
    assert left(resumed) == "06:00"
    resumed.resume()
    time.advance(minutes=1)
    assert left(resumed) == "05:00"
    assert resumed.reading().schedule_words == "Behind schedule by 7 min"


# -- property: the clock accounts for every second ----------------------------------------------

OPS = ("pause", "resume", "toggle", "next", "previous", "adjust")
# Minutes added (or taken off) in one go: big enough cuts that a segment's allowance hits zero.
MINUTES = (-10, -1, 1, 5)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RecordStore, Planned]]:
    opened = RecordStore.open(tmp_path_factory.mktemp("live") / "data")
    yield opened, plan_group(opened)
    opened.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 900), st.sampled_from(MINUTES)), max_size=25
    )
)
def test_every_second_is_counted_once(
    shared: tuple[RecordStore, Planned], steps: list[tuple[str, int, int]]
) -> None:
    """Random controls at random moments: each wall-clock second since the start is counted
    exactly once, either in the segment being timed or as paused time."""
    store, planned = shared
    time = fake_time()
    live = LiveSession(store, plan_session(store, planned).id, time)
    live.start()
    # A plain model of what the facilitator did, second by second.
    index, paused, paused_total, elapsed = 0, False, 0, 0
    actual = [0] * len(live.session.agenda)
    allowance = [s.minutes * 60 for s in live.session.agenda]
    last = len(allowance) - 1

    def check() -> None:
        reading = live.reading()
        assert reading.elapsed_seconds == elapsed
        assert sum(s.actual_seconds for s in reading.segments) + paused_total == elapsed
        assert [s.actual_seconds for s in reading.segments] == actual
        assert [s.allowance_seconds for s in reading.segments] == allowance
        for segment in reading.segments:
            assert segment.remaining_seconds == segment.allowance_seconds - segment.actual_seconds
        if live.running:
            assert reading.current.index == index
            assert reading.paused is paused

    for op, seconds, minutes in steps:
        time.advance(seconds)
        elapsed += seconds
        if paused:
            paused_total += seconds
        else:
            actual[index] += seconds
        if op == "pause":
            live.pause()
            paused = True
        elif op == "resume":
            live.resume()
            paused = False
        elif op == "toggle":
            assert live.toggle_pause() is (not paused)
            paused = not paused
        elif op in ("next", "previous"):
            step = 1 if op == "next" else -1
            if 0 <= index + step <= last:
                (live.next_segment if step == 1 else live.previous_segment)()
                index, paused = index + step, False
            else:
                with pytest.raises(LiveError):
                    (live.next_segment if step == 1 else live.previous_segment)()
        else:
            live.adjust_minutes(minutes)
            allowance[index] = max(allowance[index] + minutes * 60, 0)
        check()
    time.advance(seconds=30)
    elapsed += 30
    if paused:
        paused_total += 30
    else:
        actual[index] += 30
    live.end()
    time.advance(minutes=5)  # after the end nothing moves
    check()
    again = LiveSession(store, live.session.id, time).reading()
    assert again == live.reading()
