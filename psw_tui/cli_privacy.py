"""Privacy commands of the CLI: encrypt/decrypt/change-passphrase, prune, and the warning
that an export from an encrypted folder is not itself encrypted.

Passphrases come from :class:`psw_tui.cli_common.PassphraseSource` (``--passphrase-file FILE``
or asked on the terminal without echo); they are never written anywhere.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from psw_tui.cli_common import EXIT_OK, CliError, PassphraseSource, UsageError, open_store
from psw_tui.storage import RecordStore, restore_backup


def add_privacy_parsers(commands: Any) -> None:
    """Add ``encrypt``, ``decrypt``, ``change-passphrase`` and ``prune``."""
    encrypt = commands.add_parser("encrypt", help="encrypt the data folder and its backups")
    encrypt.add_argument(
        "--new-passphrase-file", type=Path, metavar="FILE", help="read the new passphrase from FILE"
    )
    commands.add_parser("decrypt", help="store the data folder unencrypted again")
    change = commands.add_parser(
        "change-passphrase", help="change the encryption passphrase (and, by default, the data key)"
    )
    change.add_argument(
        "--new-passphrase-file", type=Path, metavar="FILE", help="read the new passphrase from FILE"
    )
    change.add_argument(
        "--keep-data-key", action="store_true",
        help="do not re-encrypt the files under a new data key (quicker, but an old copy of "
        "encryption.json opened with the old passphrase still decrypts data written later)",
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
    return open_store(data_dir)


def cmd_encrypt(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui encrypt``."""
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
    source = PassphraseSource(new_file=args.new_passphrase_file)
    with _open(data_dir) as store:
        if not store.encrypted:
            raise CliError(f"{data_dir} is not encrypted (use encrypt first)")
        new = source.new()
        rotate = not args.keep_data_key
        if rotate and args.new_passphrase_file is None and sys.stdin.isatty():
            answer = input(
                "Also replace the data key and re-encrypt every file and backup, so an old copy of "
                "encryption.json with the old passphrase opens nothing written from now on? [Y/n] "
            )
            rotate = answer.strip().lower() not in {"n", "no"}
        report = store.change_passphrase(new, rotate=rotate)
    if rotate:
        print(
            f"Passphrase and data key changed for {data_dir}: {report.files} data file(s) and "
            f"{report.backups} backup(s) re-encrypted."
        )
        for removed in report.removed_backups:
            print(f"Removed an unreadable backup that could not be re-encrypted: {removed}")
        for skipped in report.skipped_backups:
            print(f"Left as it was (encrypted with another key): {skipped}")
    else:
        print(f"Passphrase changed for {data_dir} and its backups (the data key is unchanged).")
    return EXIT_OK


def restore_asking(data_dir: Path, backup: Path, source: PassphraseSource, accept: bool) -> Path:
    """``restore_backup``, asking first (or refusing without a terminal) when the backup is
    encrypted and the folder is not, or the other way round."""
    from psw_tui.storage.restore_keys import EncryptionDiffers

    try:
        return source.run(lambda phrase: restore_backup(data_dir, backup, phrase, accept_encryption_change=accept))
    except EncryptionDiffers as error:
        if not sys.stdin.isatty():
            raise CliError(f"{error} (add --accept-encryption-change to go ahead)") from None
        print(f"psw-tui: {error}.", file=sys.stderr)
        if input("Restore it that way? [y/N] ").strip().lower() not in {"y", "yes"}:
            raise CliError("nothing was restored") from None
    return source.run(lambda phrase: restore_backup(data_dir, backup, phrase, accept_encryption_change=True))


def cmd_prune(args: argparse.Namespace, data_dir: Path) -> int:
    """``psw-tui prune``: show what goes, confirm, remove."""
    from psw_tui.services.retention import apply_prune, cutoff_for, plan_prune, purge_backups
    from psw_tui.storage.settings_file import load_settings

    if args.before:
        try:
            before = date.fromisoformat(args.before)
        except ValueError:
            raise UsageError(f"--before {args.before!r} is not a date (use YYYY-MM-DD)", "prune") from None
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
        print("These sessions will be removed for good:" if plan.sessions else "No sessions go, but:")
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
        also = "" if plan.worker.empty else f"; also {plan.worker.words()}"
        print(f"Removed {removed} session(s) dated before {before.isoformat()}{also}.")
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

