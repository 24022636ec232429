"""``psw-tui calendar``: planned sessions and series as an .ics calendar, headless.

    psw-tui calendar [--group NAME] [--from DATE] [--to DATE] -o FILE.ics [--force]

Reads a consistent snapshot without the folder's lock (so it works while psw-tui is open).
The file is written atomically and owner-only, never over an existing file unless ``--force``.
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psw_tui.cli_common import EXIT_OK, CliError, UsageError, open_snapshot
from psw_tui.cli_privacy import warn_if_export_unencrypted

if TYPE_CHECKING:
    from psw_tui.services.calendar import CalendarExport
    from psw_tui.storage import RecordStore


def add_calendar_parser(commands: Any) -> None:
    """Add the ``calendar`` subcommand to the CLI's subparsers."""
    calendar = commands.add_parser(
        "calendar",
        help="write planned sessions and series as a calendar file (.ics)",
        description="Write planned sessions and series (as repeating events) to an .ics file "
        "for Google, Apple or Outlook calendars. Exporting again updates the same events. "
        "Titles never carry a member's name.",
    )
    calendar.add_argument("--group", metavar="NAME", help="only this group (name, any case)")
    calendar.add_argument("--from", dest="start", metavar="DATE",
                          help="first date (YYYY-MM-DD; default today)")
    calendar.add_argument("--to", dest="end", metavar="DATE", help="last date (YYYY-MM-DD; default: no end)")
    calendar.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                          help="the .ics file to write")
    calendar.add_argument("--force", action="store_true", help="overwrite the file if it exists")


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (use YYYY-MM-DD)", "calendar") from None


def cmd_calendar(args: argparse.Namespace, data_dir: Path) -> int:
    """Run ``psw-tui calendar``."""
    # imported when the command runs: start-up (icalendar is heavy)
    from psw_tui.services.calendar import NothingToExport, build_calendar
    from psw_tui.services.exports.select import SessionNotFound, find_group
    from psw_tui.storage.export_files import check_target, write_export

    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to", "calendar")
    if not str(args.output).strip():
        raise UsageError("give a file name with -o", "calendar")
    target = check_target(args.output, force=args.force)  # before any reading: a bad path fails fast

    def read(store: RecordStore) -> CalendarExport:
        try:
            group_id = find_group(store, args.group).id if args.group else None
            return build_calendar(store, today=date.today(), now=datetime.now(UTC),
                                  group_id=group_id, start=start, end=end)
        except (SessionNotFound, NothingToExport) as error:
            raise CliError(f"{error}; nothing was written") from None

    with open_snapshot(data_dir) as store:  # no lock: works while the app is open
        warn_if_export_unencrypted(store, target)
        result = store.read_consistent(read)
    path = write_export(target, result.data, force=args.force)
    print(f"Wrote {path}: {result.sentence()}.")
    return EXIT_OK
