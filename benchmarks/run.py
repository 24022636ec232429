#!/usr/bin/env python3
"""Measure psw-tui on a ten-year data set: storage, and the app as a user drives it.

    python benchmarks/run.py --json benchmarks/out/latest.json          full run
    python benchmarks/run.py --json OUT.json --quick                    fewer repetitions
    python benchmarks/run.py --only note_save,open_store                some measurements

Prints a table and writes ONE flat JSON object of numbers (see README.md for each key).
Every key with a target has its run's 1-minute load average beside it (``<key>_loadavg``).
The data set is built once and cached (``benchmarks/dataset.py``); every measurement works
on a fresh copy of it, in a fresh Python process, so nothing measured changes the cache and
no measurement inherits another's heap or imports. Timings use ``time.perf_counter``.

The measurements live in ``store_figures.py`` (storage), ``app_figures.py`` (the app) and,
wired in when they are there, the modules listed in ``optional.py``. To add one, see
``harness.measurement`` and the README.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402 - after the path is set
    BENCH_PASSPHRASE,
    FULL,
    OUT,
    QUICK,
    REGISTRY,
    Context,
    Measurement,
    background_io,
    child,
    load_average,
    ms,
    percentile,
)

__all__ = ["BENCH_PASSPHRASE", "child", "main", "percentile"]  # what benchmarks/crypto_bench.py uses

# Only the standard library and the harness are imported at module level: child processes
# (``run.py --child``) time their own imports of psw-tui, TinyDB, pydantic and Textual.


def load_measurements() -> None:
    """Register every measurement (once), in the order they run."""
    import benchmarks.app_figures  # noqa: F401
    import benchmarks.store_figures  # noqa: F401
    from benchmarks.optional import OPTIONAL, register_optional

    if not any(m.name in OPTIONAL for m in REGISTRY):
        register_optional()
    order = ["dataset", "note_save", "note_save_encrypted", "crypto", "open_store", "recovery", "peak_rss",
             "bare_tinydb", "search", "report", "export", "shareable", "start", "first_key", "begin_to_live",
             "palette_open", "end_to_debrief", "live_keypress", "live_keypress_loaded"]
    REGISTRY.sort(key=lambda m: order.index(m.name) if m.name in order else len(order))


def shown(value: float) -> str:
    """A figure for the table: integers with separators, decimals without trailing zeros."""
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def table(ctx: Context, seconds: float) -> str:
    """The results, each with its meaning, target and load average; then the details."""
    results = ctx.results
    keys = {key: text for m in REGISTRY for key, text in m.keys.items()}
    targets = {key: limit for m in REGISTRY for key, limit in m.targets.items()}
    names = [key for key in results if not key.endswith("_loadavg")] + [key for key, _ in ctx.missing]
    width = max((len(key) for key in names), default=10)
    lines = [f"{'key'.ljust(width)}  {'value':>10}  {'target':>13}  {'load':>5}  meaning", "-" * (width + 100)]
    for key in names:
        if key not in results:
            continue
        target = ""
        if key in targets:
            target = f"<= {shown(targets[key])} " + ("MET" if results[key] <= targets[key] else "MISSED")
        load = results.get(f"{key}_loadavg")
        lines.append(f"{key.ljust(width)}  {shown(results[key]):>10}  {target:>13}  "
                     f"{'' if load is None else f'{load:.2f}':>5}  {keys.get(key, '')}")
    for key, reason in ctx.missing:
        lines.append(f"{key.ljust(width)}  {'missing':>10}  {'':>13}  {'':>5}  {reason}")
    lines.append("")
    lines.extend(ctx.details)
    p95, bare = results.get("note_save_ms_p95"), results.get("bare_tinydb_insert_ms")
    if p95 is not None and bare:
        lines.append(f"bare TinyDB single insert / psw-tui note save p95: {bare / p95:,.0f}x")
    lines.append(f"total runtime: {seconds:.1f} s")
    return "\n".join(lines)


def run_one(ctx: Context, m: Measurement) -> None:
    """Run one measurement, check its keys, and note the load average beside its targets."""
    ctx.log(f"{m.name} ...")
    before = time.perf_counter_ns()
    got = m.run(ctx)
    missing = {key for key, _ in ctx.missing}
    if not set(got) <= set(m.keys) or not set(m.keys) <= set(got) | missing:
        raise RuntimeError(f"{m.name} returned {sorted(got)}, declared {sorted(m.keys)}")
    load = round(load_average(), 2)
    ctx.results.update(got)
    for key in m.load_keys:
        if key in got:
            ctx.results[f"{key}_loadavg"] = load
    ctx.log(f"  {m.name}: {ms(time.perf_counter_ns() - before) / 1000:.1f} s (load average {load:.2f})")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        from benchmarks.children import run_child

        return run_child(argv[1:])
    load_measurements()
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
        from benchmarks.optional import ALIASES

        names = {ALIASES.get(name, name) for name in args.only.split(",")}
        unknown = names - {m.name for m in REGISTRY}
        if unknown:
            parser.error(f"unknown measurement(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(m.name for m in REGISTRY)}")
        chosen = [m for m in REGISTRY if m.name in names]

    started = time.perf_counter_ns()
    work = OUT / "work" / f"run-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ctx = Context(QUICK if args.quick else FULL, args.seed, work,
                  log=lambda line: print(line, file=sys.stderr, flush=True), quick=args.quick)
    idle = [background_io()]
    try:
        for m in chosen:
            run_one(ctx, m)
    finally:
        if not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    idle.append(background_io())
    seconds = ms(time.perf_counter_ns() - started) / 1000
    if idle[0] is not None and idle[1] is not None:
        ctx.details.append(f"background I/O wait (PSI, 1 s idle sample) before/after: "
                           f"{idle[0]:.0%}/{idle[1]:.0%}")
        if max(idle[0], idle[1]) > 0.02:
            ctx.details.append("WARNING: another process was doing I/O; fsync tails (p95) are noisy. "
                               "Rerun on a quiet machine before quoting them.")
    ctx.details.append(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
                       f"on {os.cpu_count()} CPUs")
    print(table(ctx, seconds))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(ctx.results, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
