"""The arrive / leave report: a group's anonymous five-point scale over its sessions.

Each ended session that used the scale has a tally at check-in (``Session.arrival``) and
at check-out (``Session.leaving``): counts per point, no names. Per session the report
gives the mean arriving and leaving and the change. A tally with fewer than
:data:`MIN_ANSWERS` answers is shown as "fewer than 5" (neither its count nor its mean:
in a small room a mean can tell who said what) and is left out of the chart line and of
the averages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from psw_tui.models import ScaleTally, SessionStatus
from psw_tui.services.charts import Chart, Series, value_text
from psw_tui.services.report_tables import Cell, ReportTable
from psw_tui.storage import RecordStore
from psw_tui.storage.scan import iter_parts

MIN_ANSWERS = 5
FEWER = f"fewer than {MIN_ANSWERS}"


@dataclass(frozen=True)
class ScaleRow:
    """One session's tallies: answers and mean arriving and leaving (None when fewer than
    :data:`MIN_ANSWERS` answered), and the change when both can be shown."""

    session_id: UUID
    date: date
    title: str
    arriving: int | None
    leaving: int | None
    arriving_mean: float | None
    leaving_mean: float | None

    @property
    def change(self) -> float | None:
        """Leaving minus arriving, when both are shown."""
        if self.arriving_mean is None or self.leaving_mean is None:
            return None
        return round(self.leaving_mean - self.arriving_mean, 1)


def _shown(tally: ScaleTally | None) -> tuple[int | None, float | None]:
    if tally is None or tally.answered < MIN_ANSWERS or tally.mean is None:
        return None, None
    return tally.answered, round(tally.mean, 1)


def arrive_leave(store: RecordStore, group_id: UUID, date_from: date | None = None,
                 date_to: date | None = None) -> list[ScaleRow]:
    """Ended sessions of a group that used the scale (either tally kept), oldest first."""
    headers = [h for h in store.sessions.headers(group_id) if h.status is SessionStatus.ENDED
               and (date_from is None or h.date >= date_from) and (date_to is None or h.date <= date_to)]
    rows = []
    for parts in iter_parts(store, headers, ("session",)):
        session = parts.session
        if session is None or (session.arrival is None and session.leaving is None):
            continue
        arriving, arriving_mean = _shown(session.arrival)
        leaving, leaving_mean = _shown(session.leaving)
        rows.append(ScaleRow(session.id, session.date, session.title, arriving, leaving,
                             arriving_mean, leaving_mean))
    return rows


def word_for(mean: float | None, words: list[str]) -> str:
    """The scale word nearest a mean (1 = the first word), or "—"."""
    if mean is None:
        return "—"
    return words[min(max(math.floor(mean + 0.5), 1), len(words)) - 1]  # halves round up


def _average(values: list[float | None]) -> float | None:
    shown = [v for v in values if v is not None]
    return round(sum(shown) / len(shown), 1) if shown else None


def arrive_leave_table(rows: list[ScaleRow], group: str, words: list[str]) -> ReportTable:
    """Per session, newest first: answers, means (with their words) and the change; the
    chart draws both means oldest to newest on the scale's words."""
    both = [r for r in rows if r.change is not None]
    if not rows:
        summary = f"{group}: no ended session has used the arrive / leave scale in this period"
    else:
        arriving, leaving = _average([r.arriving_mean for r in rows]), _average([r.leaving_mean for r in rows])
        change = _average([r.change for r in both])
        summary = (f"{group}: {len(rows)} session{'s' if len(rows) != 1 else ''} used the scale; on average "
                   f"arriving {value_text(arriving)} ({word_for(arriving, words)}), leaving "
                   f"{value_text(leaving)} ({word_for(leaving, words)})"
                   + (f", change {change:+.1f}" if change is not None else "")
                   + f"; tallies of {FEWER} answers are not shown")

    def answers(count: int | None) -> Cell:
        return FEWER if count is None else count

    def mean(value: float | None) -> Cell:
        return "" if value is None else value

    table_rows: list[tuple[Cell, ...]] = [
        (r.date.isoformat(), r.title, answers(r.arriving), mean(r.arriving_mean), answers(r.leaving),
         mean(r.leaving_mean), "" if r.change is None else r.change,
         f"{word_for(r.arriving_mean, words)} → {word_for(r.leaving_mean, words)}")
        for r in reversed(rows)]
    chart = Chart("Mean arriving and leaving per session, oldest to newest", "lines", "Session",
                  tuple(r.date.isoformat() for r in rows),
                  (Series("Arriving", tuple(r.arriving_mean for r in rows)),
                   Series("Leaving", tuple(r.leaving_mean for r in rows))),
                  scale=tuple(words), missing=FEWER) if rows else None
    return ReportTable(
        title=f"Arrive and leave: {group}",
        columns=("Date", "Session", "Arriving answers", "Arriving mean", "Leaving answers", "Leaving mean",
                 "Change", "Words"),
        rows=table_rows,
        summary=summary,
        chart=chart,
    )
