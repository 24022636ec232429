"""Recovery figures on the ten-year store: restore, import, and open with the recovery scan.

    .venv/bin/python benchmarks/run.py --only recovery       (through the run, in a child)
    .venv/bin/python -m benchmarks.recovery                   (on its own, on a cached copy)

:func:`measure` returns

- ``restore_s``: ``psw-tui restore`` of a backup of the whole store (the current files are
  backed up first, the backup's files staged beside the data and switched in by the
  journal), median of ``runs``;
- ``import_s``: reading, validating and importing a bundle of the whole store (about 30 MB of
  JSON) into an empty folder, median of ``runs``;
- ``open_store_ms``: ``RecordStore.open`` (journal check, temp-file sweep, index
  reconciliation, orphan scan) plus listing the session headers and groups, median of
  ``5 * runs`` opens in this warm process;

and, beside them, ``import_bundle_mb`` and ``peak_rss_mb`` (the child's high-water mark).
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from psw_tui.services.bundles import export_bundle, parse_bundle  # noqa: E402
from psw_tui.storage import RecordStore, restore_backup  # noqa: E402
from psw_tui.storage.bundle_files import read_json_file  # noqa: E402


def _seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _open_ms(folder: Path) -> float:
    started = time.perf_counter()
    store = RecordStore.open(folder, create=False)
    try:
        store.sessions.headers()
        store.groups.all()
    finally:
        store.close()
    return (time.perf_counter() - started) * 1000


def measure(
    folder: Path, work: Path, runs: int = 3, log: Callable[[str], None] = lambda _: None
) -> dict[str, float]:
    """The recovery figures for the ten-year store copied at ``folder`` (changed: restored
    in place); scratch files go under ``work`` and are removed."""
    scratch = Path(work) / "recovery-scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        _open_ms(folder)  # warm the imports and the page cache once
        opens = [_open_ms(folder) for _ in range(5 * runs)]
        log(f"recovery: open {statistics.median(opens):.1f} ms")

        with RecordStore.open(folder, create=False) as store:
            bundle_file = scratch / "everything.json"
            bundle_file.write_text(export_bundle(store).model_dump_json())
            backup = store.backup()
        restores = [_seconds(lambda: restore_backup(folder, backup)) for _ in range(runs)]
        log(f"recovery: restore {statistics.median(restores):.2f} s")

        imports = []
        for run in range(runs):
            target = scratch / f"import-{run}"

            def import_all(target: Path = target) -> None:
                bundle = parse_bundle(read_json_file(bundle_file))
                with RecordStore.open(target) as empty:
                    empty.import_bundle(bundle)

            imports.append(_seconds(import_all))
            shutil.rmtree(target, ignore_errors=True)
        log(f"recovery: import {statistics.median(imports):.2f} s")
        return {
            "restore_s": round(statistics.median(restores), 3),
            "import_s": round(statistics.median(imports), 3),
            "open_store_ms": round(statistics.median(opens), 2),
            "import_bundle_mb": round(bundle_file.stat().st_size / 1e6, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    """Measure on a private copy of the cached ten-year data set and print the figures."""
    from benchmarks.dataset import copy_data, ensure_cached

    cached = ensure_cached(log=lambda line: print(line, file=sys.stderr))
    work = ROOT / "benchmarks" / "out" / "work" / "recovery"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        folder = copy_data(cached, work / "data")
        figures = measure(folder, work, log=lambda line: print(line, file=sys.stderr))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
