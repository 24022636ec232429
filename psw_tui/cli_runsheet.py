"""``psw-tui runsheet``: the facilitator's printable plan of a planned or running session.

    psw-tui runsheet SESSION --format md|txt|html [--pocket] [--with-register] [-o FILE] [--force]

SESSION is an id or a unique prefix of one (``psw-tui sessions`` lists them). Without ``-o``
the run-sheet is printed. Like ``export`` it reads a snapshot without taking the folder's
lock, so it works while the app is open. No member names unless ``--with-register``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psw_tui.cli_common import EXIT_OK, CliError, UsageError, open_snapshot
from psw_tui.cli_privacy import warn_if_export_unencrypted
from psw_tui.services.export_formats import RunsheetFormat

if TYPE_CHECKING:
    from psw_tui.services.runsheet import Runsheet
    from psw_tui.storage import RecordStore

COMMAND = "runsheet"


def add_runsheet_parser(commands: Any) -> None:
    """Add the ``runsheet`` subcommand to the CLI's subparsers."""
    runsheet = commands.add_parser(
        COMMAND,
        help="print a planned session's run-sheet: times, prompts, agreement, signposting",
        description="The facilitator's plan of a planned or running session: the agenda with "
        "clock times from its start time, each segment's minutes, kind and prompts, protected "
        "segments, the check-in question, the group agreement and the group's signposting "
        "list. No member names unless --with-register.",
    )
    runsheet.add_argument("session", metavar="SESSION", help="session id or unique prefix")
    runsheet.add_argument(
        "--format", "-f", required=True, choices=[f.value for f in RunsheetFormat],
        help="md, txt (plain, 72 columns) or html (printable A4; with --pocket an A6 card)",
    )
    runsheet.add_argument("--pocket", action="store_true",
                          help="an A6 pocket card in large type, for walk and talk (html only)")
    runsheet.add_argument("--with-register", action="store_true",
                          help="add a paper register: the roster's names beside blank boxes")
    runsheet.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE; default: print it")
    runsheet.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def cmd_runsheet(args: argparse.Namespace, data_dir: Path) -> int:
    """Run ``psw-tui runsheet``."""
    # imported when the command runs: start-up
    from psw_tui.services.exports.runsheet_render import render_runsheet, save_runsheet
    from psw_tui.services.exports.select import SessionNotFound, find_session
    from psw_tui.services.runsheet import NoRunsheet, build_runsheet

    fmt = RunsheetFormat(args.format)
    if args.pocket and fmt is not RunsheetFormat.HTML:
        raise UsageError("--pocket is an HTML card; use it with --format html", COMMAND)

    def read(store: RecordStore) -> Runsheet:
        try:
            header = find_session(store, args.session)
            return build_runsheet(store, header.id, with_register=args.with_register)
        except (SessionNotFound, NoRunsheet) as error:
            raise CliError(str(error)) from None

    with open_snapshot(data_dir) as store:  # no lock: works while the app is open
        warn_if_export_unencrypted(store, args.output)
        sheet = store.read_consistent(read)
    if args.output is None:
        sys.stdout.write(render_runsheet(sheet, fmt, pocket=args.pocket))
        sys.stdout.flush()
        return EXIT_OK
    path = save_runsheet(sheet, fmt, args.output, pocket=args.pocket, force=args.force)
    what = "pocket card" if args.pocket else "run-sheet"
    names = "with a paper register (it names the group's members)" if args.with_register else "no member names"
    print(f"Wrote the {what} to {path} ({names})")
    return EXIT_OK
