"""Five Ways balance and arrive / leave reports on fixed data, chart data, CSV of every report."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psw_tui.models import FiveWay, Segment, SegmentKind
from psw_tui.screens.reports import REPORTS, run_report
from psw_tui.services import report_tables as tables
from psw_tui.services.arrive_leave import arrive_leave, arrive_leave_table, word_for
from psw_tui.services.builtin_templates import builtin_template
from psw_tui.services.charts import MAX_BARS, over_time, value_ticks
from psw_tui.services.five_ways import five_ways_balance, five_ways_table
from psw_tui.storage import RecordStore
from tests.report_helpers import WORDS, ReportIds, build_report_store, tally

C, A, N, L, G = FiveWay.CONNECT, FiveWay.BE_ACTIVE, FiveWay.TAKE_NOTICE, FiveWay.KEEP_LEARNING, FiveWay.GIVE


@pytest.fixture
def ids(store: RecordStore) -> ReportIds:
    return build_report_store(store)


def test_five_ways_minutes_per_way_per_group(store: RecordStore, ids: ReportIds) -> None:
    rows = five_ways_balance(store)
    assert [(r.group, r.ended, r.planned) for r in rows] == [("Peer group", 1, 0), ("Walk group", 4, 1)]
    peer, walk = rows
    assert walk.minutes == {C: 177.0, A: 120.0, N: 120.0, L: 0.0, G: 0.0} and walk.untagged == 10.0
    assert peer.minutes == {C: 65.0, A: 0.0, N: 0.0, L: 30.0, G: 20.0} and peer.untagged == 0.0
    table = five_ways_table(rows, "All groups")
    assert table.columns == ("Group", "Ended", "Planned", "Connect", "Be active", "Take notice", "Keep learning",
                             "Give", "Not tagged")
    assert table.rows == [("Peer group", 1, 0, 65.0, 0.0, 0.0, 30.0, 20.0, 0.0),
                          ("Walk group", 4, 1, 177.0, 120.0, 120.0, 0.0, 0.0, 10.0)]
    assert table.summary == ("All groups: 5 ended sessions (actual minutes), 1 planned (planned minutes); "
                             "most time on Connect, least on Give")
    assert table.chart is not None and table.chart.title == "Minutes per way, 2 groups together"
    assert table.chart.table() == [("Connect", "242"), ("Be active", "120"), ("Take notice", "120"),
                                   ("Keep learning", "30"), ("Give", "20")]


def test_five_ways_one_group_and_a_period(store: RecordStore, ids: ReportIds) -> None:
    rows = five_ways_balance(store, ids.walk, date(2026, 1, 10), date(2026, 1, 31))
    assert [(r.ended, r.planned, r.minutes[C], r.minutes[A], r.untagged) for r in rows] == [(1, 1, 115.0, 80.0, 10.0)]
    table = five_ways_table(rows, "Walk group")
    assert table.chart is not None and table.chart.title == "Minutes per way, Walk group"
    assert five_ways_table([], "Walk group").summary == "Walk group: no ended or planned sessions in this period"


def test_five_ways_untagged_sessions_say_so_and_draw_nothing(store: RecordStore) -> None:
    from tests.lookback_helpers import build_fixed_store

    build_fixed_store(store)
    table = five_ways_table(five_ways_balance(store), "All groups")
    assert "carries a Five Ways tag yet (set them in the agenda editor)" in table.summary
    assert table.chart is None


def test_builtin_templates_carry_five_ways() -> None:
    walk = builtin_template("Walk and talk")
    assert walk is not None
    assert next(s for s in walk.segments if s.title == "Walk and talk").five_ways == [C, A, N]
    peer = builtin_template("Peer support group")
    assert peer is not None and next(s for s in peer.segments if s.title == "Check-in round").five_ways == [C]
    assert next(s for s in peer.segments if s.title == "Group agreement").five_ways == []


def test_a_way_counts_once_whatever_order_it_is_tagged_in() -> None:
    segment = Segment(title="Walk", minutes=5, kind=SegmentKind.SHARING, five_ways=["give", "connect", "give"])
    assert segment.five_ways == [C, G]


def test_arrive_leave_trend_with_suppression_below_five(store: RecordStore, ids: ReportIds) -> None:
    rows = arrive_leave(store, ids.walk)
    got = [(r.title, r.arriving, r.arriving_mean, r.leaving, r.leaving_mean, r.change) for r in rows]
    assert got == [("Walk 1", 6, 2.5, 7, 3.9, 1.4),
                   ("Walk 2", None, None, 5, 3.0, None),
                   ("Walk 5", 5, 3.0, 5, 2.6, -0.4)]
    table = arrive_leave_table(rows, "Walk group", WORDS)
    assert table.rows == [
        ("2026-02-02", "Walk 5", 5, 3.0, 5, 2.6, -0.4, "so-so → so-so"),
        ("2026-01-12", "Walk 2", "fewer than 5", "", 5, 3.0, "", "— → so-so"),
        ("2026-01-05", "Walk 1", 6, 2.5, 7, 3.9, 1.4, "so-so → okay"),
    ]
    assert table.summary == ("Walk group: 3 sessions used the scale; on average arriving 2.8 (so-so), leaving "
                             "3.2 (so-so), change +0.5; tallies of fewer than 5 answers are not shown")
    chart = table.chart
    assert chart is not None and chart.scale == tuple(WORDS) and chart.style == "lines"
    assert [s.values for s in chart.series] == [(2.5, None, 3.0), (3.9, 3.0, 2.6)]  # None: left out of the line
    assert chart.table() == [("2026-01-05", "2.5", "3.9"), ("2026-01-12", "fewer than 5", "3.0"),
                             ("2026-02-02", "3.0", "2.6")]
    later = arrive_leave(store, ids.walk, date(2026, 1, 10))
    assert [r.title for r in later] == ["Walk 2", "Walk 5"]
    assert arrive_leave(store, ids.peer) == []
    assert "no ended session has used the arrive / leave scale" in arrive_leave_table([], "Peer group", WORDS).summary


def test_scale_words_nearest_the_mean() -> None:
    assert [word_for(m, WORDS) for m in (1.0, 1.4, 1.5, 2.6, 4.5, 5.0, None)] == [
        "heavy", "heavy", "low", "so-so", "light", "light", "—"]  # halves round up


def test_attendance_chart_averages_long_runs_per_period() -> None:
    days = [date(2020, 1, 6 + 7 * i) if i < 3 else date(2020 + i // 52, 1 + (i % 52) // 5, 1) for i in range(3)]
    short = over_time(days, [5, 5, 5], what="Head count", unit="people")
    assert short.table() == [("2020-01-06", "5"), ("2020-01-13", "5"), ("2020-01-20", "5")]
    weekly = [date.fromordinal(date(2016, 1, 4).toordinal() + 7 * i) for i in range(520)]
    long = over_time(weekly, [i % 10 for i in range(520)], what="Head count", unit="people")
    assert long.axis == "Year" and len(long.labels) == 10 and long.labels[0] == "2016"
    assert long.title == "Average head count per session, by year (520 sessions)"
    months = over_time(weekly[:40], [4] * 40, what="Head count", unit="people")
    assert months.axis == "Month" and len(months.labels) <= MAX_BARS and months.series[0].values[0] == 4.0


@given(st.floats(min_value=0, max_value=10_000, allow_nan=False))
def test_value_axis_starts_at_zero_and_tops_every_value(top: float) -> None:
    ticks = value_ticks(top, rows=10)
    assert ticks[0] == 0 and ticks[-1] > top and ticks == sorted(ticks) and len(ticks) <= 12
    assert value_ticks(5) == [0, 1, 2, 3, 4, 5, 6]  # five people: a bar up to 5 of 6, never a flat line


def _hostile(store: RecordStore) -> None:
    """Names and texts a spreadsheet would run as formulas, in every report's reach."""
    from psw_tui.models import AnonymousNote, Attendance, Group, GroupKind, Member, MemberRole, NoteKind
    from psw_tui.models import RegisterEntry
    from tests.lookback_helpers import _session

    peer = Group(name="=HYPERLINK(\"x\")", kind=GroupKind.PEER_SUPPORT)
    sup = Group(name="+Supervision", kind=GroupKind.SUPERVISION)
    store.groups.save_many([peer, sup])
    people = [Member(group_id=peer.id, display_name="-Al"), Member(group_id=sup.id, display_name="@Bo",
                                                                   role=MemberRole.SUPERVISEE)]
    store.members.save_many(people)
    agenda = [Segment(title="=Walk", minutes=30, kind=SegmentKind.CASE_DISCUSSION, five_ways=[A])]
    session = _session(store, peer.id, "-Session", date(2026, 1, 6), agenda=agenda)
    store.sessions.save(session.model_copy(update={"arrival": tally(0, 0, 5, 0, 0)}))
    _session(store, sup.id, "@Supervision", date(2026, 1, 7), agenda=[agenda[0].model_copy()])
    store.register(session.id).save(RegisterEntry(session_id=session.id, member_id=people[0].id,
                                                  status=Attendance.DID_NOT_ATTEND))
    store.notes(session.id).save(AnonymousNote(kind=NoteKind.THEME, session_id=session.id,
                                               session_date=session.date, text="hope", tags=["=cmd|calc"]))
    from psw_tui.models import Action

    store.actions(session.id).save(Action(session_id=session.id, group_id=peer.id, text="+call",
                                          raised_on=session.date, owner_id=people[0].id))


@pytest.mark.parametrize("kind", list(REPORTS))
def test_every_report_exports_csv_with_formulas_neutralised(store: RecordStore, kind: str) -> None:
    _hostile(store)
    group = next(g for g in store.groups.all() if g.kind.value == "peer_support")
    values = {"group": group.id, "sessions": 1, "weeks": 1}
    table = run_report(kind, store, date(2026, 3, 1), values, group.name)
    text = tables.csv_text(table)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(table.columns) and len(rows) == len(table.rows) + 1
    assert len(rows) > 1, f"{kind} has no rows on the hostile data"
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@"):
                float(cell)  # only numbers (e.g. a change of -0.4) may start with a sign
    assert text.endswith("\r\n")


def test_saved_csv_has_a_byte_order_mark(tmp_path) -> None:  # noqa: ANN001
    table = tables.ReportTable("t", ("Name",), [("Zoë",)])
    path = tables.save_csv(tmp_path / "r.csv", table)
    assert path.read_bytes().startswith("\ufeff".encode()) and path.read_bytes().decode("utf-8-sig") == "Name\r\nZoë\r\n"
