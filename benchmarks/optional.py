"""Measurements written in their own modules, wired in when the module is there.

Each module offers ``measure(...)`` returning a flat dict of numbers. It runs in a child
process (``run.py --child optional MODULE KWARGS``), like every other measurement, with its
parameters filled by name from what the run has: ``folder`` or ``data_dir`` (a private copy
of the ten-year store, removed afterwards), ``quick``, ``seed``, ``work`` (the run's scratch
folder), ``log`` (lines to the run's log); with ``--quick``, ``runs`` and ``saves`` are made
small. A module that is not there (yet), does not import, or fails is reported in the table
as missing with the reason, and the run goes on. When a module gives keys a built-in
measurement also gives, the module's measurement replaces the built-in one.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.harness import REGISTRY, Context, Measurement, child

# ``--only`` name -> (module, {JSON key: meaning}, upper limits of the keys with a target)
OPTIONAL: dict[str, tuple[str, dict[str, str], dict[str, float]]] = {
    "shareable": ("benchmarks.shareable", {
        "shareable_export_ms_p50": "ms, one session exported shareable (md, txt or html, names replaced), median",
        "shareable_export_ms_p95": "ms, the same, p95",
        "internal_export_ms_p50": "ms, the internal record of the same sessions, median",
        "shareable_names_replaced_mean": "names replaced per shareable export (>= 2 when redaction works)",
    }, {"shareable_export_ms_p50": 20.0}),
    "recovery": ("benchmarks.recovery", {
        "restore_s": "s, psw-tui restore of a backup of the whole ten-year store (median)",
        "import_s": "s, reading, validating and importing a bundle of the whole store into an empty folder",
        "import_bundle_mb": "MB, that bundle",
        "open_store_ms_warm_process": "ms, RecordStore.open (recovery scan included) + headers + groups, "
                                      "repeated in one warm process (median)",
        "recovery_peak_rss_mb": "MB, peak RSS of the process that restored and imported",
    }, {"recovery_peak_rss_mb": 200.0}),
    "crypto": ("benchmarks.crypto_bench", {
        "note_save_ms_p95_encrypted": "ms, p95 note save, ten-year store encrypted at rest (median of runs)",
        "note_save_ms_p95_plain": "ms, the same on the plain store in the same runs",
        "note_save_ratio_encrypted_vs_plain": "note_save_ms_p95_encrypted / note_save_ms_p95_plain",
        "rotate_key_s": "s, change-passphrase with a new data key (every file and a backup sealed again)",
    }, {"note_save_ratio_encrypted_vs_plain": 1.5}),
    "supervision": ("benchmarks.supervision_bench", {
        "overdue_supervision_ms_p50": "ms, the worker's overdue supervision first after opening, ten-year store "
                                      "with ten years of supervision records, median",
        "overdue_supervision_ms_p95": "ms, the same, p95",
        "overdue_supervision_cold_ms_p50": "ms, the same after the store forgot its copies (catalog re-read), median",
    }, {"overdue_supervision_ms_p50": 50.0}),
    "runsheet": ("benchmarks.runsheet_bench", {
        "runsheet_ms_p50": "ms, one run-sheet of a planned session (md/txt/A4/pocket), median",
        "runsheet_ms_p95": "ms, the same, p95",
    }, {"runsheet_ms_p50": 20.0}),
    "calendar": ("benchmarks.calendar_bench", {
        "calendar_export_ms_p50": "ms, .ics of a year of weekly sessions for 6 groups, median",
    }, {"calendar_export_ms_p50": 100.0}),
    "report_chart": ("benchmarks.report_bench", {
        "report_chart_ms_p50": "ms, attendance report and chart, ten years of one group, cold, median",
        "report_chart_warm_ms_p50": "ms, the same run again at once",
    }, {"report_chart_ms_p50": 100.0}),
}
# A module's key that means something else here, or is a built-in key measured another way:
# the built-in open_store_ms is a cold open in a new process (comparable with earlier runs),
# recovery.py's is the median of repeated opens in one warm process.
RENAMES: dict[str, dict[str, str]] = {
    "benchmarks.recovery": {"open_store_ms": "open_store_ms_warm_process", "peak_rss_mb": "recovery_peak_rss_mb"},
}
QUICK_RUNS = 2
ALIASES: dict[str, str] = {}  # a built-in measurement's name -> the module measurement replacing it


def _arguments(module: Any, ctx: Context) -> tuple[dict[str, Any], list[Path]]:
    """JSON-ready keyword arguments for ``module.measure`` by parameter name, and the scratch
    copies to remove afterwards."""
    made: list[Path] = []

    def copy() -> str:
        made.append(ctx.ten_year_copy())
        return str(made[-1])

    providers = {
        "folder": copy, "data_dir": copy, "quick": lambda: ctx.quick, "seed": lambda: ctx.seed,
        "work": lambda: str(ctx.work),
    }
    if ctx.quick:  # fewer repetitions, where the module takes a count
        providers |= {"runs": lambda: QUICK_RUNS, "saves": lambda: ctx.reps.note_saves}
    kwargs: dict[str, Any] = {}
    for name, parameter in inspect.signature(module.measure).parameters.items():
        if name in providers:
            kwargs[name] = providers[name]()
        elif name == "log":
            continue  # the child passes its own
        elif parameter.default is inspect.Parameter.empty:
            raise TypeError(f"{module.__name__}.measure needs {name!r}, which the run cannot give")
    return kwargs, made


def child_optional(module_name: str, kwargs_json: str) -> dict[str, Any]:
    """In a child process: call ``module.measure`` with these arguments (paths as ``Path``)."""
    module = importlib.import_module(module_name)
    kwargs: dict[str, Any] = json.loads(kwargs_json)
    for name in ("folder", "data_dir", "work"):
        if name in kwargs:
            kwargs[name] = Path(kwargs[name])
    if "log" in inspect.signature(module.measure).parameters:
        kwargs["log"] = lambda line: print(line, file=sys.stderr, flush=True)
    return module.measure(**kwargs)


def _present(name: str, module: Any, keys: dict[str, str], targets: dict[str, float]) -> Measurement:
    def run(ctx: Context) -> dict[str, float]:
        made: list[Path] = []
        try:
            kwargs, made = _arguments(module, ctx)
            given = child("optional", module.__name__, json.dumps(kwargs))
            renames = RENAMES.get(module.__name__, {})
            got = {renames.get(key, key): value for key, value in given.items()}
        except Exception as error:  # another helper's module: report it, keep the run going
            lines = str(error).strip().splitlines()
            reason = f"{module.__name__}.measure failed: {lines[-1] if lines else type(error).__name__}"
            ctx.missing.extend((key, reason) for key in keys)
            return {}
        finally:
            for path in made:
                ctx.done_with(path)
        extra = sorted(set(got) - set(keys))
        if extra:
            ctx.details.append(f"{name}: also gave {', '.join(f'{key} {got[key]}' for key in extra)}")
        ctx.missing.extend((key, f"{module.__name__}.measure gave no {key}") for key in keys if key not in got)
        return {key: float(got[key]) for key in keys if key in got}

    return Measurement(name, dict(keys), run, {key: limit for key, limit in targets.items() if key in keys})


def _absent(name: str, keys: tuple[str, ...], reason: str) -> Measurement:
    def run(ctx: Context) -> dict[str, float]:
        ctx.missing.extend((key, reason) for key in keys)
        return {}

    return Measurement(name, {}, run)


def register_optional() -> None:
    """Add each optional module's measurement to the registry (or its "missing" stand-in)."""
    for name, (module_name, keys, targets) in OPTIONAL.items():
        path = module_name.replace(".", "/") + ".py"
        built_in = {key for m in REGISTRY for key in m.keys}
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            reason = f"{path} is not there yet" if error.name == module_name else f"{path}: {error}"
        except Exception as error:  # another helper's module, half written: report, keep going
            reason = f"{path} does not import: {type(error).__name__}: {error}"
        else:
            for old in [m for m in REGISTRY if set(m.keys) & set(keys)]:
                REGISTRY.remove(old)
                ALIASES[old.name] = name
            REGISTRY.append(_present(name, module, keys, targets))
            continue
        # keys a built-in measurement gives are measured there; only the others are missing
        REGISTRY.append(_absent(name, tuple(key for key in keys if key not in built_in), reason))
