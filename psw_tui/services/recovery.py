"""What opening a data folder recovered, damaged sessions, and putting them right.

For the app and the CLI alike (no UI here):

- :func:`opening_notice`: the one line saying what opening finished, undid or repaired.
- :func:`disk_warnings`: "saved, but the disk reported an error" lines since last asked.
- :func:`damaged_sessions` / :func:`damaged_summary`: sessions whose file cannot be read
  (each blocks only itself), with whether a backup can bring it back.
- :func:`restore_damaged_session` and :func:`set_damaged_session_aside`: the two ways out.
- :func:`check` (``psw-tui check``, read-only safe) and :func:`check_and_repair`
  (``check --repair``); :func:`rebuild_catalog` for a catalog that cannot be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

# Repair, scan and verify are imported by the functions that use them: home shows
# opening_notice and damaged_summary on its first frame without loading them (start-up).
if TYPE_CHECKING:
    from psw_tui.storage.repair import RebuildReport, RepairReport
    from psw_tui.storage.store import RecordStore
    from psw_tui.storage.verify import VerifyReport


@dataclass(frozen=True)
class DamagedSessionView:
    """One damaged session as lists show it."""

    session_id: UUID
    title: str
    date: str | None
    reason: str
    backup: Path | None  # the newest backup holding a good copy (None: none does)

    def line(self) -> str:
        """One line: what, why, and the way out."""
        when = f"{self.date}  " if self.date else ""
        fix = (
            f"restore it from {self.backup.name}"
            if self.backup is not None
            else "no backup has it: set the file aside to keep using the rest"
        )
        return f"{when}{self.title}: damaged ({self.reason}); {fix}"


def opening_notice(store: RecordStore) -> str | None:
    """What opening the folder finished, undid or repaired, in one line (None: nothing)."""
    return store.recovery_note


def disk_warnings(store: RecordStore) -> list[str]:
    """Saves that landed but whose disk then reported an error, since last asked."""
    return [str(warning) for warning in store.take_disk_warnings()]


def damaged_sessions(store: RecordStore, *, scan: bool = False) -> list[DamagedSessionView]:
    """Sessions known to be damaged; with ``scan``, every session file is read first (slow
    on a big store: for a "check now" action, not for drawing a list)."""
    from psw_tui.storage.backups import newest_backup_with
    from psw_tui.storage.scan import iter_parts

    if scan:
        for _ in iter_parts(store, store.sessions.headers(), ("session",)):
            pass
    views = []
    for item in store.sessions.damaged():
        name = item.path.relative_to(store.paths.root).as_posix()
        views.append(
            DamagedSessionView(
                session_id=item.session_id,
                title=item.header.title if item.header else item.path.name,
                date=item.header.date.isoformat() if item.header else None,
                reason=item.reason,
                backup=newest_backup_with(store.paths, name),
            )
        )
    return views


def damaged_summary(store: RecordStore) -> str | None:
    """One line for home, reports and the CLI when sessions are damaged (None: none)."""
    damaged = store.sessions.damaged()
    if not damaged:
        return None
    if len(damaged) == 1:
        return "1 session is damaged and left out; everything else is shown (psw-tui check says more)."
    return f"{len(damaged)} sessions are damaged and left out; everything else is shown (psw-tui check says more)."


def restore_damaged_session(store: RecordStore, session_id: UUID) -> str:
    """"Restore this session from the newest backup that has it"; returns the message.
    Raises ``RepairRefused`` (a StoreError, one line with the next step) when none has it."""
    from psw_tui.storage.repair import restore_session_from_backup

    backup = restore_session_from_backup(store, session_id)
    return f"The session was brought back from {backup.name}."


def set_damaged_session_aside(store: RecordStore, session_id: UUID) -> str:
    """"Move the file aside": the session leaves the list, its file is kept in damaged/."""
    from psw_tui.storage.repair import set_session_aside

    aside = set_session_aside(store, session_id)
    if aside is None:
        return "The session (its file was missing) was taken off the list."
    return f"The damaged file was moved to {aside} and the session taken off the list."


def check(store: RecordStore) -> VerifyReport:
    """Read every file and report (works on a read-only store: nothing is changed)."""
    from psw_tui.storage.verify import verify_store

    return store.read_consistent(verify_store)


def check_and_repair(store: RecordStore) -> tuple[VerifyReport, RepairReport, VerifyReport]:
    """``check --repair``: check, repair what was found (backup first), check again."""
    from psw_tui.storage.repair import repair_store
    from psw_tui.storage.verify import verify_store

    before = verify_store(store)
    report = repair_store(store, before.damaged_years)
    store.reload()
    return before, report, verify_store(store)


def rebuild_catalog(data_dir: Path, passphrase: str | None = None) -> RebuildReport:
    """Rebuild an unreadable catalog from the session files (a backup is taken first)."""
    from psw_tui.storage.repair import rebuild

    return rebuild(data_dir, passphrase)
