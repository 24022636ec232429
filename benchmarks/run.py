#!/usr/bin/env python3
"""Measure psw-tui's storage on a ten-year data set.

    python benchmarks/run.py --json benchmarks/out/latest.json          full run
    python benchmarks/run.py --json OUT.json --quick                    fewer repetitions
    python benchmarks/run.py --only note_save,open_store                some measurements

Prints a table and writes ONE flat JSON object of numbers (see README.md for each key).
The data set is built once and cached (``benchmarks/dataset.py``); every measurement works
on a fresh copy of it, in a fresh Python process, so nothing measured changes the cache and
no measurement inherits another's heap or imports. Timings use ``time.perf_counter_ns``.

To add a measurement, write a function ``fn(ctx: Context) -> dict[str, float]`` and register
it with ``@measurement("name", {"json_key": "what it means"})``: its keys are added to the
JSON and the table, and the run checks that it returns exactly the keys it declared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out"
CHILD_TIMEOUT = 300
TARGET_NOTE_P95_MS = 10.0
TARGET_NOTE_RATIO = 1.5

# Only the standard library is imported at module level: child processes time their own
# imports of psw-tui, TinyDB and pydantic.


@dataclass(frozen=True)
class Repetitions:
    """How many times each measurement is repeated."""

    note_runs: int = 9  # runs of note saves, each in a fresh copy (ten-year and empty alike)
    note_saves: int = 200  # note saves per run
    open_runs: int = 7  # cold opens, each in a new process
    rss_runs: int = 3
    rss_saves: int = 100
    bare_inserts: int = 5
    keypress_runs: int = 3  # app processes driven by Pilot, each on a fresh copy
    keypress_pairs: int = 40  # notes (Enter) and register changes (Space) per process
    start_runs: int = 7  # starts of psw-tui and of the bare Textual app, alternating


FULL = Repetitions()
QUICK = Repetitions(note_runs=3, note_saves=100, open_runs=3, rss_runs=1, bare_inserts=2,
                    keypress_runs=1, keypress_pairs=12, start_runs=3)


# -- small helpers ---------------------------------------------------------------------


def ms(ns: int) -> float:
    return ns / 1e6


def percentile(values: Iterable[float], q: float) -> float:
    """The ``q``-th percentile (0-100), linearly interpolated (numpy's default)."""
    data = sorted(values)
    if not data:
        raise ValueError("no values")
    pos = (len(data) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def child(mode: str, *args: str) -> dict[str, Any]:
    """Run ``run.py --child mode args`` in a new interpreter and return the JSON it prints."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=CHILD_TIMEOUT, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the registry ----------------------------------------------------------------------


@dataclass
class Context:
    """What a measurement gets: repetitions, the cached data set, a scratch folder, notes."""

    reps: Repetitions
    seed: int
    work: Path
    log: Callable[[str], None]
    results: dict[str, float] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    _cached: Any = None
    _counter: int = 0

    @property
    def dataset(self) -> Any:
        """The cached ten-year data set (built on first use, in a child process)."""
        if self._cached is None:
            from benchmarks.dataset import cache_dir

            if not (cache_dir(self.seed) / "manifest.json").exists():
                self.log("Building the ten-year data set (first run only; cached afterwards)...")
                started = time.perf_counter_ns()
                subprocess.run([sys.executable, str(ROOT / "benchmarks" / "dataset.py"),
                                "--seed", str(self.seed)], check=True, cwd=ROOT,
                               stdout=subprocess.DEVNULL)
                self.log(f"  built in {ms(time.perf_counter_ns() - started) / 1000:.1f} s")
            from benchmarks.dataset import ensure_cached

            self._cached = ensure_cached(self.seed)
        return self._cached

    def scratch(self, name: str) -> Path:
        """A new, not yet existing path under the run's work folder."""
        self._counter += 1
        return self.work / f"{self._counter:03d}-{name}"

    def ten_year_copy(self) -> Path:
        """A private copy of the cached ten-year data folder."""
        from benchmarks.dataset import copy_data

        return copy_data(self.dataset, self.scratch("ten-year"))

    def done_with(self, path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Measurement:
    name: str
    keys: dict[str, str]  # JSON key -> unit and meaning, for the table
    run: Callable[[Context], dict[str, float]]


REGISTRY: list[Measurement] = []


def measurement(name: str, keys: dict[str, str]) -> Callable[[Callable[[Context], dict[str, float]]], Callable[[Context], dict[str, float]]]:
    """Register ``fn`` as a measurement producing exactly ``keys``."""

    def register(fn: Callable[[Context], dict[str, float]]) -> Callable[[Context], dict[str, float]]:
        REGISTRY.append(Measurement(name, keys, fn))
        return fn

    return register


# -- measurements ----------------------------------------------------------------------


@measurement("dataset", {
    "dataset_sessions": "sessions in the ten-year store",
    "dataset_notes": "notes in the ten-year store",
    "dataset_register_rows": "register rows in the ten-year store",
    "dataset_reflections": "reflections in the ten-year store",
})
def dataset_counts(ctx: Context) -> dict[str, float]:
    info = ctx.dataset.manifest
    ctx.details.append(
        f"dataset: {info['sessions']} sessions, {info['notes']} notes, {info['register_rows']} register "
        f"rows, {info['actions']} actions, {info['concerns']} concerns, {info['reflections']} "
        f"reflections, {info['members']} members in {info['groups']} groups; "
        f"{info['data_bytes'] / 1e6:.1f} MB in {info['data_files']} files "
        f"(stock TinyDB file {info['stock_bytes'] / 1e6:.1f} MB)"
    )
    return {
        "dataset_sessions": info["sessions"],
        "dataset_notes": info["notes"],
        "dataset_register_rows": info["register_rows"],
        "dataset_reflections": info["reflections"],
    }


@measurement("note_save", {
    "note_save_ms_p50": "ms, one note saved in a live session, ten-year store (median of runs' p50)",
    "note_save_ms_p95": "ms, the same, median of runs' p95",
    "note_save_ms_p95_empty": "ms, p95 in a day-one store (one group), median of runs",
    "note_save_ratio_ten_year_vs_empty": "note_save_ms_p95 / note_save_ms_p95_empty",
})
def note_save(ctx: Context) -> dict[str, float]:
    runs: dict[str, list[tuple[float, float]]] = {"ten-year": [], "empty": []}
    for index in range(ctx.reps.note_runs):
        order = ("ten-year", "empty") if index % 2 == 0 else ("empty", "ten-year")
        for kind in order:  # interleaved, so drift on the machine hits both alike
            if kind == "ten-year":
                folder, extra = ctx.ten_year_copy(), []
            else:
                folder, extra = ctx.scratch("empty"), ["--empty"]
            got = child("live", str(folder), "--saves", str(ctx.reps.note_saves),
                        "--seed", str(ctx.seed), *extra)
            ctx.done_with(folder)
            times = got["save_ms"]
            runs[kind].append((percentile(times, 50), percentile(times, 95)))
    for kind, found in runs.items():
        shown = ", ".join(f"{p50:.2f}/{p95:.2f}" for p50, p95 in found)
        ctx.details.append(f"note save {kind}: p50/p95 per run (ms) {shown}")
    p50 = statistics.median(p for p, _ in runs["ten-year"])
    p95 = statistics.median(p for _, p in runs["ten-year"])
    p95_empty = statistics.median(p for _, p in runs["empty"])
    return {
        "note_save_ms_p50": round(p50, 3),
        "note_save_ms_p95": round(p95, 3),
        "note_save_ms_p95_empty": round(p95_empty, 3),
        "note_save_ratio_ten_year_vs_empty": round(p95 / p95_empty, 3),
    }


BENCH_PASSPHRASE = "benchmark passphrase, not a secret"


@measurement("note_save_encrypted", {
    "note_save_ms_p95_encrypted": "ms, p95 note save, ten-year store encrypted at rest (median of runs)",
    "note_save_ratio_encrypted_vs_plain": "note_save_ms_p95_encrypted / plain p95 in the same runs "
                                          "(target <= 2)",
})
def note_save_encrypted(ctx: Context) -> dict[str, float]:
    sealed_source = ctx.ten_year_copy()
    child("encrypt", str(sealed_source), "--passphrase", BENCH_PASSPHRASE)  # once, then copied
    runs: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for index in range(ctx.reps.note_runs):
        order = ("plain", "encrypted") if index % 2 == 0 else ("encrypted", "plain")
        for kind in order:  # interleaved, so drift on the machine hits both alike
            if kind == "plain":
                folder, extra = ctx.ten_year_copy(), []
            else:
                folder = ctx.scratch("encrypted")
                shutil.copytree(sealed_source, folder)
                extra = ["--passphrase", BENCH_PASSPHRASE]
            got = child("live", str(folder), "--saves", str(ctx.reps.note_saves),
                        "--seed", str(ctx.seed), *extra)
            ctx.done_with(folder)
            runs[kind].append(percentile(got["save_ms"], 95))
    ctx.done_with(sealed_source)
    for kind, found in runs.items():
        ctx.details.append(f"note save {kind}: p95 per run (ms) " + ", ".join(f"{p:.2f}" for p in found))
    encrypted, plain = statistics.median(runs["encrypted"]), statistics.median(runs["plain"])
    return {
        "note_save_ms_p95_encrypted": round(encrypted, 3),
        "note_save_ratio_encrypted_vs_plain": round(encrypted / plain, 3),
    }


@measurement("open_store", {
    "open_store_ms": "ms, RecordStore.open + session headers + groups, new process (median)",
})
def open_store(ctx: Context) -> dict[str, float]:
    folder = ctx.ten_year_copy()
    catalog = folder / "catalog.json"
    before = catalog.stat().st_mtime_ns
    found = [child("open", str(folder)) for _ in range(ctx.reps.open_runs)]
    if catalog.stat().st_mtime_ns != before:
        ctx.details.append("WARNING: opening rewrote catalog.json (the session index was reconciled)")
    ctx.done_with(folder)
    opens = [f["open_ms"] for f in found]
    ctx.details.append(
        f"open: {', '.join(f'{v:.1f}' for v in opens)} ms; before it, importing psw_tui.storage took "
        f"{statistics.median(f['import_ms'] for f in found):.0f} ms; "
        f"{found[0]['headers']} headers, {found[0]['groups']} groups"
    )
    return {"open_store_ms": round(statistics.median(opens), 2)}


@measurement("peak_rss", {
    "peak_rss_mb": "MB, peak RSS of a process that opens the ten-year store, lists it, saves 100 notes",
})
def peak_rss(ctx: Context) -> dict[str, float]:
    peaks, baselines = [], []
    for _ in range(ctx.reps.rss_runs):
        folder = ctx.ten_year_copy()
        got = child("live", str(folder), "--saves", str(ctx.reps.rss_saves), "--seed", str(ctx.seed))
        ctx.done_with(folder)
        peaks.append(got["peak_rss_mb"])
        baselines.append(got["rss_after_imports_mb"])
    ctx.details.append(
        f"peak RSS: {', '.join(f'{p:.1f}' for p in peaks)} MB "
        f"(of which {statistics.median(baselines):.1f} MB after importing psw-tui, before opening)"
    )
    return {"peak_rss_mb": round(statistics.median(peaks), 1)}


@measurement("bare_tinydb", {
    "bare_tinydb_insert_ms": "ms, one insert into one ~30 MB stock TinyDB file, fresh TinyDB each (median)",
})
def bare_tinydb(ctx: Context) -> dict[str, float]:
    target = ctx.scratch("stock.json")
    shutil.copy2(ctx.dataset.stock, target)
    got = child("bare", str(target), "--inserts", str(ctx.reps.bare_inserts))
    ctx.done_with(target)
    ctx.details.append(
        f"bare TinyDB insert ({ctx.dataset.manifest['stock_bytes'] / 1e6:.1f} MB file): "
        f"{', '.join(f'{v:.0f}' for v in got['insert_ms'])} ms"
    )
    return {"bare_tinydb_insert_ms": round(statistics.median(got["insert_ms"]), 1)}


SEARCH_WORDS = ("hope", "group", "sleep", "tired", "family", "voices", "kindness", "money",
                "walk", "routine", "stigma", "crisis", "boundaries", "garden", "lonely", "music",
                "housing", "grief", "courage", "breathing")


@measurement("search", {
    "search_ms_p95": "ms, one-word query over the ten-year store, ranked hits with snippets (p95)",
})
def search_query(ctx: Context) -> dict[str, float]:
    folder = ctx.ten_year_copy()
    got = child("search", str(folder))
    ctx.done_with(folder)
    times = got["query_ms"]
    ctx.details.append(
        f"search: index of {got['entries']:,} entries built in {got['build_ms']:.0f} ms (in a worker "
        f"in the app); {len(times)} one-word queries: p50 {percentile(times, 50):.1f} ms, "
        f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms"
    )
    return {"search_ms_p95": round(percentile(times, 95), 2)}


@measurement("report", {
    "report_ms_p50": "ms, supervision compliance report over the ten-year store (median)",
})
def report_compliance(ctx: Context) -> dict[str, float]:
    folder = ctx.ten_year_copy()
    runs = [child("report", str(folder)) for _ in range(3)]
    ctx.done_with(folder)
    times = [t for run in runs for t in run["report_ms"]]
    firsts = ", ".join(f"{run['report_ms'][0]:.1f}" for run in runs)
    ctx.details.append(
        f"supervision compliance: {runs[0]['supervisees']} supervisees; first call per process "
        f"{firsts} ms; median of {len(times)} calls "
        f"{statistics.median(times):.1f} ms"
    )
    return {"report_ms_p50": round(statistics.median(times), 2)}


TARGET_EXPORT_MS = 50.0


@measurement("export", {
    "export_ms_p50": "ms, one ended session to Markdown (internal record) in the ten-year store (median)",
})
def export_markdown(ctx: Context) -> dict[str, float]:
    folder = ctx.ten_year_copy()
    got = child("export", str(folder))
    ctx.done_with(folder)
    cold, warm = got["cold_ms"], got["warm_ms"]
    ctx.details.append(
        f"export to Markdown: {len(cold)} sessions spread over ten years, each opened cold: "
        f"p50 {percentile(cold, 50):.1f} ms, p95 {percentile(cold, 95):.1f} ms; again warm: "
        f"p50 {percentile(warm, 50):.1f} ms; shareable p50 {percentile(got['shareable_ms'], 50):.1f} ms "
        f"(target p50 <= {TARGET_EXPORT_MS:g} ms: "
        f"{'MET' if percentile(cold, 50) <= TARGET_EXPORT_MS else 'MISSED'})"
    )
    return {"export_ms_p50": round(percentile(cold, 50), 2)}


TARGET_KEYPRESS_P95_MS = 50.0
TARGET_START_RATIO = 1.3


@measurement("live_keypress", {
    "live_keypress_ms_p95": "ms, live session key (Enter saves a note, Space in the register) to the "
                            "frame showing it, ten-year store (median of runs' p95)",
    "live_keypress_ms_p50": "ms, the same, median of runs' p50",
})
def live_keypress(ctx: Context) -> dict[str, float]:
    runs, pooled = [], {"note_ms": [], "register_ms": []}
    for _ in range(ctx.reps.keypress_runs):
        folder = ctx.ten_year_copy()
        got = child("keypress", str(folder), "--pairs", str(ctx.reps.keypress_pairs))
        ctx.done_with(folder)
        both = got["note_ms"] + got["register_ms"]
        runs.append((percentile(both, 50), percentile(both, 95)))
        for key in pooled:
            pooled[key].extend(got[key])
    p50 = statistics.median(p for p, _ in runs)
    p95 = statistics.median(p for _, p in runs)
    ctx.details.append(
        "live keypress (Pilot, 120x40, key to the first frame showing the change): p50/p95 per run (ms) "
        + ", ".join(f"{a:.1f}/{b:.1f}" for a, b in runs) + "; all runs: "
        + "; ".join(f"{key.removesuffix('_ms')} p50 {percentile(v, 50):.1f}, p95 {percentile(v, 95):.1f}, "
                    f"max {max(v):.1f} ({len(v)} keys)" for key, v in pooled.items())
        + f" (target p95 <= {TARGET_KEYPRESS_P95_MS:g} ms: {'MET' if p95 <= TARGET_KEYPRESS_P95_MS else 'MISSED'})"
    )
    return {"live_keypress_ms_p95": round(p95, 2), "live_keypress_ms_p50": round(p50, 2)}


@measurement("start", {
    "start_ms": "ms, process start to the home screen's first frame, ten-year store (median)",
    "bare_textual_start_ms": "ms, the same for a bare Textual app with the same widgets (median)",
    "start_ratio": f"start_ms / bare_textual_start_ms (target <= {TARGET_START_RATIO:g})",
})
def start_time(ctx: Context) -> dict[str, float]:
    from benchmarks.ui import start_env, time_start

    folder = ctx.ten_year_copy()
    env = start_env(ctx.scratch("start-env"))
    for kind in ("psw", "bare"):  # warm-up: the OS file cache, compiled files
        time_start(kind, folder, env, ROOT)
    runs: dict[str, list[dict[str, float]]] = {"psw": [], "bare": []}
    for index in range(ctx.reps.start_runs):
        order = ("psw", "bare") if index % 2 == 0 else ("bare", "psw")
        for kind in order:  # interleaved, so drift on the machine hits both alike
            runs[kind].append(time_start(kind, folder if kind == "psw" else None, env, ROOT))
    ctx.done_with(folder)
    medians = {kind: {key: statistics.median(run[key] for run in found) for key in found[0]}
               for kind, found in runs.items()}
    for kind, name in (("psw", "psw-tui"), ("bare", "bare Textual")):
        seen, mid = [run["seen"] for run in runs[kind]], medians[kind]
        ctx.details.append(
            f"start {name}: {', '.join(f'{value:.0f}' for value in seen)} ms; medians: "
            f"interpreter up {mid['python']:.0f}, imports done {mid['imported']:.0f}, "
            f"first frame {mid['frame']:.0f} ms after the spawn"
        )
    start, bare = medians["psw"]["seen"], medians["bare"]["seen"]
    ctx.details.append(f"target start_ratio <= {TARGET_START_RATIO:g}: "
                       f"{'MET' if start / bare <= TARGET_START_RATIO else 'MISSED'}")
    return {"start_ms": round(start, 1), "bare_textual_start_ms": round(bare, 1),
            "start_ratio": round(start / bare, 3)}


# -- the machine ------------------------------------------------------------------------


def io_stall_us() -> int | None:
    """Microseconds some task has waited on I/O since boot (Linux PSI), or None."""
    try:
        line = Path("/proc/pressure/io").read_text().splitlines()[0]
    except (OSError, IndexError):
        return None
    return int(line.rsplit("total=", 1)[1])


def background_io(seconds: float = 1.0) -> float | None:
    """Share of a short idle wait during which some other task was stalled on I/O."""
    before = io_stall_us()
    if before is None:
        return None
    time.sleep(seconds)
    return (io_stall_us() - before) / (seconds * 1e6)  # type: ignore[operator]


# -- child processes (each prints one JSON line) ------------------------------------------


def rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def child_open(folder: Path) -> dict[str, Any]:
    """Cold open: a new process imports psw-tui, then opens, lists headers and groups."""
    started = time.perf_counter_ns()
    from psw_tui.storage import RecordStore

    imported = time.perf_counter_ns()
    store = RecordStore.open(folder, create=False)
    headers = store.sessions.headers()
    groups = store.groups.all()
    opened = time.perf_counter_ns()
    store.close()
    return {"import_ms": ms(imported - started), "open_ms": ms(opened - imported),
            "headers": len(headers), "groups": len(groups)}


def child_encrypt(folder: Path, passphrase: str) -> dict[str, Any]:
    """Encrypt a data folder (cheap key derivation: it does not affect save latency)."""
    from psw_tui.storage import RecordStore
    from psw_tui.storage.crypto import KdfParams

    started = time.perf_counter_ns()
    with RecordStore.open(folder, create=False) as store:
        store.enable_encryption(passphrase, KdfParams.fresh(n=2**14))
    return {"encrypt_ms": ms(time.perf_counter_ns() - started)}


def child_live(
    folder: Path, saves: int, seed: int, empty: bool, passphrase: str | None = None
) -> dict[str, Any]:
    """Open a store, list it, start a live session and time ``saves`` note saves into it."""
    import gc

    from benchmarks.dataset import empty_store, start_live_session
    from psw_tui.storage import RecordStore

    after_imports = rss_mb()
    if empty:
        empty_store(folder, seed)
    store = RecordStore.open(folder, create=False, passphrase=passphrase)
    store.sessions.headers()
    store.groups.all()
    session, gen = start_live_session(store, seed)
    notes = gen.notes(session, saves)
    gc.collect()
    os.sync()  # flush the copy's dirty pages: a real store is at rest when a session starts
    times = []
    for note in notes:
        started = time.perf_counter_ns()
        store.notes(session.id).save(note)
        times.append(ms(time.perf_counter_ns() - started))
    count = store.notes(session.id).count()
    store.close()
    if count != saves:
        raise RuntimeError(f"saved {saves} notes but the session holds {count}")
    return {"save_ms": times, "peak_rss_mb": rss_mb(), "rss_after_imports_mb": after_imports}


def child_bare(path: Path, inserts: int) -> dict[str, Any]:
    """Single inserts into a stock TinyDB file, a fresh TinyDB instance each, as a bare app."""
    from tinydb import TinyDB

    times = []
    for index in range(inserts):
        doc = {"id": f"bench-{index}", "kind": "contribution", "session_date": "2026-11-20",
               "text": "Someone said the group is the one place they do not have to explain themselves."}
        started = time.perf_counter_ns()
        db = TinyDB(path)
        db.table("notes").insert(doc)
        db.close()
        times.append(ms(time.perf_counter_ns() - started))
    return {"insert_ms": times}


def child_search(folder: Path) -> dict[str, Any]:
    """Build the search index, then time each one-word query five times."""
    from psw_tui.services.search import SearchIndex
    from psw_tui.storage import RecordStore

    store = RecordStore.open(folder, create=False)
    started = time.perf_counter_ns()
    index = SearchIndex.build(store)
    built = time.perf_counter_ns()
    times = []
    for _ in range(5):
        for word in SEARCH_WORDS:
            began = time.perf_counter_ns()
            results = index.search(word)
            times.append(ms(time.perf_counter_ns() - began))
            if not results.hits:
                raise RuntimeError(f"no hits for {word!r}")
    store.close()
    return {"build_ms": ms(built - started), "entries": len(index), "query_ms": times}


def child_report(folder: Path) -> dict[str, Any]:
    """Open the store, then time the supervision compliance report ten times."""
    from psw_tui.services.reports import supervision_compliance
    from psw_tui.storage import RecordStore

    from benchmarks.dataset import ANCHOR

    store = RecordStore.open(folder, create=False)
    times, rows = [], []
    for _ in range(10):
        began = time.perf_counter_ns()
        rows = supervision_compliance(store, ANCHOR)
        times.append(ms(time.perf_counter_ns() - began))
    store.close()
    return {"report_ms": times, "supervisees": len(rows)}


def child_export(folder: Path, sessions: int = 30) -> dict[str, Any]:
    """Export ended sessions spread over the years to Markdown: each cold, then warm."""
    from psw_tui.models import SessionStatus
    from psw_tui.services.exports import export_session
    from psw_tui.storage import RecordStore

    store = RecordStore.open(folder, create=False)
    ended = [h for h in store.sessions.headers() if h.status is SessionStatus.ENDED]
    chosen = ended[:: max(len(ended) // sessions, 1)][:sessions]
    timings: dict[str, list[float]] = {"cold_ms": [], "warm_ms": [], "shareable_ms": []}
    for key, shareable in (("cold_ms", False), ("warm_ms", False), ("shareable_ms", True)):
        for header in chosen:
            began = time.perf_counter_ns()
            text = export_session(store, header.id, "md", shareable=shareable).text
            timings[key].append(ms(time.perf_counter_ns() - began))
            if not text.startswith("# Session"):
                raise RuntimeError("the export is not a summary")
    store.close()
    return timings


def child_keypress(folder: Path, pairs: int) -> dict[str, Any]:
    """Drive the app with Pilot in a live session (see ``benchmarks/ui.py``)."""
    from benchmarks.ui import child_keypress as drive

    return drive(folder, pairs)


def run_child(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py --child")
    parser.add_argument("mode", choices=("open", "live", "bare", "search", "report", "export", "encrypt",
                                         "keypress"))
    parser.add_argument("path", type=Path)
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--inserts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--empty", action="store_true")
    parser.add_argument("--passphrase", default=None)
    parser.add_argument("--pairs", type=int, default=12)
    args = parser.parse_args(argv)
    if args.mode == "open":
        result = child_open(args.path)
    elif args.mode == "live":
        result = child_live(args.path, args.saves, args.seed, args.empty, args.passphrase)
    elif args.mode == "encrypt":
        result = child_encrypt(args.path, args.passphrase)
    elif args.mode == "search":
        result = child_search(args.path)
    elif args.mode == "report":
        result = child_report(args.path)
    elif args.mode == "export":
        result = child_export(args.path)
    elif args.mode == "keypress":
        result = child_keypress(args.path, args.pairs)
    else:
        result = child_bare(args.path, args.inserts)
    print(json.dumps(result))
    return 0


# -- the run ---------------------------------------------------------------------------


def table(results: dict[str, float], details: list[str], seconds: float) -> str:
    keys = {key: text for m in REGISTRY for key, text in m.keys.items()}
    width = max(len(key) for key in results)
    lines = [f"{'key'.ljust(width)}  {'value':>10}  meaning", "-" * (width + 80)]
    for key, value in results.items():
        shown = f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        lines.append(f"{key.ljust(width)}  {shown:>10}  {keys.get(key, '')}")
    lines.append("")
    lines.extend(details)
    p95, ratio = results.get("note_save_ms_p95"), results.get("note_save_ratio_ten_year_vs_empty")
    if p95 is not None and ratio is not None:
        ok = p95 <= TARGET_NOTE_P95_MS and ratio <= TARGET_NOTE_RATIO
        lines.append(f"target note_save_ms_p95 <= {TARGET_NOTE_P95_MS:g} ms and <= {TARGET_NOTE_RATIO:g}x "
                     f"the empty store: {'MET' if ok else 'MISSED'}")
    bare = results.get("bare_tinydb_insert_ms")
    if p95 is not None and bare:
        lines.append(f"bare TinyDB single insert / psw-tui note save p95: {bare / p95:,.0f}x")
    lines.append(f"total runtime: {seconds:.1f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return run_child(argv[1:])
    parser = argparse.ArgumentParser(description="Run the psw-tui benchmarks.")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--seed", type=int, default=1, help="data set seed (default 1)")
    parser.add_argument("--only", help="comma-separated measurement names: "
                        + ", ".join(m.name for m in REGISTRY))
    parser.add_argument("--keep-work", action="store_true", help="keep the scratch copies")
    args = parser.parse_args(argv)
    chosen = REGISTRY
    if args.only:
        names = set(args.only.split(","))
        unknown = names - {m.name for m in REGISTRY}
        if unknown:
            parser.error(f"unknown measurement(s) {sorted(unknown)}")
        chosen = [m for m in REGISTRY if m.name in names]

    started = time.perf_counter_ns()
    work = OUT / "work" / f"run-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ctx = Context(QUICK if args.quick else FULL, args.seed, work,
                  log=lambda line: print(line, file=sys.stderr, flush=True))
    idle = [background_io()]
    try:
        for m in chosen:
            ctx.log(f"{m.name} ...")
            before = time.perf_counter_ns()
            got = m.run(ctx)
            if set(got) != set(m.keys):
                raise RuntimeError(f"{m.name} returned {sorted(got)}, declared {sorted(m.keys)}")
            ctx.results.update(got)
            ctx.log(f"  {m.name}: {ms(time.perf_counter_ns() - before) / 1000:.1f} s")
    finally:
        if not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    idle.append(background_io())
    seconds = ms(time.perf_counter_ns() - started) / 1000
    if None not in idle:
        ctx.details.append(f"background I/O wait (PSI, 1 s idle sample) before/after: "
                           f"{idle[0]:.0%}/{idle[1]:.0%}")
        if max(idle) > 0.02:  # type: ignore[type-var]
            ctx.details.append("WARNING: another process was doing I/O; fsync tails (p95) are noisy. "
                               "Rerun on a quiet machine before quoting them.")
    ctx.details.append(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(table(ctx.results, ctx.details, seconds))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(ctx.results, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
