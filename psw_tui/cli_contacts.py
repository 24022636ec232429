"""``psw-tui contacts``: the one-to-one contact log and its workload, also while the app is open.

It reads a consistent snapshot without the folder's lock (see ``storage.snapshot``), like
``sessions`` and ``export``. Only what the log holds is shown: date, kind, minutes, the
pseudonymous label and whether a debrief was needed; never the debrief itself.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from psw_tui.cli_common import EXIT_OK, UsageError, open_snapshot
from psw_tui.models.worker import Contact, ContactKind
from psw_tui.storage import RecordStore

COMMAND = "contacts"


def add_contacts_parser(commands: Any) -> None:
    """Add the ``contacts`` subcommand to the CLI's subparsers."""
    parser = commands.add_parser(
        COMMAND, help="list one-to-one contacts, with contacts and hours per kind",
        description="List the one-to-one contacts logged between two dates (both included), "
        "then the contacts and hours per kind. Works while psw-tui is open on the folder.",
    )
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day, YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (use YYYY-MM-DD)", COMMAND) from None


def _totals(contacts: list[Contact]) -> dict[str, dict[str, float]]:
    totals = {kind.value: {"contacts": 0, "minutes": 0} for kind in ContactKind}
    for contact in contacts:
        totals[contact.kind.value]["contacts"] += 1
        totals[contact.kind.value]["minutes"] += contact.minutes
    return totals


def _row(contact: Contact) -> dict[str, Any]:
    return {
        "date": contact.date.isoformat(),
        "kind": contact.kind.value,
        "minutes": contact.minutes,
        "label": contact.label or "",
        "debrief_needed": contact.debrief_needed,
    }


def cmd_contacts(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui contacts [--from DATE] [--to DATE] [--json]``."""
    from psw_tui.services.contacts import KIND_LABELS, contacts_between  # imported when the command runs: start-up

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if start and end and end < start:
        raise UsageError(f"--to {end.isoformat()} is before --from {start.isoformat()}", COMMAND)

    def read(store: RecordStore) -> list[Contact]:
        return contacts_between(store, start, end)

    with open_snapshot(data_dir) as store:
        contacts = store.read_consistent(read)
    contacts.reverse()  # oldest first on the terminal
    totals = _totals(contacts)
    if args.json:
        out = {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
            "contacts": [_row(c) for c in contacts],
            "totals": totals,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not contacts:
        print("No contacts logged" + (" in that period." if start or end else "."))
        return EXIT_OK
    width = max(len(KIND_LABELS[c.kind]) for c in contacts)
    for contact in contacts:
        debrief = "  debrief needed" if contact.debrief_needed else ""
        label = contact.label or "—"
        print(f"{contact.date.isoformat()}  {KIND_LABELS[contact.kind]:{width}}  {contact.minutes:>4} min  "
              f"{label}{debrief}")
    print()
    for kind in ContactKind:
        count, minutes = totals[kind.value]["contacts"], totals[kind.value]["minutes"]
        if count:
            print(f"{KIND_LABELS[kind]}: {count} contact{'s' if count != 1 else ''}, {minutes / 60:.1f} h")
    all_minutes = sum(c.minutes for c in contacts)
    print(f"Total: {len(contacts)} contact{'s' if len(contacts) != 1 else ''}, {all_minutes / 60:.1f} h")
    return EXIT_OK
