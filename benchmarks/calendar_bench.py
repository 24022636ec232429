#!/usr/bin/env python3
"""Measure the calendar export: a year of weekly sessions for six groups.

    python benchmarks/calendar_bench.py [--runs 15]     prints one JSON object

:func:`measure` builds a fresh data folder (in ``work``, or a temporary folder): six groups
with rosters, each with a weekly series of 52 sessions, all planned, one cancelled, one moved
and one one-off session per group, then builds the .ics (``services.calendar.build_calendar``,
Europe/London, names redacted) ``runs`` times from a store opened read-only, as
``psw-tui calendar`` does. The first build after opening is timed too (cold).

Keys (all float):

* ``calendar_export_ms_p50``: ms for one export, median; target <= 100 ms;
* ``calendar_export_ms_cold``: ms for the first export after opening the store;
* ``calendar_export_events``: events in the file (6 series + 6 moved + 6 one-off = 18);
* ``calendar_export_kb``: size of the file in KiB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

TARGET_P50_MS = 100.0
GROUPS = 6
TODAY = date(2026, 1, 2)


def _build(folder: Path) -> None:
    from psw_tui.models import GroupKind, MemberRole
    from psw_tui.services import planning
    from psw_tui.services import series as svc
    from psw_tui.services.builtin_templates import default_template_for
    from psw_tui.services.groups import GroupInput, add_member, create_group
    from psw_tui.services.setup import ensure_builtin_templates
    from psw_tui.storage import RecordStore

    template = default_template_for(GroupKind.PEER_SUPPORT).id
    with RecordStore.open(folder) as store:
        ensure_builtin_templates(store)
        for index in range(GROUPS):
            group = create_group(store, GroupInput(name=f"Group {index + 1}", default_template_id=template))
            store.groups.save(group.model_copy(update={"location": f"Room {index + 1}"}))
            for person in range(10):
                role = MemberRole.FACILITATOR if person == 0 else MemberRole.MEMBER
                add_member(store, group.id, f"Person{index}x{person}", role)
            form = svc.SeriesInput(group_id=group.id, start=f"2026-01-0{5 + index % 5}", start_time="18:30",
                                   count="52", template_id=template, holidays="2026-04-06, 2026-12-25")
            series = svc.build_series(store, form)
            store.series.save(series)
            planned = svc.plan_series(store, series.id, TODAY, weeks=56).created
            planning.cancel_session(store, planned[10].id, "Room not available")
            planning.edit_session(store, planned[20].id, planning.PlanInput(
                None, planned[20].date.replace(day=min(planned[20].date.day + 1, 28)).isoformat(), "10:00"), TODAY)
            planning.plan_session(store, planning.PlanInput(
                group.id, f"2026-06-{10 + index}", "14:00", template, f"Summer outing {index + 1}"), TODAY)


def measure(work: Path | None = None, runs: int = 15) -> dict[str, float]:
    """Build the year of sessions in a new folder under ``work`` (or a temporary one), then
    time ``runs`` calendar exports; the folder is removed afterwards."""
    from zoneinfo import ZoneInfo

    from psw_tui.services.calendar import build_calendar
    from psw_tui.storage import RecordStore

    base = Path(tempfile.mkdtemp(prefix="calendar-bench-", dir=work))
    try:
        folder = base / "data"
        _build(folder)
        zone = ZoneInfo("Europe/London")
        now = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
        timings: list[float] = []
        cold = 0.0
        data = b""
        store = RecordStore.open(folder, create=False, read_only=True)
        try:
            for run in range(runs + 1):
                started = time.perf_counter()
                data = store.read_consistent(
                    lambda s: build_calendar(s, today=TODAY, now=now, zone=zone)).data
                elapsed = (time.perf_counter() - started) * 1000
                if run == 0:
                    cold = elapsed
                else:
                    timings.append(elapsed)
        finally:
            store.close()
        return {
            "calendar_export_ms_p50": round(statistics.median(timings), 3),
            "calendar_export_ms_cold": round(cold, 3),
            "calendar_export_events": float(data.count(b"BEGIN:VEVENT")),
            "calendar_export_kb": round(len(data) / 1024, 1),
        }
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> None:
    """Print the measurement as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    result = measure(runs=args.runs)
    print(json.dumps(result, indent=2))
    if result["calendar_export_ms_p50"] > TARGET_P50_MS:
        print(f"over the target of {TARGET_P50_MS} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
