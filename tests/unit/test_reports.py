"""Each report on a small fixed store, with exact numbers."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from psw_tui.services import report_tables as tables
from psw_tui.services.reports import (
    attendance,
    frequent_themes,
    members_not_seen,
    open_actions,
    proctor_balance,
    supervision_compliance,
)
from psw_tui.storage import RecordStore
from tests.lookback_helpers import Fixed, build_fixed_store

TODAY = date(2026, 3, 20)


@pytest.fixture
def fixed(store: RecordStore) -> Fixed:
    return build_fixed_store(store)


def test_attendance_counts_and_rates_per_session(store: RecordStore, fixed: Fixed) -> None:
    rows = attendance(store, fixed.groups["peer"])
    assert [r.date for r in rows] == [date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20), date(2026, 1, 27)]
    got = [(r.head_count, r.present, r.late, r.left_early, r.apologies, r.did_not_attend) for r in rows]
    assert got == [(4, 4, 0, 0, 1, 0), (2, 1, 1, 0, 1, 1), (2, 2, 0, 0, 1, 1), (2, 1, 0, 1, 0, 1)]
    assert [r.rate for r in rows] == [0.75, 0.5, 0.5, pytest.approx(2 / 3)]
    table = tables.attendance_table(rows, "Tuesday Peer Group")
    assert table.rows[0][0] == "2026-01-27" and table.rows[0][-1] == "67%"
    assert table.chart is not None and table.chart.style == "bars" and table.chart.unit == "people"
    assert table.chart.table() == [("2026-01-06", "4"), ("2026-01-13", "2"), ("2026-01-20", "2"), ("2026-01-27", "2")]
    assert table.chart.columns() == ("Session", "Head count (people)")
    assert "4 sessions, average head count 2.5, attendance rate 60%, 3 apologies, 3 did not attend" in table.summary


def test_attendance_date_range(store: RecordStore, fixed: Fixed) -> None:
    rows = attendance(store, fixed.groups["peer"], date(2026, 1, 13), date(2026, 1, 20))
    assert [r.head_count for r in rows] == [2, 2]


def test_members_not_seen_counts_sessions_on_their_register(store: RecordStore, fixed: Fixed) -> None:
    rows = members_not_seen(store, fixed.groups["peer"], sessions=2)
    assert [(r.name, r.missed, r.last_seen) for r in rows] == [("Bea", 3, date(2026, 1, 6)), ("Cleo", 3, None)]
    assert members_not_seen(store, fixed.groups["peer"], sessions=4) == []
    table = tables.not_seen_table(rows, "Tuesday Peer Group", 2)
    assert table.rows == [("Bea", 3, "2026-01-06"), ("Cleo", 3, "never")]


def test_supervision_compliance_most_overdue_first(store: RecordStore, fixed: Fixed) -> None:
    rows = supervision_compliance(store, TODAY)
    got = [(r.name, r.last_attended, r.days_since, r.overdue) for r in rows]
    assert got == [("Ren", None, None, True), ("Pia", date(2026, 1, 9), 70, True),
                   ("Quin", date(2026, 3, 6), 14, False)]
    table = tables.compliance_table(rows, 6)
    assert table.summary.startswith("2 of 3 supervisees overdue")
    assert table.rows[0] == ("Ren", "PSW Supervision", "never", "—", "OVERDUE")


def test_supervision_compliance_weeks_boundary(store: RecordStore, fixed: Fixed) -> None:
    by_name = lambda weeks: {r.name: r.overdue for r in supervision_compliance(store, TODAY, weeks)}  # noqa: E731
    assert by_name(2)["Quin"] is False  # attended exactly two weeks ago
    assert by_name(1)["Quin"] is True
    assert by_name(10) == {"Ren": True, "Pia": False, "Quin": False}


def test_proctor_balance_from_segment_kinds(store: RecordStore, fixed: Fixed) -> None:
    balance = proctor_balance(store)
    assert balance.sessions == 3
    assert balance.minutes == {"normative": 13.0, "formative": 80.0, "restorative": 27.0}
    assert balance.share("formative") == pytest.approx(80 / 120)
    table = tables.proctor_table(balance)
    assert table.rows == [("Normative", 13.0, "11%"), ("Formative", 80.0, "67%"), ("Restorative", 27.0, "22%")]
    assert proctor_balance(store, date_from=date(2026, 3, 1)).minutes == {
        "normative": 0.0, "formative": 15.0, "restorative": 5.0}


def test_frequent_themes_words_and_tags(store: RecordStore, fixed: Fixed) -> None:
    counts = frequent_themes(store)
    assert counts.notes == 4  # theme notes only; the contribution "hope hope hope" is not one
    assert counts.words == [("cafe", 2), ("hope", 2), ("lone", 1), ("mornings", 1),
                            ("small", 1), ("steps", 1), ("working", 1)]
    assert counts.tags == [("Hope", 2), ("Routine", 1), ("safety", 1)]
    assert "again" not in dict(counts.words) and "the" not in dict(counts.words)  # stop words
    later = frequent_themes(store, date_from=date(2026, 1, 13), group_id=fixed.groups["peer"])
    assert later.notes == 2 and dict(later.words) == {"cafe": 1, "hope": 1, "small": 1, "steps": 1}


def test_open_actions_oldest_first_newest_copy_wins(store: RecordStore, fixed: Fixed) -> None:
    rows = open_actions(store)
    assert [(r.action.text, r.group, r.owner) for r in rows] == [
        ("Book the room", "Tuesday Peer Group", ""),
        ("Read the lone working policy", "PSW Supervision", "Vik"),
        ("=SUM(A1)", "Tuesday Peer Group", "Ash"),
    ]
    text = tables.csv_text(tables.open_actions_table(rows))
    lines = text.splitlines()
    assert lines[0] == "Raised,Group,Action,Owner,Due"
    assert lines[3] == "2026-01-20,Tuesday Peer Group,'=SUM(A1),Ash,2026-02-01"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_neutralises_formula_cells(start: str) -> None:
    table = tables.ReportTable("t", ("A", "B"), [(f"{start}cmd|' /C calc'!A0", -3)])
    row = next(csv.reader(io.StringIO(tables.csv_text(table).splitlines()[1])))
    assert row == [f"'{start}cmd|' /C calc'!A0", "-3"]


def test_attendance_run_again_sees_a_register_changed_since(store: RecordStore, fixed: Fixed) -> None:
    from psw_tui.models import Attendance, RegisterEntry, RegisterKind

    first = attendance(store, fixed.groups["peer"])
    assert first[-1].head_count == 2
    session = fixed.sessions["s4"]
    store.register(session).save(RegisterEntry(session_id=session, kind=RegisterKind.WALK_IN,
                                               display_name="Walk-in Kit", status=Attendance.LATE))
    again = attendance(store, fixed.groups["peer"])
    assert [r.head_count for r in again] == [4, 2, 2, 3] and again[-1].late == 1
    assert again[:3] == first[:3]  # the sessions that did not change are the same rows
