"""The ``psw-tui`` command line: its parser, with the conventions every command follows.

- The global options (``--data-dir``, ``--passphrase-file``) work before or after the command.
- A mistake on the command line is one line on stderr naming the command's help, exit 2; no
  usage block.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from psw_tui import __version__
from psw_tui.cli_calendar import add_calendar_parser
from psw_tui.cli_common import UsageError
from psw_tui.cli_contacts import add_contacts_parser
from psw_tui.cli_export import add_export_parser
from psw_tui.cli_privacy import add_privacy_parsers
from psw_tui.cli_runsheet import add_runsheet_parser
from psw_tui.storage import default_data_dir
from psw_tui.storage.paths import DATA_DIR_ENV


class CommandLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a :class:`UsageError` (one line) instead of usage
    text and ``sys.exit``."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("psw-tui").strip() or None
        unknown = re.match(r"argument COMMAND: invalid choice: (.+?) \(choose from (.*)\)$", message)
        if unknown:
            message = f"unknown command {unknown.group(1)} (commands: {unknown.group(2).replace(chr(39), '')})"
        raise UsageError(message, command)


def _path(text: str) -> Path:
    """A path argument; an empty one (``--data-dir ""``) would silently mean the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give a path, not an empty string")
    return Path(text)


def _add_global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    # After the command the defaults are suppressed, so that an option given before the
    # command is not reset to None by the command's own parser.
    default = argparse.SUPPRESS if after_command else None
    parser.add_argument(
        "--data-dir",
        type=_path,
        metavar="DIR",
        default=default,
        help=f"data folder (default: ${DATA_DIR_ENV} or {default_data_dir()})",
    )
    parser.add_argument(
        "--passphrase-file",
        type=_path,
        metavar="FILE",
        default=default,
        help="for an encrypted data folder: read the passphrase from FILE's first line "
        "(default: ask on the terminal, not echoed)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``psw-tui``."""
    parser = CommandLineParser(
        prog="psw-tui",
        description="Run peer support groups and group supervision: clock, register, "
        "anonymous notes, summaries. With no command, opens the app.",
        epilog="--data-dir and --passphrase-file can go before or after the command. "
        "sessions, export, runsheet and check also work while psw-tui is open on the folder. "
        "psw-tui COMMAND --help describes each command.",
    )
    parser.add_argument("--version", action="version", version=f"psw-tui {__version__}")
    _add_global_options(parser, after_command=False)
    parser.add_argument(
        "--demo", action="store_true", help="open the app on demo data in a throw-away folder"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandLineParser)

    commands.add_parser("seed-demo", help="write the demo data set into an empty data folder")

    sessions = commands.add_parser("sessions", help="list sessions (id, date, group, status)")
    sessions.add_argument("--group", metavar="NAME", help="only this group (name, any case)")
    sessions.add_argument("--json", action="store_true", help="print JSON instead of a table")

    check = commands.add_parser(
        "check", help="verify every data file; print counts",
        description="Read and validate every data file (also while psw-tui is open) and say "
        "what is wrong, file by file.",
    )
    check.add_argument(
        "--repair", action="store_true",
        help="put right what check finds, after taking a backup: a damaged session or "
        "reflection file comes back from the newest backup holding a good copy, or is moved "
        "to damaged/ in the data folder; a damaged catalog is rebuilt from the session files "
        "(needs psw-tui to be closed on the folder)",
    )

    backup = commands.add_parser("backup", help="take a backup now")
    backup.add_argument(
        "-o", "--output", type=Path, metavar="PATH",
        help="write it to this file, or into this folder (default: the data folder's backups)",
    )
    backup.add_argument("--force", action="store_true", help="overwrite the file if it exists")

    restore = commands.add_parser("restore", help="replace the data with a backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--accept-encryption-change", action="store_true",
        help="go ahead when the backup is encrypted and the folder is not, or the other way round",
    )

    importer = commands.add_parser("import", help="import a psw-tui JSON bundle (all or nothing)")
    importer.add_argument("file", type=Path, metavar="FILE")

    add_export_parser(commands)
    add_calendar_parser(commands)
    add_runsheet_parser(commands)
    add_privacy_parsers(commands)
    add_contacts_parser(commands)
    for command in commands.choices.values():
        _add_global_options(command, after_command=True)
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line; a :class:`UsageError` (one line) for any mistake in it."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        what = "argument" if len(extra) == 1 else "arguments"
        shown = " ".join(repr(word) if not word.startswith("-") else word for word in extra)
        raise UsageError(f"unrecognized {what}: {shown}", args.command)
    if args.demo and args.command is not None:
        raise UsageError("--demo opens the app; it cannot be combined with a command", args.command)
    return args
