"""Privacy commands of the CLI: passphrases, encrypt/decrypt/change-passphrase, prune.

Passphrases come from ``--passphrase-file FILE`` (first line; for scripts) or are asked for
on the terminal without echo. They are held in memory only for the command (or until the
app has opened the store) and never written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from psw_tui.storage import RecordStore
from psw_tui.storage.errors import PassphraseNeeded, WrongPassphrase

T = TypeVar("T")
ATTEMPTS = 3


class PassphraseSource:
    """Where this command's passphrases come from."""

    def __init__(self, file: Path | None = None, new_file: Path | None = None) -> None:
        self.file = file
        self.new_file = new_file
        self._known: str | None = None

    @staticmethod
    def _read(path: Path) -> str:
        from psw_tui.cli import CliError

        try:
            text = path.expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or type(error).__name__
            raise CliError(f"cannot read the passphrase file {path}: {reason}") from None
        line = text.splitlines()[0] if text else ""
        if not line:
            raise CliError(f"the passphrase file {path} is empty")
        return line

    def given(self) -> str | None:
        """The passphrase from the file or an earlier answer, if any (never asks)."""
        if self._known is None and self.file is not None:
            self._known = self._read(self.file)
        return self._known

    def ask(self, what: Path) -> str:
        """Ask on the terminal (not echoed); a CliError if there is none."""
        from psw_tui.cli import CliError

        if not sys.stdin.isatty():
            raise CliError(str(PassphraseNeeded(what)))
        self._known = getpass.getpass(f"Passphrase for {what}: ")
        return self._known

    def new(self) -> str:
        """A new passphrase: from ``--new-passphrase-file`` or asked twice on the terminal."""
        from psw_tui.cli import CliError

        if self.new_file is not None:
            return self._read(self.new_file)
        if not sys.stdin.isatty():
            raise CliError("give the new passphrase with --new-passphrase-file FILE")
        first = getpass.getpass("New passphrase: ")
        if getpass.getpass("The same again: ") != first:
            raise CliError("the two passphrases differ; nothing was changed")
        return first

    def forget(self) -> None:
        """Drop the passphrase from memory (the app keeps only the opened key)."""
        self._known = None

    def run(self, call: Callable[[str | None], T]) -> T:
        """``call(passphrase)``, asking for the passphrase if the folder turns out encrypted."""
        passphrase = self.given()
        try:
            return call(passphrase)
        except PassphraseNeeded as error:
            if passphrase is not None:
                raise
            where = error.data_dir
        for attempt in range(ATTEMPTS):
            try:
                return call(self.ask(where))
            except WrongPassphrase:
                self._known = None
                if attempt == ATTEMPTS - 1 or self.file is not None:
                    raise
                print("psw-tui: wrong passphrase; try again.", file=sys.stderr)
        raise AssertionError("unreachable")


SOURCE = PassphraseSource()


def use_passphrase_file(path: Path | None) -> PassphraseSource:
    """Start a command: passphrases from ``path`` (or asked), nothing remembered from before."""
    global SOURCE
    SOURCE = PassphraseSource(path)
    return SOURCE


def source() -> PassphraseSource:
    """The current command's passphrase source."""
    return SOURCE


def add_privacy_parsers(commands: Any) -> None:
    """Add ``encrypt``, ``decrypt``, ``change-passphrase`` and ``prune``."""
    encrypt = commands.add_parser("encrypt", help="encrypt the data folder and its backups")
    encrypt.add_argument(
        "--new-passphrase-file", type=Path, metavar="FILE", help="read the new passphrase from FILE"
    )
    commands.add_parser("decrypt", help="store the data folder unencrypted again")
    change = commands.add_parser("change-passphrase", help="change the encryption passphrase")
    change.add_argument(
        "--new-passphrase-file", type=Path, metavar="FILE", help="read the new passphrase from FILE"
    )
    prune = commands.add_parser(
        "prune", help="remove sessions dated before a date (shows what goes, asks to confirm)"
    )
    prune.add_argument("--before", metavar="DATE", help="YYYY-MM-DD (default: the retention setting)")
    prune.add_argument("--yes", action="store_true", help="do not ask (a large prune still needs --confirm)")
    prune.add_argument("--confirm", metavar="WORD", default="", help="the word a large prune asks for")
    prune.add_argument(
        "--purge-backups", action="store_true",
        help="also replace every backup with a fresh one, so the removed sessions leave them now",
    )


def _open(data_dir: Path) -> RecordStore:
    from psw_tui.cli import open_store

    return open_store(data_dir)


def cmd_encrypt(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui encrypt``."""
    from psw_tui.cli import EXIT_OK, CliError

    source = PassphraseSource(new_file=args.new_passphrase_file or args.passphrase_file)
    with _open(data_dir) as store:
        if store.encrypted:
            raise CliError(f"{data_dir} is already encrypted (use change-passphrase to change it)")
        report = store.enable_encryption(source.new())
    print(
        f"Encrypted {data_dir}: {report.files} data file(s) and {report.backups} backup(s). "
        "psw-tui will ask for the passphrase each time it opens this folder. Without the "
        "passphrase the data cannot be recovered: keep it somewhere safe."
    )
    for removed in report.removed_backups:
        print(f"Removed an unreadable backup that could not be encrypted: {removed}")
    return EXIT_OK


def cmd_decrypt(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui decrypt``."""
    from psw_tui.cli import EXIT_OK, CliError

    with _open(data_dir) as store:
        if not store.encrypted:
            raise CliError(f"{data_dir} is not encrypted")
        report = store.disable_encryption()
    print(f"Decrypted {data_dir}: {report.files} data file(s) and {report.backups} backup(s).")
    for skipped in report.skipped_backups:
        print(f"Left as it was (another key, or unreadable): {skipped}")
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui change-passphrase``: asks the current one (opening the store), then the new."""
    from psw_tui.cli import EXIT_OK, CliError

    source = PassphraseSource(new_file=args.new_passphrase_file)
    with _open(data_dir) as store:
        if not store.encrypted:
            raise CliError(f"{data_dir} is not encrypted (use encrypt first)")
        store.change_passphrase(source.new())
    print(f"Passphrase changed for {data_dir} and its backups.")
    return EXIT_OK


def cmd_prune(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui prune``: show what goes, confirm, remove."""
    from psw_tui.cli import EXIT_OK, CliError
    from psw_tui.services.retention import apply_prune, cutoff_for, plan_prune, purge_backups
    from psw_tui.storage.settings_file import load_settings

    if args.before:
        try:
            before = date.fromisoformat(args.before)
        except ValueError:
            raise CliError(f"--before {args.before!r} is not a date (use YYYY-MM-DD)") from None
    else:
        years = load_settings().settings.retention_years
        before = cutoff_for(years, date.today())
        if before is None:
            raise CliError("give --before DATE (the retention setting keeps everything)")
    with _open(data_dir) as store:
        plan = plan_prune(store, before)
        if plan.empty:
            print(f"No sessions dated before {before.isoformat()}; nothing to remove.")
            return EXIT_OK
        print("These sessions will be removed for good:")
        for line in plan.listing():
            print(f"  {line}")
        print(plan.summary())
        if plan.running_kept:
            print(f"{plan.running_kept} running session(s) are kept.")
        print("Purge: every backup is replaced by one fresh backup." if args.purge_backups else plan.backups_note())
        typed = args.confirm
        if not args.yes or (plan.needs_typed_word and not plan.confirmed_by(typed)):
            if not sys.stdin.isatty():
                hint = f" --confirm {plan.word!r}" if plan.needs_typed_word else ""
                raise CliError(f"nothing removed; to go ahead without a terminal, add --yes{hint}")
            if plan.needs_typed_word:
                prompt = f"This removes more than a third of all session records. Type {plan.word!r} to go ahead: "
            else:
                prompt = "Remove them? [y/N] "
            typed = input(prompt).strip()
            if not plan.needs_typed_word and typed.lower() not in {"y", "yes"}:
                raise CliError("nothing was removed")
            if not plan.confirmed_by(typed):
                raise CliError("that is not the word shown; nothing was removed")
        try:
            removed = apply_prune(store, plan, typed)
        except ValueError as error:
            raise CliError(f"{error}; nothing was removed") from None
        print(f"Removed {removed} session(s) dated before {before.isoformat()}.")
        if args.purge_backups:
            fresh = purge_backups(store)
            print(f"Backups replaced by one fresh backup: {fresh}")
    return EXIT_OK


def warn_if_export_unencrypted(store: RecordStore, target: Path | None) -> None:
    """Tell the user an export from an encrypted folder is not itself encrypted."""
    if store.encrypted:
        where = str(target) if target is not None else "the output"
        print(
            f"psw-tui: warning: the data folder is encrypted, but {where} is not; "
            "keep it somewhere safe and delete it when it is no longer needed.",
            file=sys.stderr,
        )

