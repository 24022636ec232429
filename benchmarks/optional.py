"""Measurements written in their own modules, wired in when the module is there.

Each module offers ``measure(...)`` returning a flat dict of numbers. Its parameters are
filled by name from what the run has (``ctx``, ``folder`` or ``data_dir``: a private copy
of the ten-year store, ``quick``, ``seed``, ``work``: the run's scratch folder, ``log``,
``dataset``: the cached data set; with ``--quick``, ``runs`` and ``saves`` are made small). A module that is not there (yet) is reported in the table as missing,
with the keys it would give, and the run goes on. When a module gives keys a built-in
measurement also gives, the module's measurement replaces the built-in one.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

from benchmarks.harness import REGISTRY, Context, Measurement

# ``--only`` name -> (module, keys it gives, upper limits of those with a target)
OPTIONAL: dict[str, tuple[str, tuple[str, ...], dict[str, float]]] = {
    "shareable": ("benchmarks.shareable", ("shareable_export_ms_p50",), {"shareable_export_ms_p50": 20.0}),
    "recovery": ("benchmarks.recovery", ("restore_s", "import_s", "open_store_ms"), {}),
    "crypto": ("benchmarks.crypto_bench",
               ("note_save_ms_p95_encrypted", "note_save_ms_p95_plain", "note_save_ratio_encrypted_vs_plain",
                "rotate_key_s"),
               {"note_save_ratio_encrypted_vs_plain": 1.5}),
}


QUICK_RUNS = 2


def _arguments(fn: Callable[..., Any], ctx: Context) -> tuple[dict[str, Any], list[Any]]:
    """Keyword arguments for ``fn`` by parameter name, and scratch copies to remove after."""
    made: list[Any] = []

    def copy() -> Any:
        made.append(ctx.ten_year_copy())
        return made[-1]

    providers: dict[str, Callable[[], Any]] = {
        "ctx": lambda: ctx, "context": lambda: ctx, "folder": copy, "data_dir": copy,
        "quick": lambda: ctx.quick, "seed": lambda: ctx.seed, "dataset": lambda: ctx.dataset,
        "work": lambda: ctx.work, "log": lambda: ctx.log,
    }
    if ctx.quick:  # fewer repetitions, where the module takes a count
        providers |= {"runs": lambda: QUICK_RUNS, "saves": lambda: ctx.reps.note_saves}
    kwargs: dict[str, Any] = {}
    for name, parameter in inspect.signature(fn).parameters.items():
        if name in providers:
            kwargs[name] = providers[name]()
        elif parameter.default is inspect.Parameter.empty:
            raise TypeError(f"{fn.__module__}.measure needs {name!r}, which the run cannot give")
    return kwargs, made


def _present(name: str, module: Any, keys: tuple[str, ...], targets: dict[str, float]) -> Measurement:
    def run(ctx: Context) -> dict[str, float]:
        made: list[Any] = []
        try:
            kwargs, made = _arguments(module.measure, ctx)
            got = module.measure(**kwargs)
        except Exception as error:  # another helper's module: report it, keep the run going
            reason = f"{module.__name__}.measure failed: {type(error).__name__}: {error}".splitlines()[0]
            ctx.missing.extend((key, reason) for key in keys)
            return {}
        finally:
            for path in made:
                ctx.done_with(path)
        extra = sorted(set(got) - set(keys))
        if extra:
            ctx.details.append(f"{name}: also gave {', '.join(extra)} (not declared here)")
        ctx.missing.extend((key, f"{module.__name__}.measure gave no {key}") for key in keys if key not in got)
        return {key: float(got[key]) for key in keys if key in got}

    meanings = getattr(module, "KEYS", {})
    return Measurement(name, {key: meanings.get(key, f"from {module.__name__}") for key in keys}, run,
                       {key: limit for key, limit in targets.items() if key in keys})


def _absent(name: str, keys: tuple[str, ...], reason: str) -> Measurement:
    def run(ctx: Context) -> dict[str, float]:
        ctx.missing.extend((key, reason) for key in keys)
        return {}

    return Measurement(name, {}, run)


ALIASES: dict[str, str] = {}  # a built-in measurement's name -> the module measurement replacing it


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
