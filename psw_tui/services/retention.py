"""Retention: removing sessions older than a date, after showing what will go.

A prune removes each old session whole (its agenda, register, notes, actions and concerns
live in the session's own file, which is deleted) and its row in the session list. Running
sessions are never pruned. Older backups still hold the removed sessions until they rotate
out (``GENERATIONS`` backups later), or at once with :func:`purge_backups`.

Removing more than a third of all session records needs the user to type the word shown
(:attr:`PrunePlan.word`), in the app and on the command line alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from psw_tui.models import SessionHeader, SessionStatus
from psw_tui.storage.backups import GENERATIONS, list_backups
from psw_tui.storage.erase import replace_backups
from psw_tui.storage.errors import RecordNotFound, StoreCorrupt
from psw_tui.services.worker_retention import WorkerPrune, apply_worker_prune, plan_worker_prune
from psw_tui.storage.store import RecordStore

PARTS = ("register", "notes", "actions", "concerns")


def cutoff_for(years: int, today: date) -> date | None:
    """The first date kept when keeping ``years`` years (None: keep everything)."""
    if years <= 0:
        return None
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _records(store: RecordStore, header: SessionHeader) -> dict[str, int]:
    counts = {"sessions": 1}
    for part in PARTS:
        try:
            counts[part] = getattr(store, part)(header.id).count()
        except (StoreCorrupt, RecordNotFound):
            counts[part] = 0  # a damaged session: counted as one record, listed as damaged
    return counts


@dataclass(frozen=True)
class PrunePlan:
    """What a prune before ``before`` would remove."""

    before: date
    sessions: list[SessionHeader]
    counts: dict[str, int]
    total_records: int
    running_kept: int = 0
    backups: int = 0
    group_names: dict[str, str] = field(default_factory=dict)
    # The worker's own records dated before the same date (contacts, supervision, old
    # wellness plan versions): removed with the sessions, in the same change.
    worker: WorkerPrune = field(default_factory=WorkerPrune)

    @property
    def removed_records(self) -> int:
        """Session records that go: the sessions and everything recorded in them."""
        return sum(self.counts.values())

    @property
    def needs_typed_word(self) -> bool:
        """More than a third of all session records would go."""
        return self.removed_records * 3 > self.total_records

    @property
    def word(self) -> str:
        """What the user types to confirm a large prune."""
        return f"delete {len(self.sessions)}"

    @property
    def empty(self) -> bool:
        return not self.sessions and self.worker.empty

    def summary(self) -> str:
        """One line: what goes."""
        c = self.counts
        return (
            f"{c['sessions']} session(s) dated before {self.before.isoformat()}: "
            f"{c['register']} register rows, {c['notes']} notes, {c['actions']} actions, "
            f"{c['concerns']} concern records ({self.removed_records} of {self.total_records} "
            "session records)"
        ) + ("" if self.worker.empty else f"; also {self.worker.words()}")

    def backups_note(self) -> str:
        """Where else the removed sessions still are, and how to clear them."""
        if not self.backups:
            return "No backups hold them."
        return (
            f"{self.backups} backup(s) still hold them until they rotate out "
            f"(after {GENERATIONS} more backups), or remove them now with the purge option."
        )

    def listing(self) -> list[str]:
        """One line per session: date, group, title (oldest first)."""
        return [
            f"{h.date.isoformat()}  {self.group_names.get(str(h.group_id), '?')}  {h.title}"
            for h in self.sessions
        ]

    def confirmed_by(self, typed: str) -> bool:
        """Whether ``typed`` confirms this plan (any answer for a small prune)."""
        return not self.needs_typed_word or typed.strip().casefold() == self.word


def plan_prune(store: RecordStore, before: date) -> PrunePlan:
    """What a prune of sessions dated before ``before`` would remove (nothing is changed)."""
    headers = store.sessions.headers()
    going = [h for h in headers if h.date < before and h.status is not SessionStatus.RUNNING]
    running = sum(1 for h in headers if h.date < before and h.status is SessionStatus.RUNNING)
    going_ids = {h.id for h in going}
    counts = dict.fromkeys(("sessions", *PARTS), 0)
    total = 0
    for header in headers:
        records = _records(store, header)
        total += sum(records.values())
        if header.id in going_ids:
            for key, value in records.items():
                counts[key] += value
    names = {str(group.id): group.name for group in store.groups.all()}
    worker = plan_worker_prune(store, before)
    return PrunePlan(
        before=before,
        sessions=going,
        counts=counts,
        total_records=total,
        running_kept=running,
        backups=len(list_backups(store.paths)) if going or not worker.empty else 0,
        group_names=names,
        worker=worker,
    )


def apply_prune(store: RecordStore, plan: PrunePlan, typed: str = "") -> int:
    """Remove the plan's sessions; returns how many. Raises ``ValueError`` if a large prune
    was not confirmed with the word."""
    if not plan.confirmed_by(typed):
        raise ValueError(f"type {plan.word!r} to confirm removing {len(plan.sessions)} sessions")
    ids = [header.id for header in plan.sessions if store.sessions.header(header.id) is not None]
    with store.transaction("prune"):
        store.sessions.delete_many(ids)
        apply_worker_prune(store, plan.worker)
    return len(ids)


def purge_backups(store: RecordStore) -> Path:
    """Replace every backup with one fresh backup of the data as it is now."""
    return replace_backups(store)
