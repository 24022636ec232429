"""The storage measurements: note saves, opening, memory, bare TinyDB, search, reports,
exports, on the ten-year data set (see README.md for each key)."""

from __future__ import annotations

import shutil
import statistics

from benchmarks.harness import BENCH_PASSPHRASE, Context, child, measurement, percentile

TARGET_NOTE_P95_MS = 10.0
TARGET_NOTE_RATIO = 1.5
TARGET_EXPORT_MS = 50.0
TARGET_ENCRYPTED_RATIO = 1.5  # issue 11: with the version bookkeeping


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
}, targets={"note_save_ms_p95": TARGET_NOTE_P95_MS, "note_save_ratio_ten_year_vs_empty": TARGET_NOTE_RATIO})
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


@measurement("note_save_encrypted", {
    "note_save_ms_p95_encrypted": "ms, p95 note save, ten-year store encrypted at rest (median of runs)",
    "note_save_ratio_encrypted_vs_plain": "note_save_ms_p95_encrypted / plain p95 in the same runs",
}, targets={"note_save_ratio_encrypted_vs_plain": TARGET_ENCRYPTED_RATIO})
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


@measurement("export", {
    "export_ms_p50": "ms, one ended session to Markdown (internal record) in the ten-year store (median)",
}, targets={"export_ms_p50": TARGET_EXPORT_MS})
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
