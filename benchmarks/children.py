"""The child processes of the storage measurements: each runs in a new interpreter
(``run.py --child MODE PATH ...``) and prints one JSON line.

Each imports psw-tui itself, so import time and heap never leak from one measurement into
another. The app's own children (``keypress``, ``flows``) live in ``benchmarks/ui.py`` and
``benchmarks/flows.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import ms

SEARCH_WORDS = ("hope", "group", "sleep", "tired", "family", "voices", "kindness", "money",
                "walk", "routine", "stigma", "crisis", "boundaries", "garden", "lonely", "music",
                "housing", "grief", "courage", "breathing")


def rss_mb() -> float:
    """This process's peak resident memory in MB."""
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


MODES = ("open", "live", "bare", "search", "report", "export", "encrypt", "keypress", "flows")


def run_child(argv: list[str]) -> int:
    """Run one child mode and print its result as one JSON line."""
    if argv[:1] == ["optional"]:  # run.py --child optional MODULE KWARGS_JSON (optional.py)
        from benchmarks.optional import child_optional

        print(json.dumps(child_optional(argv[1], argv[2])))
        return 0
    parser = argparse.ArgumentParser(prog="run.py --child")
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("path", type=Path)
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--inserts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--empty", action="store_true")
    parser.add_argument("--passphrase", default=None)
    parser.add_argument("--pairs", type=int, default=12)
    parser.add_argument("--opens", type=int, default=8)
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
        from benchmarks.ui import child_keypress

        result = child_keypress(args.path, args.pairs)
    elif args.mode == "flows":
        from benchmarks.flows import child_flows

        result = child_flows(args.path, args.opens)
    else:
        result = child_bare(args.path, args.inserts)
    print(json.dumps(result))
    return 0
