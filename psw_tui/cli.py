"""The ``psw-tui`` console script: the app and its headless subcommands.

Every failure is one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from psw_tui import __version__
from psw_tui.resources import demo_fixture
from psw_tui.storage import (
    RecordStore,
    StoreCorrupt,
    StoreError,
    default_data_dir,
    restore_backup,
)
from psw_tui.storage.backups import write_backup
from psw_tui.storage.bundle_files import read_json_file
from psw_tui.storage.paths import DATA_DIR_ENV
from psw_tui import cli_privacy
from psw_tui.cli_export import add_export_parser, cmd_export
from psw_tui.cli_privacy import (
    add_privacy_parsers,
    cmd_change_passphrase,
    cmd_decrypt,
    cmd_encrypt,
    cmd_prune,
)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure to report as one line."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``psw-tui``."""
    parser = argparse.ArgumentParser(
        prog="psw-tui",
        description="Run peer support groups and group supervision: clock, register, "
        "anonymous notes, summaries. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"psw-tui {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"data folder (default: ${DATA_DIR_ENV} or {default_data_dir()})",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the app on demo data in a throw-away folder"
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help="for an encrypted data folder: read the passphrase from FILE's first line "
        "(default: ask on the terminal, not echoed)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("seed-demo", help="write the demo data set into an empty data folder")

    sessions = commands.add_parser("sessions", help="list sessions (id, date, group, status)")
    sessions.add_argument("--group", metavar="NAME", help="only this group (name, any case)")
    sessions.add_argument("--json", action="store_true", help="print JSON instead of a table")

    commands.add_parser("check", help="verify every data file; print counts")

    backup = commands.add_parser("backup", help="take a backup now")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it here")
    backup.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    restore = commands.add_parser("restore", help="replace the data with a backup")
    restore.add_argument("file", type=Path, metavar="FILE")

    importer = commands.add_parser("import", help="import a psw-tui JSON bundle (all or nothing)")
    importer.add_argument("file", type=Path, metavar="FILE")

    add_export_parser(commands)
    add_privacy_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    cli_privacy.use_passphrase_file(args.passphrase_file)
    try:
        return _dispatch(args)
    except (CliError, StoreError) as error:
        print(f"psw-tui: {error}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(f"psw-tui: {error.strerror or type(error).__name__}{where}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("psw-tui: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence, no traceback
        from psw_tui.storage.crash_reports import short_message, write_crash_report

        print(f"psw-tui: {short_message(error, write_crash_report(error))}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        cli_privacy.use_passphrase_file(None)  # no passphrase outlives the command


def _dispatch(args: argparse.Namespace) -> int:
    data_dir = (args.data_dir or default_data_dir()).expanduser()
    handlers: dict[str | None, Callable[[argparse.Namespace, Path], int]] = {
        None: _cmd_app,
        "seed-demo": _cmd_seed_demo,
        "sessions": _cmd_sessions,
        "check": _cmd_check,
        "backup": _cmd_backup,
        "restore": _cmd_restore,
        "import": _cmd_import,
        "export": cmd_export,
        "encrypt": cmd_encrypt,
        "decrypt": cmd_decrypt,
        "change-passphrase": cmd_change_passphrase,
        "prune": cmd_prune,
    }
    if args.demo and args.command is not None:
        raise CliError("--demo opens the app; it cannot be combined with a command")
    return handlers[args.command](args, data_dir)


def open_store(data_dir: Path, *, create: bool = False) -> RecordStore:
    """Open the store, offering the newest good backup when a file is damaged.

    An encrypted folder's passphrase comes from ``--passphrase-file`` or is asked for.
    """
    source = cli_privacy.source()
    try:
        return source.run(lambda phrase: RecordStore.open(data_dir, create=create, passphrase=phrase))
    except StoreCorrupt as error:
        if error.backup is not None and sys.stdin.isatty() and sys.stdout.isatty():
            print(f"psw-tui: {error}", file=sys.stderr)
            answer = input(f"Restore the backup {error.backup.name} now? [y/N] ").strip().lower()
            if answer in {"y", "yes"}:
                backup = error.backup
                saved = source.run(lambda phrase: restore_backup(data_dir, backup, phrase))
                print(f"Restored. The damaged files were kept in {saved}.")
                return source.run(lambda phrase: RecordStore.open(data_dir, passphrase=phrase))
            raise CliError("nothing was changed") from None
        raise


def _load_demo(store: RecordStore) -> None:
    from psw_tui.services.setup import seed_demo

    seed_demo(store, read_json_file(demo_fixture()))


def _cmd_app(args: argparse.Namespace, data_dir: Path) -> int:
    from psw_tui.app import create_app
    from psw_tui.services.setup import ensure_builtin_templates
    from psw_tui.storage.settings_file import load_settings

    temp: Path | None = None
    if args.demo:
        temp = Path(tempfile.mkdtemp(prefix="psw-tui-demo-"))
        data_dir = temp / "data"
    try:
        store = open_store(data_dir, create=True)
        try:
            if args.demo:
                _load_demo(store)
            ensure_builtin_templates(store)
            cli_privacy.source().forget()
            loaded = load_settings()
            app = create_app(loaded.settings, store, demo=args.demo)
            if loaded.problem:
                app.notify(
                    loaded.problem, title="Settings file", severity="warning", timeout=20, markup=False
                )
            os.environ.pop("TEXTUAL_LOG", None)  # Textual's debug log could hold names or notes
            app.run()  # full screen (alternate screen): nothing is left in the scrollback
            if app.return_code:
                return app.return_code
        finally:
            store.close()
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return EXIT_OK


def _cmd_seed_demo(args: argparse.Namespace, data_dir: Path) -> int:
    from psw_tui.services.setup import is_empty

    with open_store(data_dir, create=True) as store:
        if not is_empty(store):
            raise CliError(f"{data_dir} already holds data; seed-demo only fills an empty folder")
        _load_demo(store)
        counts = store.counts()
    print(f"Demo data written to {data_dir}: " + _format_counts(counts))
    return EXIT_OK


def _format_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{value} {name}" for name, value in counts.items())


def _cmd_sessions(args: argparse.Namespace, data_dir: Path) -> int:
    with open_store(data_dir) as store:
        groups = {group.id: group for group in store.groups.all()}
        group_id = None
        if args.group:
            matches = [g for g in groups.values() if g.name.casefold() == args.group.casefold()]
            if not matches:
                raise CliError(f"no group named {args.group!r}")
            group_id = matches[0].id
        headers = store.sessions.headers(group_id)
    rows = [
        {
            "id": str(h.id),
            "date": h.date.isoformat(),
            "time": h.start_time.strftime("%H:%M") if h.start_time else "",
            "group": groups[h.group_id].name if h.group_id in groups else "?",
            "title": h.title,
            "status": h.status.value,
        }
        for h in headers
    ]
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


def _cmd_check(args: argparse.Namespace, data_dir: Path) -> int:
    from psw_tui.storage.verify import verify_store

    with cli_privacy.source().run(
        lambda phrase: RecordStore.open(data_dir, create=False, passphrase=phrase)
    ) as store:
        report = verify_store(store)
    if not report.ok:
        for problem in report.problems:
            print(f"psw-tui: {problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"OK: {data_dir}: " + _format_counts(report.counts))
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace, data_dir: Path) -> int:
    with open_store(data_dir) as store:
        if args.output is None:
            path = store.backup()
        else:
            target = args.output.expanduser()
            if target.exists() and not args.force:
                raise CliError(f"{target} already exists; use --force to overwrite it")
            if not target.parent.is_dir():
                raise CliError(f"{target.parent} is not a folder")
            path = write_backup(store.paths, target)
    print(f"Backup written: {path}")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace, data_dir: Path) -> int:
    backup = args.file.expanduser()
    saved = cli_privacy.source().run(lambda phrase: restore_backup(data_dir, backup, phrase))
    print(f"Restored {args.file} into {data_dir}. The data it replaced is saved in {saved}.")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    from psw_tui.services.bundles import parse_bundle

    bundle = parse_bundle(read_json_file(args.file.expanduser()))
    with open_store(data_dir, create=True) as store:
        store.import_bundle(bundle)
        counts = store.counts()
    print(
        f"Imported {len(bundle.groups)} groups, {len(bundle.sessions)} sessions, "
        f"{len(bundle.reflections)} reflections. Now: " + _format_counts(counts)
    )
    return EXIT_OK
