"""A full read of every data file, for ``psw-tui check``."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from psw_tui.storage.errors import RecordNotFound, StoreCorrupt
from psw_tui.storage.store import RecordStore


@dataclass
class VerifyReport:
    """What a full check found."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_store(store: RecordStore) -> VerifyReport:
    """Read and validate every record in every file; collect problems instead of stopping."""
    report = VerifyReport()
    counts = dict.fromkeys(("groups", "members", "sessions", "notes", "reflections"), 0)
    groups = {group.id for group in store.groups.all()}
    counts["groups"] = len(groups)
    members = store.members.all()
    counts["members"] = len(members)
    for member in members:
        if member.group_id not in groups:
            report.problems.append(f"member {member.id} belongs to a missing group {member.group_id}")
    indexed: set[UUID] = set()
    for header in store.sessions.headers():
        indexed.add(header.id)
        counts["sessions"] += 1
        try:
            session = store.sessions.get(header.id)
            if session.group_id not in groups:
                report.problems.append(f"session {header.id} belongs to a missing group")
            store.register(header.id).all()
            counts["notes"] += len(store.notes(header.id).all())
            store.actions(header.id).all()
            store.concerns(header.id).all()
        except (StoreCorrupt, RecordNotFound) as error:
            report.problems.append(str(error))
    if store.paths.sessions.is_dir():
        for path in store.paths.sessions.glob("*.json"):
            if path.name.startswith("."):
                continue
            try:
                session_id = UUID(path.stem)
            except ValueError:
                report.problems.append(f"{path} is not a session file name psw-tui writes")
                continue
            if session_id not in indexed:
                report.problems.append(
                    f"{path} is not in the session index (left by an interrupted import?)"
                )
    try:
        counts["reflections"] = len(store.reflections.all())
    except StoreCorrupt as error:
        report.problems.append(str(error))
    report.counts = counts
    return report
