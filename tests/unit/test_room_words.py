"""Arrive / leave tallies and round counts in summaries: counts only, nothing shareable from
fewer than five people."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from psw_tui.models import RoundCount, ScaleTally, Segment, SegmentKind, Session
from psw_tui.models.group import DEFAULT_SCALE_WORDS
from psw_tui.services.room_words import room_lines

WORDS = list(DEFAULT_SCALE_WORDS)


def _session(arrival: list[int] | None, leaving: list[int] | None, rounds: list[tuple[int, int]] = ()) -> Session:
    check_in = Segment(title="Check-in round", minutes=10, kind=SegmentKind.CHECK_IN)
    return Session(
        group_id=uuid4(), title="Tuesday", date=date(2026, 11, 20), agenda=[check_in],
        arrival=ScaleTally(counts=arrival) if arrival else None,
        leaving=ScaleTally(counts=leaving) if leaving else None,
        rounds=[RoundCount(segment_id=check_in.id, spoke=s, passed=p, median_seconds=150) for s, p in rounds],
    )


def test_the_internal_record_shows_both_tallies_the_change_and_the_rounds() -> None:
    lines = room_lines(_session([1, 2, 0, 3, 1], [0, 0, 2, 3, 2], [(2, 1)]), WORDS, shareable=False)
    assert lines == (
        "Arriving (7 answered): stormy 1, rough 2, mixed 0, settled 3, calm 1; average 3.1 of 5",
        "Leaving (7 answered): stormy 0, rough 0, mixed 2, settled 3, calm 2; average 4.0 of 5",
        "Change from arriving to leaving: +0.9",
        "Check-in round: 2 spoke, 1 passed, median 2.5 min",
    )


@pytest.mark.parametrize("answered", [1, 2, 3, 4])
def test_the_shareable_summary_says_fewer_than_5(answered: int) -> None:
    counts = [answered, 0, 0, 0, 0]
    lines = room_lines(_session(counts, counts, [(answered, 0)]), WORDS, shareable=True)
    assert lines == (
        "Arriving: fewer than 5 answered",
        "Leaving: fewer than 5 answered",
        "Check-in round: a round with fewer than 5 people",
    )
    assert all("stormy" not in line for line in lines)


def test_the_shareable_summary_shows_five_or_more() -> None:
    lines = room_lines(_session([0, 0, 5, 0, 0], [0, 0, 0, 0, 5], [(4, 1)]), WORDS, shareable=True)
    assert lines[0].startswith("Arriving (5 answered)")
    assert "Change from arriving to leaving: +2.0" in lines
    assert lines[-1] == "Check-in round: 4 spoke, 1 passed, median 2.5 min"


def test_nothing_when_nothing_was_tallied() -> None:
    assert room_lines(_session(None, None), WORDS, shareable=False) == ()
