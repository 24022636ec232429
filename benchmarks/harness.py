"""The benchmark harness: the registry of measurements, their context, and the machine.

A measurement is a function ``fn(ctx: Context) -> dict[str, float]`` registered with
:func:`measurement`. ``run.py`` runs the registered ones in order, checks each returns
exactly the keys it declared, and records the 1-minute load average next to every key
that has a target (``<key>_loadavg``), since figures from a busy machine are not figures
from a quiet one.

Only the standard library is imported here: child processes time their own imports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
RUN_PY = ROOT / "benchmarks" / "run.py"
CHILD_TIMEOUT = 300
BUSY_CODE = "while True: pass"
BENCH_PASSPHRASE = "benchmark passphrase, not a secret"


def ms(ns: int) -> float:
    """Nanoseconds as milliseconds."""
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
    cmd = [sys.executable, str(RUN_PY), "--child", mode, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=CHILD_TIMEOUT, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def load_average() -> float:
    """The machine's 1-minute load average (0 where the OS does not report one)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


@contextmanager
def busy_process() -> Iterator[subprocess.Popen[bytes]]:
    """One busy background process (``python3 -c 'while True: pass'``) for as long as the
    block runs; it is killed when the block ends, however it ends."""
    process = subprocess.Popen([sys.executable, "-c", BUSY_CODE], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield process
    finally:
        process.kill()
        process.wait()


# -- the registry ----------------------------------------------------------------------


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
    flow_runs: int = 7  # app processes that begin a session, open the palette, end it
    palette_opens: int = 20  # palette opens per flow process
    first_key_runs: int = 7  # pty starts of psw-tui and of the bare app, alternating


FULL = Repetitions()
QUICK = Repetitions(note_runs=3, note_saves=100, open_runs=3, rss_runs=1, bare_inserts=2,
                    keypress_runs=1, keypress_pairs=12, start_runs=3, flow_runs=2,
                    palette_opens=8, first_key_runs=3)


@dataclass
class Context:
    """What a measurement gets: repetitions, the cached data set, a scratch folder, notes."""

    reps: Repetitions
    seed: int
    work: Path
    log: Callable[[str], None]
    quick: bool = False
    results: dict[str, float] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    shared: dict[str, Any] = field(default_factory=dict)  # runs one measurement shares with another
    missing: list[tuple[str, str]] = field(default_factory=list)  # (key, why it has no figure)
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
        """A private copy of the cached ten-year data folder, opened once (untimed) so that
        its session index matches its files, as a store in use does."""
        from benchmarks.dataset import copy_data, settle

        return settle(copy_data(self.dataset, self.scratch("ten-year")))

    def done_with(self, path: Path) -> None:
        """Remove a scratch copy."""
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


@dataclass(frozen=True)
class Measurement:
    """A registered measurement: its ``--only`` name, its keys, targets and function."""

    name: str
    keys: dict[str, str]  # JSON key -> unit and meaning, for the table
    run: Callable[[Context], dict[str, float]]
    targets: dict[str, float] = field(default_factory=dict)  # JSON key -> upper limit
    loadavg: tuple[str, ...] = ()  # keys with a load average beside them besides the targets

    @property
    def load_keys(self) -> list[str]:
        """The keys that get a ``<key>_loadavg`` beside them in the JSON."""
        return [key for key in self.keys if key in self.targets or key in self.loadavg]


REGISTRY: list[Measurement] = []
MeasureFn = Callable[[Context], dict[str, float]]


def measurement(
    name: str,
    keys: dict[str, str],
    *,
    targets: dict[str, float] | None = None,
    loadavg: tuple[str, ...] = (),
) -> Callable[[MeasureFn], MeasureFn]:
    """Register ``fn`` as the measurement ``name`` producing exactly ``keys``; ``targets``
    maps keys to their upper limits (the table says MET or MISSED)."""

    def register(fn: MeasureFn) -> MeasureFn:
        REGISTRY.append(Measurement(name, keys, fn, dict(targets or {}), loadavg))
        return fn

    return register


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
    after = io_stall_us()
    return None if after is None else (after - before) / (seconds * 1e6)
