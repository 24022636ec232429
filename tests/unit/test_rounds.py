"""The round keeper keeps the order and the times in memory only; what is kept is counts."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from hypothesis import given, settings
from hypothesis import strategies as st

from psw_tui.models import RoundCount
from psw_tui.services.rounds import Round, Speaker, round_words

T0 = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def _people(n: int) -> list[Speaker]:
    return [Speaker(uuid4(), f"Person{i}") for i in range(n)]


def test_next_pass_back_and_counts() -> None:
    people = _people(4)
    keeper = Round.begin(uuid4(), people, T0)
    assert keeper.current == people[0] and keeper.upcoming == people[1]
    keeper.next_speaker(T0 + timedelta(minutes=2))
    keeper.pass_turn(T0 + timedelta(minutes=2, seconds=5))
    assert keeper.current == people[2] and (keeper.spoke, keeper.passed) == (1, 1)
    keeper.back(T0 + timedelta(minutes=3))  # the pass is taken back: their turn again
    assert keeper.current == people[1] and keeper.passed == 0
    keeper.next_speaker(T0 + timedelta(minutes=6))  # they spoke after all: 3 minutes
    keeper.next_speaker(T0 + timedelta(minutes=7))
    keeper.pass_turn(T0 + timedelta(minutes=7))
    assert keeper.finished and keeper.current is None
    count = keeper.count()
    assert (count.spoke, count.passed, count.median_seconds) == (3, 1, 120)
    assert round_words(count) == "3 spoke, 1 passed, median 2.0 min"


def test_soft_time_shares_what_is_left_or_uses_the_set_minutes() -> None:
    keeper = Round.begin(uuid4(), _people(4), T0)
    assert keeper.soft_seconds(600) == 150
    keeper.next_speaker(T0)
    assert keeper.soft_seconds(600) == 200  # three still to speak
    assert Round.begin(uuid4(), _people(4), T0, minutes_each=2).soft_seconds(600) == 120
    assert keeper.soft_seconds(0) is None


def test_a_late_arrival_joins_the_end_once() -> None:
    people = _people(2)
    keeper = Round.begin(uuid4(), people, T0)
    late = Speaker(uuid4(), "Late")
    assert keeper.join(late) and not keeper.join(late) and not keeper.join(people[0])
    assert keeper.order[-1] == late


def test_shuffled_keeps_everyone() -> None:
    people = _people(9)
    keeper = Round.begin(uuid4(), people, T0, shuffle=True, rng=random.Random(3))
    assert sorted(s.name for s in keeper.order) == sorted(s.name for s in people)


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=15),
    steps=st.lists(st.tuples(st.sampled_from(["next", "pass", "back", "late"]), st.integers(0, 600)), max_size=40),
)
def test_what_is_kept_has_no_order_no_names_no_times_per_person(n: int, steps: list[tuple[str, int]]) -> None:
    people = _people(n)
    keeper = Round.begin(uuid4(), people, T0)
    now = T0
    for step, seconds in steps:
        now += timedelta(seconds=seconds)
        if step == "next":
            keeper.next_speaker(now)
        elif step == "pass":
            keeper.pass_turn(now)
        elif step == "back":
            keeper.back(now)
        else:
            keeper.join(Speaker(uuid4(), f"Late{len(keeper.order)}"))
        assert keeper.spoke + keeper.passed == keeper.index <= len(keeper.order)
    count = keeper.count()
    kept = json.loads(count.model_dump_json())
    assert set(kept) == set(RoundCount.model_fields) == {"segment_id", "spoke", "passed", "median_seconds"}
    text = count.model_dump_json()
    for speaker in keeper.order:
        assert speaker.name not in text and str(speaker.entry_id) not in text
