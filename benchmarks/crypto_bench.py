#!/usr/bin/env python3
"""Encryption at rest on the ten-year data set: note saves with the version bookkeeping,
and rotating the data key.

    python benchmarks/crypto_bench.py                       figures as JSON on stdout
    python benchmarks/crypto_bench.py --runs 3 --saves 100  a quicker run

or, from other code (``benchmarks/run.py`` could register it)::

    from benchmarks.crypto_bench import measure
    figures = measure(runs=5, saves=200)

Keys (all medians over ``runs``; plain and encrypted runs interleave so drift on the
machine hits both alike):

- ``note_save_ms_p95_encrypted``: p95 of one note saved in a live session, ten-year store
  encrypted at rest (every save seals the session file with its name and version);
- ``note_save_ms_p95_plain``: the same on the plain store, in the same run;
- ``note_save_ratio_encrypted_vs_plain``: the two divided (target <= 1.5);
- ``rotate_key_s``: ``change-passphrase`` with a new data key, every data file and one
  backup encrypted again (seconds, key derivation at the cheapest accepted cost).

Each figure comes from a fresh copy of the cached data set (``benchmarks/dataset.py``) in
a fresh process; note saves are timed as ``run.py``'s ``live`` child times them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_PASSPHRASE = "benchmark passphrase, not a secret"
NEW_PASSPHRASE = "benchmark passphrase, rotated"
TARGET_RATIO = 1.5
KEYS = {
    "note_save_ms_p95_encrypted": "ms, p95 note save, ten-year store encrypted (names and versions sealed)",
    "note_save_ms_p95_plain": "ms, p95 note save, the same store plain, in the same run",
    "note_save_ratio_encrypted_vs_plain": "note_save_ms_p95_encrypted / note_save_ms_p95_plain (target <= 1.5)",
    "rotate_key_s": "s, change-passphrase with a new data key: every file and one backup re-encrypted",
}
CHILD_TIMEOUT = 900

# Only the standard library at module level: children time nothing of their own imports.


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100), linearly interpolated (numpy's default)."""
    data = sorted(values)
    pos = (len(data) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def _child_encrypt(folder: Path) -> dict[str, Any]:
    from psw_tui.storage import RecordStore
    from psw_tui.storage.crypto import KdfParams

    with RecordStore.open(folder, create=False) as store:
        store.enable_encryption(BENCH_PASSPHRASE, KdfParams.fresh(n=2**14))
    RecordStore.open(folder, create=False, passphrase=BENCH_PASSPHRASE).close()  # index caught up
    return {}


def _child_live(folder: Path, saves: int, seed: int, passphrase: str | None) -> dict[str, Any]:
    """Open, list, start a live session and time ``saves`` note saves (as ``run.py`` does)."""
    import gc
    import os

    from benchmarks.dataset import start_live_session
    from psw_tui.storage import RecordStore

    store = RecordStore.open(folder, create=False, passphrase=passphrase)
    store.sessions.headers()
    store.groups.all()
    session, gen = start_live_session(store, seed)
    notes = gen.notes(session, saves)
    gc.collect()
    os.sync()  # a real store is at rest when a session starts
    times = []
    for note in notes:
        started = time.perf_counter_ns()
        store.notes(session.id).save(note)
        times.append((time.perf_counter_ns() - started) / 1e6)
    store.close()
    return {"save_ms": times}


def _child_rotate(folder: Path) -> dict[str, Any]:
    """Take one backup, then time a passphrase change with a new data key."""
    from psw_tui.storage import RecordStore
    from psw_tui.storage.crypto import KdfParams

    with RecordStore.open(folder, create=False, passphrase=BENCH_PASSPHRASE) as store:
        store.backup()
        started = time.perf_counter_ns()
        report = store.change_passphrase(NEW_PASSPHRASE, KdfParams.fresh(n=2**14), rotate=True)
        seconds = (time.perf_counter_ns() - started) / 1e9
    return {"rotate_s": seconds, "files": report.files, "backups": report.backups}


def child(mode: str, *args: str) -> dict[str, Any]:
    """Run this file's ``--child mode args`` in a new interpreter; the JSON it prints."""
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=CHILD_TIMEOUT, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run_child(argv: list[str]) -> int:
    mode, folder = argv[0], Path(argv[1])
    if mode == "encrypt":
        result = _child_encrypt(folder)
    elif mode == "rotate":
        result = _child_rotate(folder)
    else:
        saves, seed = int(argv[2]), int(argv[3])
        result = _child_live(folder, saves, seed, BENCH_PASSPHRASE if mode == "live-encrypted" else None)
    print(json.dumps(result))
    return 0


def measure(runs: int = 5, saves: int = 200, seed: int = 1, work: Path | None = None,
            log: Any = lambda line: None) -> dict[str, float]:
    """The figures described in the module docstring (``work``: a scratch folder)."""
    from benchmarks.dataset import copy_data, ensure_cached

    cached = ensure_cached(seed, log=log)
    scratch = Path(tempfile.mkdtemp(prefix="crypto-bench-", dir=work))
    try:
        sealed = copy_data(cached, scratch / "sealed-source")
        child("encrypt", str(sealed))  # once, then copied
        p95: dict[str, list[float]] = {"plain": [], "encrypted": []}
        for index in range(runs):
            order = ("plain", "encrypted") if index % 2 == 0 else ("encrypted", "plain")
            for kind in order:
                folder = scratch / f"{index}-{kind}"
                if kind == "plain":
                    copy_data(cached, folder)
                else:
                    shutil.copytree(sealed, folder)
                mode = "live" if kind == "plain" else "live-encrypted"
                got = child(mode, str(folder), str(saves), str(seed))
                shutil.rmtree(folder, ignore_errors=True)
                p95[kind].append(percentile(got["save_ms"], 95))
                log(f"  run {index} {kind}: p95 {p95[kind][-1]:.2f} ms")
        rotations = []
        for index in range(max(1, runs // 2)):
            folder = scratch / f"rotate-{index}"
            shutil.copytree(sealed, folder)
            got = child("rotate", str(folder))
            shutil.rmtree(folder, ignore_errors=True)
            rotations.append(got["rotate_s"])
            log(f"  rotation {index}: {got['rotate_s']:.2f} s ({got['files']} files, {got['backups']} backup)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    encrypted, plain = statistics.median(p95["encrypted"]), statistics.median(p95["plain"])
    return {
        "note_save_ms_p95_encrypted": round(encrypted, 3),
        "note_save_ms_p95_plain": round(plain, 3),
        "note_save_ratio_encrypted_vs_plain": round(encrypted / plain, 3),
        "rotate_key_s": round(statistics.median(rotations), 2),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _run_child(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = measure(args.runs, args.saves, args.seed, log=lambda line: print(line, file=sys.stderr, flush=True))
    text = json.dumps(figures, indent=2)
    print(text)
    ratio = figures["note_save_ratio_encrypted_vs_plain"]
    print(f"target encrypted/plain <= {TARGET_RATIO:g}: {'MET' if ratio <= TARGET_RATIO else 'MISSED'}",
          file=sys.stderr)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
