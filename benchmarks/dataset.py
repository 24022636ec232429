"""The ten-year data set the benchmarks run on, and its cache.

    python benchmarks/dataset.py [--seed 1]     build (or reuse) the cached data set

:func:`build_ten_year` writes a realistic data folder: six groups (four peer support groups,
group supervision and a reflective practice circle) meeting weekly, fortnightly or every
four weeks for ten years up to :data:`ANCHOR` (about 1,500 sessions, each with an agenda of
about eight segments and its timing log), about 20,000 register rows, 40,000 notes (mostly
anonymous, 5 to 40 words drawn from word pools), 4,000 actions, a few hundred concerns and
1,000 reflections (Gibbs, Driscoll and free). Records are built as validated pydantic
models and imported a calendar year at a time through ``RecordStore.import_bundle``, then
the whole folder is read back and validated with ``verify_store``.

Everything comes from ``random.Random(seed)``, so a seed always gives the same records.
:func:`ensure_cached` builds the folder once under ``benchmarks/out/cache/ten-year-v<N>/
seed-<seed>/`` (with :func:`stock_tinydb_file` beside it); measurements work on copies
(:func:`copy_data`) so they never change the cache. Bump :data:`DATASET_VERSION` whenever
the generator changes. A copy is opened once before it is measured (:func:`settle`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from benchmarks.generator import ANCHOR, GROUPS, THEMES, YEARS, Generator  # noqa: E402
from psw_tui.models import (  # noqa: E402
    Attendance,
    Bundle,
    Group,
    GroupKind,
    RegisterEntry,
    RegisterKind,
    SegmentRun,
    Session,
    SessionBundle,
    SessionStatus,
)
from psw_tui.services.builtin_templates import default_template_for  # noqa: E402
from psw_tui.services.setup import ensure_builtin_templates  # noqa: E402
from psw_tui.storage import RecordStore  # noqa: E402
from psw_tui.storage.verify import verify_store  # noqa: E402

__all__ = ["ANCHOR", "DATASET_VERSION", "CachedDataset", "build_ten_year", "copy_data", "empty_store",
           "ensure_cached", "settle", "start_live_session", "stock_tinydb_file"]

DATASET_VERSION = 2  # 2: built by the storage that keeps a ledger of file versions in the catalog
CACHE_ROOT = Path(__file__).resolve().parent / "out" / "cache"
STOCK_NAME = "stock-tinydb.json"

# -- building ----------------------------------------------------------------------------


def build_ten_year(path: Path, seed: int = 1, *, log: Callable[[str], None] = lambda _: None) -> dict[str, int]:
    """Write the ten-year data set into the (new or empty) data folder ``path``.

    Returns the counts of what was written, checked by reading everything back.
    """
    gen = Generator(seed)
    states = [gen.group(spec) for spec in GROUPS]
    by_year: dict[int, list[SessionBundle]] = {}
    for state in states:
        for day in gen.dates(state.spec):
            status = SessionStatus.CANCELLED if gen.rng.random() < 0.03 else SessionStatus.ENDED
            by_year.setdefault(day.year, []).append(gen.session(state, day, status))
        planned = ANCHOR + timedelta(days=(state.spec.weekday - ANCHOR.weekday()) % 7 + 7)
        by_year.setdefault(planned.year, []).append(gen.session(state, planned, SessionStatus.PLANNED))
    ended = {year: [p.session for p in parts if p.session.status is SessionStatus.ENDED] for year, parts in by_year.items()}
    reflections: dict[int, list[Any]] = {}
    span = (ANCHOR - gen.start).days
    for _ in range(YEARS * 100):
        written = gen.start + timedelta(days=gen.rng.randrange(span))
        earlier = [s for s in ended.get(written.year, []) if s.date <= written][-20:]
        reflections.setdefault(written.year, []).append(gen.reflection(written, earlier))

    counts = dict.fromkeys(("groups", "members", "sessions", "register_rows", "notes", "actions",
                            "concerns", "reflections"), 0)
    with RecordStore.open(path) as store:
        ensure_builtin_templates(store)
        members = [m for state in states for m in gen.members(state)]
        first = True
        for year in sorted(set(by_year) | set(reflections)):
            parts = by_year.get(year, [])
            bundle = Bundle(
                groups=[s.group for s in states] if first else [],
                members=members if first else [],
                sessions=parts,
                reflections=reflections.get(year, []),
            )
            store.import_bundle(bundle)
            first = False
            log(f"  {year}: {len(parts)} sessions, {sum(len(p.notes) for p in parts)} notes")
            counts["sessions"] += len(parts)
            counts["register_rows"] += sum(len(p.register_entries) for p in parts)
            counts["notes"] += sum(len(p.notes) for p in parts)
            counts["actions"] += sum(len(p.actions) for p in parts)
            counts["concerns"] += sum(len(p.concerns) for p in parts)
            counts["reflections"] += len(reflections.get(year, []))
        counts["groups"], counts["members"] = len(states), len(members)
    with RecordStore.open(path, create=False) as store:  # read back and validate everything
        report = verify_store(store)
    if not report.ok:
        raise RuntimeError(f"the generated store does not verify: {report.problems[:3]}")
    for key in ("groups", "members", "sessions", "notes", "reflections"):
        if report.counts[key] != counts[key]:
            raise RuntimeError(f"read back {report.counts[key]} {key}, wrote {counts[key]}")
    return counts


def stock_tinydb_file(path: Path, source: Path | None = None, seed: int = 1) -> Path:
    """Write ONE stock TinyDB ``JSONStorage`` file holding every record of the data set.

    ``source`` is a ten-year data folder (the cached one by default). Tables get TinyDB's
    own integer ids; each record keeps its UUID in an ``id`` field.
    """
    from tinydb import TinyDB

    source = source or ensure_cached(seed).data
    tables: dict[str, dict[str, dict[str, Any]]] = {}

    def add(table: str, docs: dict[str, dict[str, Any]]) -> None:
        rows = tables.setdefault(table, {})
        for record_id, doc in docs.items():
            rows[str(len(rows) + 1)] = {"id": record_id, **doc}

    catalog = json.loads((source / "catalog.json").read_text())
    for name in ("groups", "members", "templates"):
        add(name, catalog.get(name, {}))
    for file in sorted((source / "sessions").glob("*.json")):
        data = json.loads(file.read_text())
        add("sessions", data.get("session", {}))
        for name in ("register", "notes", "actions", "concerns"):
            add(name, data.get(name, {}))
    for file in sorted((source / "reflections").glob("*.json")):
        add("reflections", json.loads(file.read_text()).get("reflections", {}))
    path.unlink(missing_ok=True)
    db = TinyDB(path)  # the stock JSONStorage, as a bare TinyDB app would use it
    try:
        db.storage.write(tables)
    finally:
        db.close()
    return path


# -- live sessions (what the measurements do) ---------------------------------------------

LIVE_REGISTER = 14


def empty_store(path: Path, seed: int = 1) -> Path:
    """A new data folder as on day one: built-in templates and one peer support group."""
    gen = Generator(seed + 7)
    template = default_template_for(GroupKind.PEER_SUPPORT)
    with RecordStore.open(path) as store:
        ensure_builtin_templates(store)
        group = Group(id=gen.id(), name="Tuesday Hearing Voices Group", kind=GroupKind.PEER_SUPPORT,
                      default_template_id=template.id, created_on=ANCHOR)
        store.import_bundle(Bundle(groups=[group]))
    return path


def start_live_session(store: RecordStore, seed: int = 1) -> tuple[Session, Generator]:
    """Start a session in the store's first peer support group, as the app does: the session
    is saved running with its first segment under way and a register of
    :data:`LIVE_REGISTER` rows. Returns it with a generator for the notes to save into it."""
    gen = Generator(seed + 1000)
    group = min((g for g in store.groups.all() if g.kind is GroupKind.PEER_SUPPORT), key=lambda g: g.name)
    template = default_template_for(group.kind)
    agenda = [segment.model_copy(update={"id": gen.id()}) for segment in template.segments]
    started = datetime.now(UTC)
    session = Session(
        id=gen.id(), group_id=group.id, title=f"{group.name}: {gen.rng.choice(THEMES)}", date=ANCHOR,
        start_time=clock_time(14), status=SessionStatus.RUNNING, template_id=template.id,
        agenda=agenda, started_at=started, runs=[SegmentRun(segment_id=agenda[0].id, started_at=started)],
    )
    store.sessions.save(session)
    members = [m for m in store.members.all() if m.group_id == group.id and m.active][:LIVE_REGISTER]
    rows = [RegisterEntry(id=gen.id(), session_id=session.id, member_id=m.id, status=Attendance.PRESENT)
            for m in members]
    rows += [RegisterEntry(id=gen.id(), session_id=session.id, kind=RegisterKind.WALK_IN,
                           display_name=gen.name(), status=Attendance.PRESENT)
             for _ in range(LIVE_REGISTER - len(rows))]
    store.register(session.id).save_many(rows)
    return session, gen


# -- the cache ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CachedDataset:
    """A built data set in the cache: never open ``data`` for writing, copy it."""

    root: Path
    manifest: dict[str, Any]

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def stock(self) -> Path:
        return self.root / STOCK_NAME


def cache_dir(seed: int = 1) -> Path:
    """Where the data set for ``seed`` (and this generator version) is cached."""
    return CACHE_ROOT / f"ten-year-v{DATASET_VERSION}" / f"seed-{seed}"


def folder_bytes(path: Path) -> tuple[int, int]:
    """Total size in bytes and number of files under ``path``."""
    sizes = [p.stat().st_size for p in path.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


def ensure_cached(seed: int = 1, *, log: Callable[[str], None] = lambda _: None) -> CachedDataset:
    """The cached data set for ``seed``, built first if missing (into a temp folder, then renamed)."""
    final = cache_dir(seed)
    manifest = final / "manifest.json"
    if manifest.exists():
        return CachedDataset(final, json.loads(manifest.read_text()))
    for stale in final.parent.glob(f"{final.name}.partial-*"):  # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    partial = final.with_name(f"{final.name}.partial-{os.getpid()}")
    partial.mkdir(parents=True)
    started = time.perf_counter_ns()
    log(f"Building the ten-year data set (seed {seed}) in {final} ...")
    counts = build_ten_year(partial / "data", seed, log=log)
    built = (time.perf_counter_ns() - started) / 1e9
    stock_tinydb_file(partial / STOCK_NAME, partial / "data")
    data_bytes, data_files = folder_bytes(partial / "data")
    info = {
        "version": DATASET_VERSION, "seed": seed, "anchor": ANCHOR.isoformat(), **counts,
        "data_bytes": data_bytes, "data_files": data_files,
        "stock_bytes": (partial / STOCK_NAME).stat().st_size,
        "build_seconds": round(built, 1),
        "total_seconds": round((time.perf_counter_ns() - started) / 1e9, 1),
    }
    (partial / "manifest.json").write_text(json.dumps(info, indent=2) + "\n")
    shutil.rmtree(final, ignore_errors=True)
    os.replace(partial, final)
    log(f"Built in {info['total_seconds']} s: {json.dumps(counts)}")
    return CachedDataset(final, info)


def settle(folder: Path) -> Path:
    """Open a copied data folder once and close it, untimed. The session index fingerprints
    each file by its inode too, so a copy's first open re-indexes every session (and brings
    an older folder up to date with the current code): a real store has been opened before,
    so no measurement should time that one-off pass."""
    with RecordStore.open(folder, create=False) as store:
        store.sessions.headers()
    return folder


def copy_data(cached: CachedDataset, target: Path) -> Path:
    """A private copy of the cached data folder at ``target`` (mtimes kept; see :func:`settle`
    for its first open)."""
    shutil.copytree(cached.data, target, ignore=shutil.ignore_patterns(".lock"))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    cached = ensure_cached(args.seed, log=lambda line: print(line, flush=True))
    print(json.dumps(cached.manifest, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
