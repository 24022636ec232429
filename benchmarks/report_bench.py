#!/usr/bin/env python3
"""Measure the attendance report with its chart over ten years of one group.

    python benchmarks/report_bench.py FOLDER [--runs 15]     prints one JSON object

``FOLDER`` is a copy of a ten-year data folder (``Context.ten_year_copy()`` in ``run.py``,
or ``benchmarks/dataset.py``'s cache copied by hand); it is only read. For the group with the
most ended sessions, each run does what the report screen does from a changed parameter to
the chart's text: read the register of every ended session of the group from its file
(``services.reports.attendance``; the session index stays in memory, as in the app), build
the table and chart (``attendance_table``), and draw the chart with plotext at 120x24 (the
chart's size on a 120x40 screen) into its text. Each run is done twice: cold (the rows the
report remembers per session file forgotten first, as for the first report after opening
the app) and warm (run again at once, as when a date is typed on the report screen).

Keys (all float):

* ``report_chart_ms_p50``: ms from reading the sessions to the drawn chart, cold, median;
  target <= 100 ms;
* ``report_chart_ms_p95``: the same, 95th percentile;
* ``report_chart_warm_ms_p50``: the same run again at once (only changed files re-read), median;
* ``report_chart_cpu_ms_p50``: CPU ms of the cold run (process time: what the figure would
  be on a quiet machine, less the waits for the disk), median;
* ``report_chart_draw_ms_p50``: ms of the drawing alone (plotext), median;
* ``report_chart_sessions``: sessions charted (the group's ended sessions).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

TARGET_P50_MS = 100.0
WIDTH, HEIGHT = 120, 24


def _percentile(values: list[float], q: float) -> float:
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def measure(folder: Path, runs: int = 15) -> dict[str, float]:
    """Time the attendance report and its chart for the busiest group of the store at ``folder``."""
    from textual_plotext.plot import Plot

    from psw_tui.models import SessionStatus
    from psw_tui.services.report_tables import attendance_table
    from psw_tui.services.reports import attendance, forget_attendance
    from psw_tui.storage import RecordStore
    from psw_tui.widgets.chart import draw

    store = RecordStore.open(folder, create=False)
    try:
        ended: dict[object, int] = {}
        for header in store.sessions.headers():
            if header.status is SessionStatus.ENDED:
                ended[header.group_id] = ended.get(header.group_id, 0) + 1
        if not ended:
            raise RuntimeError(f"{folder} holds no ended session")
        group = max(ended, key=lambda gid: ended[gid])
        name = store.groups.get(group).name  # type: ignore[union-attr]
        timings: dict[bool, list[float]] = {True: [], False: []}
        draws: list[float] = []
        cpu: list[float] = []
        sessions = 0
        for _ in range(max(runs, 1)):
            forget_attendance(store)
            for cold in (True, False):
                began, began_cpu = time.perf_counter_ns(), time.process_time_ns()
                table = attendance_table(attendance(store, group), name)  # type: ignore[arg-type]
                drawn_from = time.perf_counter_ns()
                if table.chart is None:
                    raise RuntimeError("the attendance report gave no chart")
                plot = Plot()
                draw(plot, table.chart, WIDTH, HEIGHT)
                text = plot.build()
                ended_at = time.perf_counter_ns()
                if not text.strip():
                    raise RuntimeError("the chart drew nothing")
                timings[cold].append((ended_at - began) / 1e6)
                if cold:
                    cpu.append((time.process_time_ns() - began_cpu) / 1e6)
                draws.append((ended_at - drawn_from) / 1e6)
                sessions = len(table.rows)
    finally:
        store.close()
    return {
        "report_chart_ms_p50": round(_percentile(timings[True], 50), 2),
        "report_chart_ms_p95": round(_percentile(timings[True], 95), 2),
        "report_chart_warm_ms_p50": round(_percentile(timings[False], 50), 2),
        "report_chart_cpu_ms_p50": round(statistics.median(cpu), 2),
        "report_chart_draw_ms_p50": round(statistics.median(draws), 2),
        "report_chart_sessions": float(sessions),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a copy of a ten-year data folder (only read)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.folder, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
