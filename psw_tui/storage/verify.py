"""A full read of every data file, for ``psw-tui check``."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from psw_tui.storage.durable import read_tables
from psw_tui.storage.errors import RecordNotFound, StoreCorrupt
from psw_tui.storage.paths import WELLNESS_FILE_NAME
from psw_tui.storage.sessions import MISSING
from psw_tui.storage.store import SESSION_TABLES, RecordStore

REFLECTION_TABLES = {"reflections"}


@dataclass
class VerifyReport:
    """What a full check found.

    ``recovered`` is what opening the folder already finished or repaired (one phrase
    each); ``problems`` what is still wrong (each a line naming the file);
    ``damaged_years`` the reflection year files that cannot be used, for the repair.
    """

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)
    damaged_years: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_sessions(store: RecordStore, groups: set[UUID], report: VerifyReport) -> set[UUID]:
    indexed: set[UUID] = set()
    for header in store.sessions.headers():
        indexed.add(header.id)
        report.counts["sessions"] += 1
        try:
            session = store.sessions.get(header.id)
            if session.group_id not in groups:
                report.problems.append(f"session {header.id} belongs to a missing group")
            store.register(header.id).all()
            report.counts["notes"] += len(store.notes(header.id).all())
            store.actions(header.id).all()
            store.concerns(header.id).all()
        except StoreCorrupt as error:
            store.sessions.mark_damaged(header.id, error.reason)
            report.problems.append(str(error))
        except RecordNotFound:
            store.sessions.mark_damaged(header.id, MISSING)
            path = store.paths.session_file(header.id)
            report.problems.append(f"{path} is missing although session {header.id} is listed")
    return indexed


def _check_session_files(store: RecordStore, indexed: set[UUID], report: VerifyReport) -> None:
    if not store.paths.sessions.is_dir():
        return
    for path in sorted(store.paths.sessions.glob("*.json")):
        if path.name.startswith("."):
            continue
        try:
            session_id = UUID(path.stem)
        except ValueError:
            report.problems.append(f"{path} is not a session file name psw-tui writes")
            continue
        if session_id in indexed:
            continue
        damaged = [d for d in store.sessions.damaged() if d.session_id == session_id]
        reason = damaged[0].reason if damaged else "it is not in the session list"
        report.problems.append(f"{path} cannot be listed: {reason}")


def _check_reflection_files(store: RecordStore, report: VerifyReport) -> None:
    folder = store.paths.reflections
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if path.name == WELLNESS_FILE_NAME:
            try:
                store.wellness.versions()
            except StoreCorrupt as error:
                report.problems.append(str(error))
            continue
        if not path.stem.isdigit():
            report.problems.append(f"{path} is not a reflection file name psw-tui writes")
            continue
        try:
            tables = read_tables(path, store.paths.codec)
        except StoreCorrupt:
            continue  # reported with the reflections below
        if not tables:
            reason = "it is empty ({}), which psw-tui never writes: its reflections are gone"
        elif set(tables) - REFLECTION_TABLES:
            reason = f"it has unknown tables {sorted(set(tables) - REFLECTION_TABLES)}"
        else:
            continue
        report.damaged_years.append(int(path.stem))
        report.problems.append(f"{path} is not a psw-tui reflection file: {reason}")


def verify_store(store: RecordStore) -> VerifyReport:
    """Read and validate every record in every file; collect problems instead of stopping.

    Damaged session files found are marked (``store.sessions.damaged()``), so a repair
    (``repair.repair_store``) can act on them.
    """
    report = VerifyReport(recovered=list(store.recovered))
    report.counts = dict.fromkeys(("groups", "members", "sessions", "notes", "reflections"), 0)
    groups = {group.id for group in store.groups.all()}
    report.counts["groups"] = len(groups)
    members = store.members.all()
    report.counts["members"] = len(members)
    for member in members:
        if member.group_id not in groups:
            report.problems.append(f"member {member.id} belongs to a missing group {member.group_id}")
    indexed = _check_sessions(store, groups, report)
    _check_session_files(store, indexed, report)
    report.counts["reflections"] = len(store.reflections.all())
    for year, error in sorted(store.reflections.damaged.items()):
        report.damaged_years.append(year)
        report.problems.append(str(error))
    _check_reflection_files(store, report)
    for repository in (store.contacts, store.supervision):
        try:
            repository.all()
        except StoreCorrupt as error:
            report.problems.append(str(error))
    twice = store.reflections.duplicates()
    if twice:
        report.problems.append(f"{twice} reflection(s) are stored in two year files")
    return report


__all__ = ["SESSION_TABLES", "VerifyReport", "verify_store"]
