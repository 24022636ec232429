"""What a summary says about the arrive / leave scale and the rounds: counts only, and in a
shareable summary nothing from fewer than five people."""

from __future__ import annotations

from psw_tui.models import ScaleTally, Session
from psw_tui.services.rounds import round_words

SMALL = 5  # below this many answers a shareable summary says only "fewer than 5"


def _scale_line(label: str, tally: ScaleTally, words: list[str], shareable: bool) -> str:
    if shareable and tally.answered < SMALL:
        return f"{label}: fewer than {SMALL} answered"
    points = ", ".join(f"{word} {count}" for word, count in zip(words, tally.counts, strict=True))
    mean = tally.mean
    average = f"; average {mean:.1f} of 5" if mean is not None else ""
    return f"{label} ({tally.answered} answered): {points}{average}"


def room_lines(session: Session, words: list[str], *, shareable: bool) -> tuple[str, ...]:
    """The arrive / leave tallies, their change, and each round's counts."""
    lines = []
    arrival, leaving = session.arrival, session.leaving
    for label, tally in (("Arriving", arrival), ("Leaving", leaving)):
        if tally is not None and tally.answered:
            lines.append(_scale_line(label, tally, words, shareable))
    if arrival is not None and leaving is not None and arrival.mean is not None and leaving.mean is not None:
        enough = not shareable or min(arrival.answered, leaving.answered) >= SMALL
        if enough:
            lines.append(f"Change from arriving to leaving: {leaving.mean - arrival.mean:+.1f}")
    titles = {segment.id: segment.title for segment in session.agenda}
    for count in session.rounds:
        title = titles.get(count.segment_id, "Round")
        if shareable and count.spoke + count.passed < SMALL:
            lines.append(f"{title}: a round with fewer than {SMALL} people")
        else:
            lines.append(f"{title}: {round_words(count)}")
    return tuple(lines)
