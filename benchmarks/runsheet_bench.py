#!/usr/bin/env python3
"""Measure the run-sheet of one planned session on the ten-year store.

    python benchmarks/runsheet_bench.py FOLDER [--repeats 40]     prints one JSON object

``FOLDER`` is a COPY of a ten-year data folder (``Context.ten_year_copy()`` in ``run.py``).
The data set's sessions are in the past, so :func:`measure` first plans one: a copy of the
newest ended session of the largest group, dated a week after the last session, status
planned (that is the only change it makes). Each repeat then makes the run-sheet as the
"Print run-sheet" dialog does in the running app: the catalog already loaded (the app always
has it), the session's own file read cold (the store forgets its handle first), the run-sheet
built and rendered in one of the four forms in turn (Markdown, plain text, A4 HTML, the A6
pocket card), with the paper register on every other repeat.

Keys (all float):

* ``runsheet_ms_p50`` / ``_p95``: ms for one run-sheet (read, build, render), median / 95th
  percentile; target p50 <= 20 ms;
* ``runsheet_all_cold_ms_p50``: the same after the store forgot everything it read (the
  ten-year catalog read again too), median, for comparison;
* ``runsheet_cli_ms_p50``: ms for ``psw-tui runsheet SESSION -f html`` run in-process
  (opening the folder read-only without the lock, as the command does; not the interpreter's
  start), median, for comparison.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

TARGET_P50_MS = 20.0
FORMS = (("md", False), ("txt", False), ("html", False), ("html", True))


def _percentile(values: list[float], q: float) -> float:
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def _plan_one(folder: Path) -> str:
    """Plan a session (a copy of the busiest group's newest ended one); its id."""
    from uuid import uuid4

    from psw_tui.models import SessionStatus
    from psw_tui.storage import RecordStore

    with RecordStore.open(folder, create=False) as store:
        headers = store.sessions.headers()
        if not headers:
            raise RuntimeError(f"{folder} holds no session to plan from")
        counts: dict[object, int] = {}
        for header in headers:
            counts[header.group_id] = counts.get(header.group_id, 0) + 1
        busiest = max(counts, key=lambda group: counts[group])
        ended = [h for h in headers if h.group_id == busiest and h.status is SessionStatus.ENDED]
        source = store.sessions.get((ended or [h for h in headers if h.group_id == busiest])[-1].id)
        planned = source.model_copy(update={
            "id": uuid4(), "date": headers[-1].date + timedelta(days=7), "status": SessionStatus.PLANNED,
            "started_at": None, "ended_at": None, "runs": [], "original_minutes": {},
            "dropped_segment_ids": [], "debrief": None, "arrival": None, "leaving": None, "rounds": [],
        })
        store.sessions.save(planned)
        return str(planned.id)


def measure(folder: Path, repeats: int = 40) -> dict[str, float]:
    """Time the run-sheet of one planned session in the data folder at ``folder`` (which it
    changes, by planning that session: pass a copy)."""
    from uuid import UUID

    from psw_tui.cli import main
    from psw_tui.services.exports.runsheet_render import render_runsheet
    from psw_tui.services.runsheet import build_runsheet
    from psw_tui.storage import RecordStore

    session_id = _plan_one(folder)
    timings: dict[bool, list[float]] = {False: [], True: []}
    store = RecordStore.open(folder, create=False)
    try:
        store.sessions.headers()  # the catalog, loaded as in the running app
        for repeat in range(repeats):
            fmt, pocket = FORMS[repeat % len(FORMS)]
            for all_cold in (False, True):
                if all_cold:
                    store.reload()
                else:
                    store.forget_session_db(UUID(session_id))
                began = time.perf_counter_ns()
                sheet = build_runsheet(store, UUID(session_id), with_register=repeat % 2 == 1)
                text = render_runsheet(sheet, fmt, pocket=pocket)
                timings[all_cold].append((time.perf_counter_ns() - began) / 1e6)
                if not text:
                    raise RuntimeError("an empty run-sheet")
    finally:
        store.close()
    cli: list[float] = []
    for _ in range(max(repeats // 4, 3)):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            began = time.perf_counter_ns()
            code = main(["--data-dir", str(folder), "runsheet", session_id, "-f", "html"])
            cli.append((time.perf_counter_ns() - began) / 1e6)
        if code != 0 or "<!DOCTYPE html>" not in out.getvalue():
            raise RuntimeError(f"psw-tui runsheet failed with exit code {code}")
    return {
        "runsheet_ms_p50": round(statistics.median(timings[False]), 3),
        "runsheet_ms_p95": round(_percentile(timings[False], 95), 3),
        "runsheet_all_cold_ms_p50": round(statistics.median(timings[True]), 2),
        "runsheet_cli_ms_p50": round(statistics.median(cli), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a copy of a data folder (it is changed)")
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.folder, args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
