"""``psw-tui export``: a session summary or record, headless.

    psw-tui export SESSION --format md|txt|html|csv|json [--shareable] [-o FILE] [--force]
    psw-tui export --group NAME --last --format md [...]
    psw-tui export --group NAME --from DATE --to DATE --format md -o DIR [--force]

SESSION is an id or a unique prefix of one (``psw-tui sessions`` lists them). Without ``-o``
the export is printed. Files are written atomically and owner-only, never over an existing
file unless ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psw_tui.cli_common import EXIT_OK, CliError, UsageError, open_snapshot, report
from psw_tui.cli_privacy import warn_if_export_unencrypted
from psw_tui.services.export_formats import ExportFormat

if TYPE_CHECKING:
    from psw_tui.services.exports import Export
    from psw_tui.storage import RecordStore


def add_export_parser(commands: Any) -> None:
    """Add the ``export`` subcommand to the CLI's subparsers."""
    export = commands.add_parser(
        "export",
        help="export a session: summary (md, txt, html), register (csv) or record (json)",
        description="Export one session (by id or unique id prefix, or a group's last), or a "
        "group's sessions between two dates into a folder.",
    )
    export.add_argument("session", nargs="?", metavar="SESSION", help="session id or unique prefix")
    export.add_argument(
        "--format", "-f", required=True, choices=[f.value for f in ExportFormat],
        help="md, txt (to paste into a record system), html (printable), csv (register), "
        "json (complete, re-importable)",
    )
    export.add_argument(
        "--shareable", action="store_true",
        help="the shareable summary: no names, attendance as a count, no concerns (md, txt, html)",
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE (a folder for a batch); default: print it")
    export.add_argument("--force", action="store_true", help="overwrite existing files")
    export.add_argument("--group", metavar="NAME", help="the group (name, any case)")
    export.add_argument("--last", action="store_true", help="the group's most recent ended session")
    export.add_argument("--from", dest="start", metavar="DATE", help="batch: first date (YYYY-MM-DD)")
    export.add_argument("--to", dest="end", metavar="DATE", help="batch: last date (YYYY-MM-DD)")


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (use YYYY-MM-DD)", "export") from None


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    """Run ``psw-tui export``."""
    # imported when the command runs: start-up
    from psw_tui.services.exports import NotShareable, export_session
    from psw_tui.services.exports.select import SessionNotFound, ended_between, find_group, find_session, last_ended
    from psw_tui.storage.export_files import write_batch, write_export

    batch = args.start is not None or args.end is not None
    if args.session and args.group:
        raise UsageError("give a SESSION or --group, not both", "export")
    if not args.session and not args.group:
        raise UsageError("give a SESSION id (or prefix), or --group NAME with --last or --from/--to", "export")
    if args.group and args.last == batch:
        raise UsageError("with --group, give either --last or --from/--to", "export")
    if (args.last or batch) and not args.group:
        raise UsageError("--last, --from and --to need --group NAME", "export")
    if batch and args.output is None:
        raise UsageError("a batch export needs -o FOLDER", "export")
    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    if start and end and start > end:
        raise UsageError("--from is after --to", "export")
    fmt = ExportFormat(args.format)
    if args.shareable and fmt in (ExportFormat.CSV, ExportFormat.JSON):
        raise UsageError(str(NotShareable(fmt)), "export")

    def read(store: RecordStore) -> list[Export]:
        try:
            if args.session:
                headers = [find_session(store, args.session)]
            else:
                group = find_group(store, args.group)
                headers = ended_between(store, group, start, end) if batch else [last_ended(store, group)]
        except SessionNotFound as error:
            raise CliError(str(error)) from None
        if batch:  # a damaged session blocks only itself
            damaged = [h for h in headers if store.sessions.is_damaged(h.id)]
            if damaged:
                report(f"warning: left out {len(damaged)} damaged session(s): "
                       + ", ".join(f"{h.date.isoformat()} ({str(h.id)[:8]})" for h in damaged)
                       + "; psw-tui check --repair puts them right")
                headers = [h for h in headers if h not in damaged]
        return [export_session(store, h.id, fmt, shareable=args.shareable) for h in headers]

    with open_snapshot(data_dir) as store:  # no lock: works while the app is open
        warn_if_export_unencrypted(store, args.output)
        exports = store.read_consistent(read)

    if batch:
        files: dict[str, bytes] = {}
        for export in exports:
            name, number = export.filename, 2
            stem, suffix = name.rsplit(".", 1)
            while name in files:
                name, number = f"{stem}-{number}.{suffix}", number + 1
            files[name] = export.data
        written = write_batch(args.output, files, force=args.force)
        print(f"Exported {len(written)} session(s) to {args.output.expanduser()}")
        return EXIT_OK
    export = exports[0]
    if args.output is None:
        sys.stdout.write(export.text)
        sys.stdout.flush()
        return EXIT_OK
    path = write_export(args.output, export.data, force=args.force)
    kind = {ExportFormat.CSV: "register", ExportFormat.JSON: "complete record"}.get(
        fmt, "shareable summary" if export.shareable else "internal record"
    )
    print(f"Exported the {kind} to {path}")
    return EXIT_OK
