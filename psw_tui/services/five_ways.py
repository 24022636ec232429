"""The Five Ways to Wellbeing balance: minutes per way per group over a period.

Segments carry Five Ways tags (:class:`~psw_tui.models.FiveWay`). An ended session counts
the actual time of each tagged segment (from its timing log; the planned minutes of the
segments not dropped when it was not run live); a planned session counts its planned
minutes, so a term's plan can be checked before it is run. A segment tagged with two ways
counts in full towards both (a walk is being active and taking notice), so the ways do not
add up to the session's length; minutes of untagged segments are shown beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from psw_tui.models import FiveWay, Session, SessionStatus
from psw_tui.models import labels
from psw_tui.services.charts import Chart, Series
from psw_tui.services.clock import run_seconds
from psw_tui.services.report_tables import ReportTable
from psw_tui.storage import RecordStore
from psw_tui.storage.scan import iter_parts

#: The words shown for each way (the agenda editor and the report use these).
FIVE_WAY_LABELS = labels.FIVE_WAY
COUNTED = frozenset({SessionStatus.ENDED, SessionStatus.PLANNED})


@dataclass(frozen=True)
class FiveWaysRow:
    """One group's minutes per way over the period, and what they came from."""

    group_id: UUID
    group: str
    ended: int
    planned: int
    minutes: dict[FiveWay, float]
    untagged: float


def segment_minutes(session: Session) -> dict[UUID, float]:
    """Minutes per agenda segment: actual for a session run live, else planned (dropped: 0)."""
    if session.status is SessionStatus.ENDED and session.runs:
        end = session.ended_at or max(run.ended_at or run.started_at for run in session.runs)
        spent = dict.fromkeys((s.id for s in session.agenda), 0.0)
        for run in session.runs:
            spent[run.segment_id] += run_seconds(run, end) / 60
        return spent
    dropped = set(session.dropped_segment_ids)
    return {s.id: 0.0 if s.id in dropped else float(s.minutes) for s in session.agenda}


def five_ways_balance(store: RecordStore, group_id: UUID | None = None, date_from: date | None = None,
                      date_to: date | None = None) -> list[FiveWaysRow]:
    """Minutes per way for each group (or one group) with ended or planned sessions in the
    period, groups by name."""
    names = {g.id: g.name for g in store.groups.all()}
    headers = [h for h in store.sessions.headers(group_id) if h.status in COUNTED
               and (date_from is None or h.date >= date_from) and (date_to is None or h.date <= date_to)]
    totals: dict[UUID, dict[FiveWay, float]] = {}
    untagged: dict[UUID, float] = {}
    counts: dict[UUID, list[int]] = {}
    for parts in iter_parts(store, headers, ("session",)):
        session = parts.session
        if session is None:
            continue
        gid = session.group_id
        ways = totals.setdefault(gid, dict.fromkeys(FiveWay, 0.0))
        untagged.setdefault(gid, 0.0)
        counts.setdefault(gid, [0, 0])[0 if session.status is SessionStatus.ENDED else 1] += 1
        spent = segment_minutes(session)
        for segment in session.agenda:
            for way in segment.five_ways:
                ways[way] += spent[segment.id]
            if not segment.five_ways:
                untagged[gid] += spent[segment.id]
    rows = [FiveWaysRow(gid, names.get(gid, "(removed group)"), counts[gid][0], counts[gid][1],
                        {w: round(m, 1) for w, m in ways.items()}, round(untagged[gid], 1))
            for gid, ways in totals.items()]
    return sorted(rows, key=lambda r: r.group.casefold())


def five_ways_table(rows: list[FiveWaysRow], scope: str) -> ReportTable:
    """One row per group: sessions counted, minutes per way and untagged minutes; the chart
    shows minutes per way (all the groups' together when there are several)."""
    ended, planned = sum(r.ended for r in rows), sum(r.planned for r in rows)
    totals = {w: round(sum(r.minutes[w] for r in rows), 1) for w in FiveWay}
    if not rows:
        summary = f"{scope}: no ended or planned sessions in this period"
    elif not any(totals.values()):
        summary = (f"{scope}: no segment of these {ended + planned} sessions carries a Five Ways tag yet "
                   "(set them in the agenda editor)")
    else:
        top = max(FiveWay, key=lambda w: (totals[w], -list(FiveWay).index(w)))
        low = min(FiveWay, key=lambda w: (totals[w], list(FiveWay).index(w)))
        summary = (f"{scope}: {ended} ended session{'s' if ended != 1 else ''} (actual minutes), "
                   f"{planned} planned (planned minutes); most time on {FIVE_WAY_LABELS[top]}, "
                   f"least on {FIVE_WAY_LABELS[low]}")
    together = len(rows) > 1  # several groups are charted together; the table has each
    title = "Minutes per way" + (f", {len(rows)} groups together" if together else f", {scope}")
    chart = None
    if any(totals.values()):
        chart = Chart(title, "hbars", "Way", tuple(FIVE_WAY_LABELS.values()),
                      (Series("Minutes", tuple(totals[w] for w in FiveWay)),), unit="minutes")
    return ReportTable(
        title=f"Five Ways balance: {scope}",
        columns=("Group", "Ended", "Planned", *FIVE_WAY_LABELS.values(), "Not tagged"),
        rows=[(r.group, r.ended, r.planned, *(r.minutes[w] for w in FiveWay), r.untagged) for r in rows],
        summary=summary,
        chart=chart,
    )
