"""The app's own measurements: keys in a live session, start-up, the first key, and the
live session's transitions (see README.md for how each is measured)."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from benchmarks.harness import ROOT, Context, busy_process, child, measurement, percentile

TARGET_KEYPRESS_P95_MS = 16.0  # quiet machine
TARGET_KEYPRESS_P95_LOADED_MS = 33.0  # one busy background process
TARGET_START_RATIO = 1.3
TARGET_FIRST_KEY_RATIO = 1.3
TARGET_BEGIN_MS = 200.0
TARGET_END_MS = 200.0
TARGET_PALETTE_P95_MS = 100.0


def alternate(runs: int, start: Callable[[str], dict[str, float]]) -> dict[str, list[dict[str, float]]]:
    """One untimed warm-up of each app (the OS file cache, compiled files), then ``runs``
    starts of each, psw-tui and the bare app taking turns so drift hits both alike."""
    for kind in ("psw", "bare"):
        start(kind)
    found: dict[str, list[dict[str, float]]] = {"psw": [], "bare": []}
    for index in range(runs):
        for kind in (("psw", "bare") if index % 2 == 0 else ("bare", "psw")):
            found[kind].append(start(kind))
    return found


# -- keys in a live session ----------------------------------------------------------------


def _keypress_runs(ctx: Context, label: str) -> tuple[float, float]:
    """Run the keypress child ``keypress_runs`` times; (median p50, median p95) over runs.
    The round keeper's next-speaker keys are kept in ``ctx.shared["round_ms"]`` (their own figure)."""
    runs, pooled = [], {"note_ms": [], "register_ms": [], "round_ms": []}
    for _ in range(ctx.reps.keypress_runs):
        folder = ctx.ten_year_copy()
        got = child("keypress", str(folder), "--pairs", str(ctx.reps.keypress_pairs))
        ctx.done_with(folder)
        both = got["note_ms"] + got["register_ms"]
        runs.append((percentile(both, 50), percentile(both, 95)))
        for key in pooled:
            pooled[key].extend(got.get(key, []))
    ctx.shared["round_ms"] = pooled["round_ms"]
    ctx.details.append(
        f"live keypress {label} (Pilot, 120x40, key to the first frame showing the change): p50/p95 per "
        "run (ms) " + ", ".join(f"{a:.1f}/{b:.1f}" for a, b in runs) + "; all runs: "
        + "; ".join(f"{key.removesuffix('_ms')} p50 {percentile(v, 50):.1f}, p95 {percentile(v, 95):.1f}, "
                    f"max {max(v):.1f} ({len(v)} keys)" for key, v in pooled.items())
    )
    return statistics.median(p for p, _ in runs), statistics.median(p for _, p in runs)


@measurement("live_keypress", {
    "live_keypress_ms_p95": "ms, live session key (Enter saves a note, Space in the register) to the "
                            "frame showing it, ten-year store (median of runs' p95)",
    "live_keypress_ms_p50": "ms, the same, median of runs' p50",
    "round_next_ms_p95": "ms, next speaker in a round (alt+right) to the frame showing 'Now: <name>', p95 "
                         "of every step in every run",
}, targets={"live_keypress_ms_p95": TARGET_KEYPRESS_P95_MS, "round_next_ms_p95": 16.0})
def live_keypress(ctx: Context) -> dict[str, float]:
    p50, p95 = _keypress_runs(ctx, "quiet")
    figures = {"live_keypress_ms_p95": round(p95, 2), "live_keypress_ms_p50": round(p50, 2)}
    if ctx.shared.get("round_ms"):
        figures["round_next_ms_p95"] = round(percentile(ctx.shared["round_ms"], 95), 2)
    return figures


@measurement("live_keypress_loaded", {
    "live_keypress_ms_p95_loaded": "ms, live_keypress_ms_p95 with one busy background process "
                                   "(python3 -c 'while True: pass') started by the run",
}, targets={"live_keypress_ms_p95_loaded": TARGET_KEYPRESS_P95_LOADED_MS})
def live_keypress_loaded(ctx: Context) -> dict[str, float]:
    with busy_process():
        _, p95 = _keypress_runs(ctx, "loaded")
    return {"live_keypress_ms_p95_loaded": round(p95, 2)}


# -- start-up --------------------------------------------------------------------------------


@measurement("start", {
    "start_ms": "ms, process start to the home screen's first frame, ten-year store (median)",
    "bare_textual_start_ms": "ms, the same for a bare Textual app with the same widgets (median)",
    "start_ratio": "start_ms / bare_textual_start_ms",
}, targets={"start_ratio": TARGET_START_RATIO})
def start_time(ctx: Context) -> dict[str, float]:
    from benchmarks.ui import start_env, time_start

    folder = ctx.ten_year_copy()
    env = start_env(ctx.scratch("start-env"))
    runs = alternate(ctx.reps.start_runs,
                     lambda kind: time_start(kind, folder if kind == "psw" else None, env, ROOT))
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
    return {"start_ms": round(start, 1), "bare_textual_start_ms": round(bare, 1),
            "start_ratio": round(start / bare, 3)}


@measurement("first_key", {
    "first_key_ms": "ms, spawn of psw-tui in a pty (ten-year store) to ctrl+p, typed at once, drawn "
                    "as the palette (median)",
    "bare_textual_first_key_ms": "ms, the same for a bare Textual app with the same widgets (median)",
    "first_key_ratio": "first_key_ms / bare_textual_first_key_ms",
}, targets={"first_key_ratio": TARGET_FIRST_KEY_RATIO}, loadavg=("first_key_ms", "bare_textual_first_key_ms"))
def first_key(ctx: Context) -> dict[str, float]:
    from benchmarks.first_key import COLUMNS, LINES, time_first_key
    from benchmarks.ui import start_env

    folder = ctx.ten_year_copy()
    env = start_env(ctx.scratch("first-key-env"))
    runs = alternate(ctx.reps.first_key_runs,
                     lambda kind: time_first_key(kind, folder if kind == "psw" else None, env, ROOT))
    ctx.done_with(folder)
    for kind, name in (("psw", "psw-tui"), ("bare", "bare Textual")):
        ctx.details.append(
            f"first key {name} (pty {COLUMNS}x{LINES}, ctrl+p typed at the spawn): key drawn at "
            + ", ".join(f"{run['key']:.0f}" for run in runs[kind]) + " ms; first frame at "
            + ", ".join(f"{run['frame']:.0f}" for run in runs[kind]) + " ms"
        )
    psw = statistics.median(run["key"] for run in runs["psw"])
    bare = statistics.median(run["key"] for run in runs["bare"])
    return {"first_key_ms": round(psw, 1), "bare_textual_first_key_ms": round(bare, 1),
            "first_key_ratio": round(psw / bare, 3)}


# -- the live session's transitions (one set of app processes, shared) -----------------------


def flow_runs(ctx: Context) -> list[dict[str, Any]]:
    """The ``flows`` child runs (begin, palette opens, end), made once per run.py run and
    shared by the three measurements that read them."""
    if "flows" not in ctx.shared:
        found = []
        for _ in range(ctx.reps.flow_runs):
            folder = ctx.ten_year_copy()
            found.append(child("flows", str(folder), "--opens", str(ctx.reps.palette_opens)))
            ctx.done_with(folder)
        ctx.shared["flows"] = found
    return ctx.shared["flows"]


@measurement("begin_to_live", {
    "begin_to_live_ms": "ms, Enter on the group agreement (reached by Enter on today's session on home) "
                        "to the live screen's first frame with the clock running (median of processes)",
}, targets={"begin_to_live_ms": TARGET_BEGIN_MS})
def begin_to_live(ctx: Context) -> dict[str, float]:
    times = [run["begin_ms"] for run in flow_runs(ctx)]
    ctx.details.append("begin to live: " + ", ".join(f"{t:.0f}" for t in times) + " ms")
    return {"begin_to_live_ms": round(statistics.median(times), 1)}


@measurement("end_to_debrief", {
    "end_to_debrief_ms": "ms, y on the End session question (from the palette) to the debrief "
                         "screen's first frame (median of processes)",
}, targets={"end_to_debrief_ms": TARGET_END_MS})
def end_to_debrief(ctx: Context) -> dict[str, float]:
    times = [run["end_ms"] for run in flow_runs(ctx)]
    ctx.details.append("end to debrief: " + ", ".join(f"{t:.0f}" for t in times) + " ms")
    return {"end_to_debrief_ms": round(statistics.median(times), 1)}


@measurement("palette_open", {
    "palette_open_ms_p95": "ms, ctrl+p on the live screen to the palette drawn (p95 of every open "
                           "in every process, the first of each included)",
}, targets={"palette_open_ms_p95": TARGET_PALETTE_P95_MS})
def palette_open(ctx: Context) -> dict[str, float]:
    runs = flow_runs(ctx)
    every = [t for run in runs for t in run["palette_ms"]]
    firsts = [run["palette_ms"][0] for run in runs]
    ctx.details.append(
        f"palette open on the live screen: {len(every)} opens, p50 {percentile(every, 50):.1f}, "
        f"p95 {percentile(every, 95):.1f}, max {max(every):.1f} ms; first open of each process "
        + ", ".join(f"{t:.0f}" for t in firsts) + " ms"
    )
    return {"palette_open_ms_p95": round(percentile(every, 95), 2)}
