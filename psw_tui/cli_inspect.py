"""``psw-tui sessions`` and ``psw-tui check``: looking at the data, also while the app is open.

Both read a consistent snapshot without the folder's lock (see ``storage.snapshot``), so they
work beside a running psw-tui. A damaged session file blocks only itself: it is listed as
damaged and everything else is shown. ``check --repair`` takes the lock and puts right what
it can (from a backup, or by setting a damaged file aside: nothing is deleted).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psw_tui.cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    CliError,
    format_counts,
    open_snapshot,
    report,
    source,
)
from psw_tui.models import SessionHeader
from psw_tui.storage import RecordStore, StoreCorrupt

if TYPE_CHECKING:
    from psw_tui.storage.verify import VerifyReport

DAMAGED = "damaged"


def _rows(store: RecordStore, group_name: str | None) -> list[dict[str, str]]:
    groups = {group.id: group for group in store.groups.all()}
    group_id = None
    if group_name:
        matches = [g for g in groups.values() if g.name.casefold() == group_name.casefold()]
        if not matches:
            raise CliError(f"no group named {group_name!r}")
        group_id = matches[0].id
    damaged = {item.session_id for item in store.sessions.damaged()}
    return [_row(h, groups, h.id in damaged) for h in store.sessions.headers(group_id)]


def _row(header: SessionHeader, groups: dict[Any, Any], damaged: bool) -> dict[str, str]:
    return {
        "id": str(header.id),
        "date": header.date.isoformat(),
        "time": header.start_time.strftime("%H:%M") if header.start_time else "",
        "group": groups[header.group_id].name if header.group_id in groups else "?",
        "title": header.title,
        "status": DAMAGED if damaged else header.status.value,
    }


def cmd_sessions(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui sessions``: every session, damaged ones marked as such."""
    with open_snapshot(data_dir) as store:
        rows = store.read_consistent(lambda snapshot: _rows(snapshot, args.group))
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("No sessions.")
        return EXIT_OK
    width = max(len(row["group"]) for row in rows)
    for row in rows:
        print(f"{row['id']}  {row['date']} {row['time']:5}  {row['group']:{width}}  {row['status']}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui check [--repair]``: read every file; with ``--repair``, put right what is wrong."""
    from psw_tui.storage.verify import verify_store  # imported when the command runs: start-up

    if args.repair:
        return _repair(data_dir)
    with open_snapshot(data_dir, announce=False) as store:
        found = store.read_consistent(verify_store)
    return _show(found, data_dir, "psw-tui check --repair puts right what it can (a backup is taken first)")


def _show(found: VerifyReport, data_dir: Path, next_step: str) -> int:
    for line in found.recovered:
        print(f"On opening: {line}")
    if found.ok:
        print(f"OK: {data_dir}: " + format_counts(found.counts))
        return EXIT_OK
    for problem in found.problems:
        report(problem)
    report(next_step)
    return EXIT_FAILED


def _repair(data_dir: Path) -> int:
    from psw_tui.storage.repair import repair_store  # imported when the command runs: start-up
    from psw_tui.storage.verify import VerifyReport, verify_store

    try:  # not open_store: a damaged catalog is rebuilt here, not replaced by a backup
        store = source().run(lambda phrase: RecordStore.open(data_dir, create=False, passphrase=phrase))
    except StoreCorrupt as error:
        if error.path.name != "catalog.json":
            raise
        return _rebuild(data_dir, error)
    with store:
        found = verify_store(store)
        for line in found.recovered:
            print(f"On opening: {line}")
        if found.ok:
            print(f"OK: {data_dir}: nothing to repair; " + format_counts(found.counts))
            return EXIT_OK
        done = repair_store(store, found.damaged_years)
        for line in done.done:
            print(f"Repaired: {line}")
        for line in done.left:
            report(f"not repaired: {line}")
        after = verify_store(store)
    return _show(
        VerifyReport(counts=after.counts, problems=after.problems),
        data_dir,
        "these could not be repaired here; psw-tui restore FILE brings back a whole backup",
    )


def _rebuild(data_dir: Path, error: StoreCorrupt) -> int:
    """The catalog itself is damaged: rebuild it from the session files (a backup first)."""
    from psw_tui.storage.repair import RepairRefused, rebuild  # imported when the command runs: start-up
    from psw_tui.storage.verify import verify_store

    report(str(error))
    try:
        rebuilt = source().run(lambda phrase: rebuild(data_dir, phrase))
    except RepairRefused as refused:
        raise CliError(str(refused)) from None
    print(rebuilt.summary())
    with open_snapshot(data_dir, announce=False) as store:
        after = store.read_consistent(verify_store)
    return _show(after, data_dir, "psw-tui check --repair again puts right what is left")
