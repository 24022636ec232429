"""What every ``psw-tui`` command shares: exit codes, errors worded as one line, the
passphrase source, and opening the store.

The command modules (``cli``, ``cli_export``, ``cli_privacy``) import this one and never
each other's internals, so there are no import circles between them.
"""

from __future__ import annotations

import errno
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from psw_tui.storage import RecordStore, SaveFailed, StoreCorrupt, restore_backup
from psw_tui.storage.errors import PassphraseNeeded, WrongPassphrase
from psw_tui.storage.folder_guard import passphrase_file_warning

T = TypeVar("T")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
ATTEMPTS = 3


class CliError(Exception):
    """A failure to report as one line."""


class UsageError(CliError):
    """The command line itself is wrong: reported with a pointer to the command's help."""

    def __init__(self, message: str, command: str | None = None) -> None:
        self.command = command
        where = f"psw-tui {command}" if command else "psw-tui"
        super().__init__(f"{message}; see {where} --help")


def one_line(message: str) -> str:
    """``message`` with line breaks and other control characters shown as escapes."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message.strip())


def report(message: str) -> None:
    """Print ``psw-tui: message`` as exactly one line on stderr."""
    print(f"psw-tui: {one_line(message)}", file=sys.stderr)


# -- file-system errors, explained -----------------------------------------------------------


def _nearest_existing(path: Path) -> Path | None:
    for candidate in (path, *path.parents):
        try:
            candidate.lstat()
        except OSError:
            continue
        return candidate
    return None


def _owner_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user id {uid}"


def _permission_message(path: Path) -> str:
    existing = _nearest_existing(path)
    verb = "read" if existing == path and not os.access(path, os.R_OK) else "write to"
    owner = existing.lstat().st_uid if existing is not None and hasattr(os, "geteuid") else None
    if owner is not None and owner != os.geteuid():
        where = "" if existing == path else f" (its folder {existing} does)"
        return (
            f"cannot {verb} {path}: it belongs to another user{where}, "
            f"{_owner_name(owner)}; use a folder of your own (--data-dir) or ask them to share it"
        )
    return (
        f"cannot {verb} {path}: its permissions do not allow it "
        f"(ls -ld {existing or path} shows them)"
    )


_PLAIN_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "it is on a read-only disk",
    errno.ENOENT: "it does not exist",
    errno.ENOTDIR: "part of that path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an input/output error",
}


def explain_os_error(error: OSError) -> str:
    """One line saying what went wrong with which path, and what to do for permissions."""
    name = error.filename if error.filename is not None else error.filename2
    path = Path(os.fsdecode(name)) if name is not None else None
    if error.errno in (errno.EACCES, errno.EPERM) and path is not None:
        return _permission_message(path)
    reason = _PLAIN_REASONS.get(error.errno or -1) or error.strerror or type(error).__name__
    return f"{path}: {reason}" if path is not None else reason


def _permission_error(error: BaseException) -> OSError | None:
    """The permission error behind ``error`` (itself, a failed save's, or its cause), if any."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.EACCES, errno.EPERM):
            return current
        if isinstance(current, SaveFailed):
            current = current.error
            continue
        current = current.__cause__ or current.__context__
    return None


def explain_store_error(error: Exception) -> str:
    """A store error's message; one caused by file permissions says whose the file is."""
    denied = _permission_error(error)
    if denied is not None and (denied.filename or denied.filename2):
        return explain_os_error(denied)
    return str(error)


# -- passphrases ------------------------------------------------------------------------------


class PassphraseSource:
    """Where this command's passphrases come from.

    ``--passphrase-file FILE`` (first line; for scripts) or asked on the terminal without
    echo. Held in memory only for the command (or until the app has opened the store).
    """

    def __init__(self, file: Path | None = None, new_file: Path | None = None) -> None:
        self.file = file
        self.new_file = new_file
        self._known: str | None = None

    @staticmethod
    def _read(path: Path) -> str:
        try:
            text = path.expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or type(error).__name__
            raise CliError(f"cannot read the passphrase file {path}: {reason}") from None
        line = text.splitlines()[0] if text else ""
        if not line:
            raise CliError(f"the passphrase file {path} is empty")
        warning = passphrase_file_warning(path.expanduser())
        if warning:
            print(f"psw-tui: {warning}", file=sys.stderr)
        return line

    def given(self) -> str | None:
        """The passphrase from the file or an earlier answer, if any (never asks)."""
        if self._known is None and self.file is not None:
            self._known = self._read(self.file)
        return self._known

    def ask(self, what: Path) -> str:
        """Ask on the terminal (not echoed); a CliError if there is none."""
        if not sys.stdin.isatty():
            raise CliError(str(PassphraseNeeded(what)))
        self._known = getpass.getpass(f"Passphrase for {what}: ")
        return self._known

    def new(self) -> str:
        """A new passphrase: from ``--new-passphrase-file`` or asked twice on the terminal."""
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


_SOURCE = PassphraseSource()


def use_passphrase_file(path: Path | None) -> PassphraseSource:
    """Start a command: passphrases from ``path`` (or asked), nothing remembered from before."""
    global _SOURCE
    _SOURCE = PassphraseSource(path)
    return _SOURCE


def source() -> PassphraseSource:
    """The current command's passphrase source."""
    return _SOURCE


# -- the store --------------------------------------------------------------------------------


def announce_recovery(store: RecordStore) -> None:
    """Say in one line what opening the folder finished, undid or found damaged (if anything)."""
    if store.recovery_note:
        report(store.recovery_note)


def open_store(data_dir: Path, *, create: bool = False, announce: bool = True) -> RecordStore:
    """Open the store for changing it (taking the folder's lock), offering the newest good
    backup when the catalog is damaged.

    An encrypted folder's passphrase comes from ``--passphrase-file`` or is asked for.
    """
    phrases = source()
    try:
        store = phrases.run(lambda phrase: RecordStore.open(data_dir, create=create, passphrase=phrase))
    except StoreCorrupt as error:
        if error.backup is not None and sys.stdin.isatty() and sys.stdout.isatty():
            report(str(error))
            answer = input(f"Restore the backup {error.backup.name} now? [y/N] ").strip().lower()
            if answer in {"y", "yes"}:
                backup = error.backup
                saved = phrases.run(lambda phrase: restore_backup(data_dir, backup, phrase))
                print(f"Restored. The damaged files were kept in {saved}.")
                store = phrases.run(lambda phrase: RecordStore.open(data_dir, passphrase=phrase))
            else:
                raise CliError("nothing was changed") from None
        else:
            raise
    if announce:
        announce_recovery(store)
    return store


def open_snapshot(data_dir: Path, *, announce: bool = True) -> RecordStore:
    """Open the store for reading only: no lock is taken (so it works while the app is open
    on the folder) and nothing is written. Read through ``store.read_consistent``."""
    store = source().run(
        lambda phrase: RecordStore.open(data_dir, create=False, passphrase=phrase, read_only=True)
    )
    if announce:
        announce_recovery(store)
    return store


def format_counts(counts: dict[str, int]) -> str:
    """``3 groups, 40 sessions, ...``."""
    return ", ".join(f"{value} {name}" for name, value in counts.items())
