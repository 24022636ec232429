"""What a prune removes of the worker's own records, by the same cut-off date as sessions:
contacts and supervision records dated before it, and wellness plan versions saved before
it (the current version is always kept: it is the plan, not an old record)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from psw_tui.storage import RecordStore


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class WorkerPrune:
    """The ids of the worker's records a prune removes."""

    contacts: list[UUID] = field(default_factory=list)
    supervision: list[UUID] = field(default_factory=list)
    wellness_versions: list[UUID] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing of the worker's goes."""
        return not (self.contacts or self.supervision or self.wellness_versions)

    def words(self) -> str:
        """'3 contacts, 1 supervision record and 2 older wellness plan versions'."""
        parts = [_plural(len(self.contacts), "contact"), _plural(len(self.supervision), "supervision record"),
                 _plural(len(self.wellness_versions), "older wellness plan version")]
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def plan_worker_prune(store: RecordStore, before: date) -> WorkerPrune:
    """What goes of the worker's records dated (or saved) before ``before``."""
    versions = store.wellness.versions()
    older = [v.id for v in versions[:-1] if v.saved_at.astimezone().date() < before]
    return WorkerPrune(
        contacts=[c.id for c in store.contacts.all() if c.date < before],
        supervision=[r.id for r in store.supervision.all() if r.date < before],
        wellness_versions=older,
    )


def apply_worker_prune(store: RecordStore, plan: WorkerPrune) -> None:
    """Remove them (call inside the prune's transaction, so it is all or nothing)."""
    store.contacts.delete_many(plan.contacts)
    store.supervision.delete_many(plan.supervision)
    store.wellness.delete_many(plan.wellness_versions)
