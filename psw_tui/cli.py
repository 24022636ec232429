"""The ``psw-tui`` console script: the app and its headless subcommands.

Every failure is one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from psw_tui.cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    UsageError,
    explain_os_error,
    explain_store_error,
    format_counts,
    open_store,
    report,
    source,
    use_passphrase_file,
)
from psw_tui.cli_calendar import cmd_calendar
from psw_tui.cli_contacts import cmd_contacts
from psw_tui.cli_export import cmd_export
from psw_tui.cli_inspect import cmd_check, cmd_sessions
from psw_tui.cli_parser import parse
from psw_tui.cli_privacy import (
    cmd_change_passphrase,
    cmd_decrypt,
    cmd_encrypt,
    cmd_prune,
    restore_asking,
)
from psw_tui.cli_runsheet import cmd_runsheet
from psw_tui.resources import demo_fixture
from psw_tui.storage import RecordStore, StoreError, default_data_dir
from psw_tui.storage.backups import BACKUP_PREFIX, write_backup
from psw_tui.storage.bundle_files import read_json_file


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    try:
        args = parse(argv)
    except UsageError as error:
        report(str(error))
        return EXIT_USAGE
    use_passphrase_file(args.passphrase_file)
    try:
        return _dispatch(args)
    except UsageError as error:
        report(str(error))
        return EXIT_USAGE
    except (CliError, StoreError) as error:
        report(explain_store_error(error))
        return EXIT_FAILED
    except OSError as error:
        report(explain_os_error(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        report("interrupted")
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence, no traceback
        from psw_tui.storage.crash_reports import short_message, write_crash_report

        report(short_message(error, write_crash_report(error)))
        return EXIT_FAILED
    finally:
        use_passphrase_file(None)  # no passphrase outlives the command


def _dispatch(args: argparse.Namespace) -> int:
    data_dir = (args.data_dir or default_data_dir()).expanduser()
    handlers: dict[str | None, Callable[[argparse.Namespace, Path], int]] = {
        None: _cmd_app,
        "seed-demo": _cmd_seed_demo,
        "sessions": cmd_sessions,
        "check": cmd_check,
        "backup": _cmd_backup,
        "restore": _cmd_restore,
        "import": _cmd_import,
        "export": cmd_export,
        "calendar": cmd_calendar,
        "runsheet": cmd_runsheet,
        "encrypt": cmd_encrypt,
        "decrypt": cmd_decrypt,
        "change-passphrase": cmd_change_passphrase,
        "prune": cmd_prune,
        "contacts": cmd_contacts,
    }
    return handlers[args.command](args, data_dir)


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
            source().forget()
            loaded = load_settings()  # a bad file: defaults, and its problems shown in the app
            app = create_app(loaded.settings, store, demo=args.demo, settings_file=loaded)
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
    print(f"Demo data written to {data_dir}: " + format_counts(counts))
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace, data_dir: Path) -> int:
    with open_store(data_dir) as store:
        if args.output is None:
            path = store.backup()
        else:
            path = write_backup(store.paths, _backup_target(args.output.expanduser(), args.force))
    print(f"Backup written: {path}")
    return EXIT_OK


def _backup_target(target: Path, force: bool) -> Path:
    """``-o PATH``: a file to write, or a folder to write a dated backup into."""
    if target.is_dir():
        target = target / f"{BACKUP_PREFIX}{datetime.now():%Y%m%d-%H%M%S-%f}.zip"
        if target.is_dir():
            raise CliError(f"{target} is a folder; give a file name with -o")
    elif not target.parent.is_dir():
        raise CliError(f"{target.parent} is not a folder")
    if target.exists() and not force:
        raise CliError(f"{target} already exists; use --force to overwrite it")
    return target


def _cmd_restore(args: argparse.Namespace, data_dir: Path) -> int:
    backup = args.file.expanduser()
    saved = restore_asking(data_dir, backup, source(), args.accept_encryption_change)
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
        f"{len(bundle.reflections)} reflections. Now: " + format_counts(counts)
    )
    return EXIT_OK
