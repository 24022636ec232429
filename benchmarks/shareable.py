#!/usr/bin/env python3
"""Measure the shareable export of one session, name redaction included.

    python benchmarks/shareable.py FOLDER [--sessions 30]     prints one JSON object

``FOLDER`` is a COPY of a ten-year data folder (``Context.ten_year_copy()`` in ``run.py``):
:func:`measure` first adds to each measured session one anonymous note naming two people of
its roster (one of them typed decomposed, one possessive), so the redaction has something to
replace, then exports each session shareable and internal to Markdown, plain text and HTML.
Before each session's shareable (and internal) exports the store forgets its open files, so
the first export of the three reads the session cold, as the app does when a summary opens.

Keys (all float):

* ``shareable_export_ms_p50`` / ``_p95``: ms for one shareable export of one session (md, txt
  or html, names replaced), median / 95th percentile; target p50 <= 20 ms;
* ``internal_export_ms_p50``: ms for the internal record of the same sessions, same formats
  (no redaction), for comparison;
* ``shareable_names_replaced_mean``: names replaced per shareable export (>= 2 when the
  redaction works).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

TARGET_SHAREABLE_P50_MS = 20.0
FORMATS = ("md", "txt", "html")


def _percentile(values: list[float], q: float) -> float:
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def measure(folder: Path, sessions: int = 30) -> dict[str, float]:
    """Time shareable and internal exports of ``sessions`` ended sessions spread over the
    years of the data folder at ``folder`` (which it changes: pass a copy)."""
    from psw_tui.models import AnonymousNote, NoteKind, SessionStatus
    from psw_tui.services.exports import export_session
    from psw_tui.storage import RecordStore

    store = RecordStore.open(folder, create=False)
    try:
        ended = [h for h in store.sessions.headers() if h.status is SessionStatus.ENDED]
        chosen = ended[:: max(len(ended) // sessions, 1)][:sessions]
        members = store.members.all()
        for header in chosen:
            roster = [m.display_name for m in members if m.group_id == header.group_id][:2]
            if len(roster) < 2:
                continue
            text = f"{unicodedata.normalize('NFD', roster[0].upper())} and {roster[1]}'s idea about walking"
            store.notes(header.id).save(AnonymousNote(
                kind=NoteKind.CONTRIBUTION, session_id=header.id, session_date=header.date, text=text))
        timings: dict[bool, list[float]] = {True: [], False: []}
        replaced: list[int] = []
        for header in chosen:
            for shareable in (False, True):
                store.reload()  # the first of the three exports reads the session cold
                for fmt in FORMATS:
                    began = time.perf_counter_ns()
                    export = export_session(store, header.id, fmt, shareable=shareable)
                    timings[shareable].append((time.perf_counter_ns() - began) / 1e6)
                    if shareable:
                        replaced.append(export.names_replaced)
    finally:
        store.close()
    if not chosen:
        raise RuntimeError(f"{folder} holds no ended session to export")
    return {
        "shareable_export_ms_p50": round(_percentile(timings[True], 50), 2),
        "shareable_export_ms_p95": round(_percentile(timings[True], 95), 2),
        "internal_export_ms_p50": round(_percentile(timings[False], 50), 2),
        "shareable_names_replaced_mean": round(statistics.fmean(replaced), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a copy of a data folder (it is changed)")
    parser.add_argument("--sessions", type=int, default=30)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.folder, args.sessions)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
