"""Protected segments survive every rebalance (issue 10): the agreement, grounding and the
close with signposting are never shortened or dropped, and each offer names what it changes.

Hypothesis draws agendas (any minutes, some segments protected, some optional, some both)
and a facilitator's evening (time overrunning, moving on and back, rebalancing), and checks
every offer made along the way and every change applied.
"""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psw_tui.models import Segment, SegmentKind, Session
from psw_tui.services.live import LiveSession, RebalanceOption
from psw_tui.storage import RecordStore
from tests.unit.live_helpers import SESSION_DATE, fake_time

# No title is part of another, so "the description names it" is a plain substring test.
TITLES = (
    "Group agreement",
    "Grounding",
    "Check-in",
    "Theme",
    "Break",
    "Open space",
    "Close with signposting",
    "Check-out",
)

SEGMENT = st.tuples(
    st.integers(min_value=0, max_value=45),  # minutes
    st.booleans(),  # protected
    st.booleans(),  # optional
)
STEP = st.one_of(
    st.tuples(st.just("advance"), st.integers(min_value=0, max_value=40 * 60)),
    st.tuples(st.just("next"), st.just(0)),
    st.tuples(st.just("previous"), st.just(0)),
    st.tuples(st.just("rebalance"), st.integers(min_value=0, max_value=7)),
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RecordStore]:
    opened = RecordStore.open(tmp_path_factory.mktemp("rebalance") / "data")
    yield opened
    opened.close()


def _start(store: RecordStore, segments: list[tuple[int, bool, bool]]) -> LiveSession:
    agenda = [
        Segment(title=TITLES[i], minutes=minutes, kind=SegmentKind.THEME, protected=protected, optional=optional)
        for i, (minutes, protected, optional) in enumerate(segments)
    ]
    session = store.sessions.save(Session(group_id=uuid4(), title="Evening group", date=SESSION_DATE, agenda=agenda))
    live = LiveSession(store, session.id, fake_time())
    live.start()
    return live


def _protected(live: LiveSession) -> dict[object, int]:
    return {s.id: s.minutes for s in live.session.agenda if s.protected}


def _named(description: str) -> set[str]:
    return {title for title in TITLES if title in description}


def _check_offer(live: LiveSession, option: RebalanceOption) -> None:
    """The offer leaves protected segments alone, only shortens or drops what is still to
    come, and its words name exactly the segments it changes."""
    agenda = {s.id: s for s in live.session.agenda}
    reading = live.reading()
    assert reading.current is not None
    still_to_come = {s.segment.id for s in reading.segments[reading.current.index + 1 :]}
    changed = {*option.new_minutes, *option.drop}
    for segment_id in changed:
        segment = agenda[segment_id]
        assert not segment.protected, f"{option.description!r} changes protected {segment.title!r}"
        assert segment_id in still_to_come, f"{option.description!r} changes {segment.title!r}, already begun or past"
        assert segment_id not in live.session.dropped_segment_ids
    for segment_id, minutes in option.new_minutes.items():
        assert 1 <= minutes < agenda[segment_id].minutes, option.description  # shortened, never to nothing
    for segment_id in option.drop:
        assert agenda[segment_id].optional, option.description
    saved = sum(agenda[k].minutes - m for k, m in option.new_minutes.items()) + sum(
        agenda[k].minutes for k in option.drop
    )
    assert option.minutes_saved == saved, option.description
    assert _named(option.description) == {agenda[k].title for k in changed}, option.description


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    segments=st.lists(SEGMENT, min_size=2, max_size=len(TITLES)),
    steps=st.lists(STEP, min_size=1, max_size=12),
)
def test_rebalancing_never_touches_a_protected_segment(
    shared_store: RecordStore, segments: list[tuple[int, bool, bool]], steps: list[tuple[str, int]]
) -> None:
    live = _start(shared_store, segments)
    protected = _protected(live)
    for step, amount in steps:
        if step == "advance":
            live.time.advance(amount)  # type: ignore[attr-defined]
        elif step == "next" and live.can_move(1):
            live.next_segment()
        elif step == "previous" and live.can_move(-1):
            live.previous_segment()
        options = live.rebalance_options()
        if live.reading().behind_minutes <= 0:
            assert options == []
        for option in options:
            _check_offer(live, option)
        if step == "rebalance" and options:
            live.apply_rebalance(options[amount % len(options)])
        assert _protected(live) == protected
        assert not set(protected) & {*live.session.dropped_segment_ids, *live.session.original_minutes}
        stored = shared_store.sessions.get(live.session.id)
        assert {s.id: s.minutes for s in stored.agenda if s.protected} == protected


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(segments=st.lists(SEGMENT, min_size=1, max_size=len(TITLES)), minutes=st.integers(0, 45))
def test_apply_rebalance_keeps_protected_segments_whatever_the_option_says(
    shared_store: RecordStore, segments: list[tuple[int, bool, bool]], minutes: int
) -> None:
    """An option that names every segment (as a stale or forged one might) still changes
    only the segments that are not protected."""
    live = _start(shared_store, segments)
    protected = _protected(live)
    everything = [s.id for s in live.session.agenda]
    forged = RebalanceOption(
        key="forged",
        description="Everything",
        minutes_saved=0,
        new_minutes=dict.fromkeys(everything, minutes),
        drop=tuple(everything),
    )
    live.apply_rebalance(forged)
    stored = shared_store.sessions.get(live.session.id)
    assert {s.id: s.minutes for s in stored.agenda if s.protected} == protected
    assert not set(protected) & {*stored.dropped_segment_ids, *stored.original_minutes}
    assert {s.id for s in stored.agenda if not s.protected} == set(stored.dropped_segment_ids)


def test_the_built_in_templates_protect_agreement_grounding_and_close() -> None:
    """The safety segments come protected in the built-in templates; the rest do not."""
    from psw_tui.services.builtin_templates import BUILTIN_TEMPLATES

    by_name = {t.name: t for t in BUILTIN_TEMPLATES}
    peer = {s.title: s.protected for s in by_name["Peer support group"].segments}
    assert peer["Group agreement"] and peer["Close with signposting"]
    crisis = {s.title: s.protected for s in by_name["Crisis peer support group"].segments}
    assert crisis["Grounding"]
    for template in BUILTIN_TEMPLATES:
        for segment in template.segments:
            safety = segment.kind in (SegmentKind.AGREEMENT, SegmentKind.CLOSE) or any(
                word in segment.title.casefold() for word in ("agreement", "grounding", "signposting")
            )
            assert segment.protected is safety, f"{template.name}: {segment.title!r}"
