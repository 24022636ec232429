#!/usr/bin/env python3
"""Measure the worker's "overdue supervision" over a ten-year store.

    python benchmarks/supervision_bench.py FOLDER [--runs 30]     prints one JSON object

``FOLDER`` is a COPY of a ten-year data folder (``Context.ten_year_copy()`` in ``run.py``):
:func:`measure` first logs ten years of the worker's own supervision into it (line management
every 4 weeks, clinical every 6, peer support every 6, reflective practice every 8, each with
two agreed actions; group supervision comes from the data set's supervision group, as it does
in the app), then, in each run, opens the store as the app does (not timed) and computes the overdue
list the way the home dashboard does: first after opening (the supervision records are read
and validated then; the session index was read by the open), again, and once more after the
store forgot every in-memory copy (the whole catalog read and parsed again).

Keys (all float):

* ``overdue_supervision_ms_p50``: ms, the overdue list first after opening, median; target <= 50 ms;
* ``overdue_supervision_ms_p95``: ms, the same, 95th percentile;
* ``overdue_supervision_warm_ms_p50``: ms, computed again;
* ``overdue_supervision_cold_ms_p50``: ms, after the store forgot its copies (catalog re-read);
* ``supervision_records``: records logged (about 340) beside the group sessions counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

TARGET_P50_MS = 50.0
YEARS = 10
LAPSED = ("line_management", "clinical")
EVERY_WEEKS = {"line_management": 4, "clinical": 6, "peer_support": 6, "reflective_practice": 8}


def _percentile(values: list[float], q: float) -> float:
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def _log_ten_years(store: object, anchor: object) -> int:
    """Ten years of supervision records, one write; returns how many."""
    from psw_tui.models.worker import SupervisionAction, SupervisionKind, SupervisionRecord

    records = []
    for kind, weeks in EVERY_WEEKS.items():
        day = anchor - timedelta(days=365 * YEARS)  # type: ignore[operator]
        # Line management and clinical lapsed lately, so they come out overdue.
        stop = anchor - timedelta(weeks=weeks + 3) if kind in LAPSED else anchor  # type: ignore[operator]
        while day <= stop:
            actions = [SupervisionAction(text=f"Agreed action {n} of {day.isoformat()}", raised_on=day,
                                         status="done" if day < anchor - timedelta(weeks=12) else "open")  # type: ignore[operator]
                       for n in (1, 2)]
            records.append(SupervisionRecord(date=day, kind=SupervisionKind(kind), supervisor="Sam", minutes=60,
                                             actions=actions))
            day += timedelta(weeks=weeks, days=3)  # a little late every time
    store.supervision.save_many(records)  # type: ignore[attr-defined]
    return len(records)


def measure(folder: Path, runs: int = 30) -> dict[str, float]:
    """Time :func:`overdue_supervision` on the data folder at ``folder`` (which it changes:
    pass a copy): first after opening the store, again, and after the store forgot its
    in-memory copies."""
    from psw_tui.models import Settings
    from psw_tui.services.supervision import overdue_supervision
    from psw_tui.storage import RecordStore

    from benchmarks.dataset import ANCHOR

    rules = Settings().supervision_every_weeks
    with RecordStore.open(folder, create=False) as store:
        logged = _log_ten_years(store, ANCHOR)
    timings: dict[str, list[float]] = {"first": [], "warm": [], "cold": []}
    for _ in range(max(runs, 1)):
        store = RecordStore.open(folder, create=False)  # as the app opens it (not timed)
        try:
            for key in ("first", "warm", "cold"):
                if key == "cold":
                    store.reload()
                began = time.perf_counter_ns()
                found = overdue_supervision(store, ANCHOR, rules)
                timings[key].append((time.perf_counter_ns() - began) / 1e6)
        finally:
            store.close()
    if not found:
        raise RuntimeError("nothing came out overdue: the records were not read")
    return {
        "overdue_supervision_ms_p50": round(_percentile(timings["first"], 50), 2),
        "overdue_supervision_ms_p95": round(_percentile(timings["first"], 95), 2),
        "overdue_supervision_warm_ms_p50": round(_percentile(timings["warm"], 50), 2),
        "overdue_supervision_cold_ms_p50": round(_percentile(timings["cold"], 50), 2),
        "supervision_records": float(logged),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a copy of a data folder (it is changed)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.folder, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
