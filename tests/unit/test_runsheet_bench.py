"""benchmarks/runsheet_bench.py runs on any data folder and gives its keys (timings are not
asserted: they are measured in benchmarks/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.runsheet_bench import measure
from psw_tui.models import SessionStatus
from psw_tui.services.setup import seed_demo
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY


def test_measure_plans_one_session_and_gives_every_key(data_dir: Path, demo_raw: Any) -> None:
    with RecordStore.open(data_dir) as store:
        seed_demo(store, demo_raw, today=FIXED_TODAY)
        planned = sum(h.status is SessionStatus.PLANNED for h in store.sessions.headers())
    figures = measure(data_dir, repeats=4)
    assert set(figures) == {"runsheet_ms_p50", "runsheet_ms_p95", "runsheet_all_cold_ms_p50", "runsheet_cli_ms_p50"}
    assert all(isinstance(v, float) and v > 0 for v in figures.values())
    with RecordStore.open(data_dir) as store:
        assert sum(h.status is SessionStatus.PLANNED for h in store.sessions.headers()) == planned + 1
