"""One-to-one contacts: logging them (never what was said), the workload they add up to, and
forgetting a label.

A label is the worker's own pseudonym for someone (initials or a nickname). Forgetting it
removes it from every contact, and every mention of it in a contact's private debrief is
replaced; older backups are then replaced by one fresh backup, as for a forgotten member.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from pydantic import ValidationError

from psw_tui.models import Debrief
from psw_tui.models.worker import Contact, ContactKind, check_label
from psw_tui.models import labels
from psw_tui.services.forms import FormError
from psw_tui.services.names import ERASE_PLACEHOLDER, NameDetector, same_name
from psw_tui.storage import RecordStore
from psw_tui.storage.erase import replace_backups
from psw_tui.storage.errors import RecordNotFound

KIND_LABELS = labels.CONTACT_KIND
SHORT_LABELS = labels.CONTACT_KIND_SHORT
MAX_MINUTES = 24 * 60
PERIODS = ("week", "month")


@dataclass(frozen=True)
class ContactInput:
    """What the contact form holds, as typed."""

    day: str
    kind: ContactKind | str
    minutes: str
    label: str = ""
    debrief_needed: bool = False


def build_contact(form: ContactInput, existing: Contact | None = None) -> Contact:
    """A validated contact from the form (keeping an existing one's id and debrief).

    Raises :class:`FormError` naming each field that is wrong (``date``, ``kind``,
    ``minutes``, ``label``); nothing is saved then.
    """
    errors: dict[str, str] = {}
    try:
        day = date.fromisoformat(form.day.strip())
    except ValueError:
        errors["date"] = "Give the date as YYYY-MM-DD, e.g. 2026-11-20."
        day = date.min
    try:
        kind = ContactKind(form.kind)
    except ValueError:
        errors["kind"] = "Choose what kind of contact it was."
        kind = ContactKind.OTHER
    minutes = 0
    text = form.minutes.strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_MINUTES:
        errors["minutes"] = f"Give the minutes as a whole number from 1 to {MAX_MINUTES}."
    else:
        minutes = int(text)
    label = form.label.strip() or None
    if label is not None:
        try:
            label = check_label(label)
        except ValueError as error:
            errors["label"] = str(error)[:1].upper() + str(error)[1:] + "."
    if errors:
        raise FormError(errors)
    keep = {"id": existing.id, "debrief": existing.debrief} if existing is not None else {}
    try:
        return Contact(date=day, kind=kind, minutes=minutes, label=label,
                       debrief_needed=form.debrief_needed, **keep)
    except ValidationError as error:  # pragma: no cover - every field was checked above
        raise FormError({"date": str(error.errors()[0]["msg"])}) from None


def save_contact(store: RecordStore, contact: Contact) -> Contact:
    """Create or replace a contact (one durable write)."""
    return store.contacts.save(contact)


def delete_contact(store: RecordStore, contact_id: UUID) -> bool:
    """Remove a contact (and its debrief); True if it was there."""
    return store.contacts.delete(contact_id)


def save_contact_debrief(store: RecordStore, contact_id: UUID, debrief: Debrief) -> Contact:
    """Keep the worker's private debrief with the contact."""
    contact = store.contacts.get(contact_id)
    if contact is None:
        raise RecordNotFound("that contact is no longer there")
    return store.contacts.save(contact.model_copy(update={"debrief": debrief}))


def contacts_between(store: RecordStore, start: date | None = None, end: date | None = None) -> list[Contact]:
    """Contacts dated from ``start`` to ``end`` (both included, either open), newest first."""
    found = [c for c in store.contacts.all()
             if (start is None or c.date >= start) and (end is None or c.date <= end)]
    return sorted(found, key=lambda c: (c.date, str(c.id)), reverse=True)


# -- workload ------------------------------------------------------------------------------


def period_start(day: date, period: str) -> date:
    """The Monday of ``day``'s week, or the first of its month."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_name(start: date, period: str) -> str:
    """'w/c 16 Nov 2026' for a week, 'Nov 2026' for a month."""
    if period == "week":
        return f"w/c {start.day} {start:%b %Y}"
    return f"{start:%b %Y}"


@dataclass
class WorkloadRow:
    """Contacts and minutes per kind in one week or month."""

    start: date
    name: str
    counts: dict[ContactKind, int] = field(default_factory=lambda: dict.fromkeys(ContactKind, 0))
    minutes: dict[ContactKind, int] = field(default_factory=lambda: dict.fromkeys(ContactKind, 0))

    @property
    def contacts(self) -> int:
        """Contacts of every kind."""
        return sum(self.counts.values())

    @property
    def hours(self) -> float:
        """Hours of every kind."""
        return sum(self.minutes.values()) / 60


def workload(contacts: list[Contact], period: str, start: date, end: date) -> list[WorkloadRow]:
    """One row per week or month from ``start``'s to ``end``'s (empty ones included), oldest first."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    rows: dict[date, WorkloadRow] = {}
    cursor = period_start(start, period)
    while cursor <= end:
        rows[cursor] = WorkloadRow(cursor, period_name(cursor, period))
        cursor = _next(cursor, period)
    for contact in contacts:
        row = rows.get(period_start(contact.date, period))
        if row is None or contact.date < start or contact.date > end:
            continue
        row.counts[contact.kind] += 1
        row.minutes[contact.kind] += contact.minutes
    return list(rows.values())


def kind_totals(rows: list[WorkloadRow]) -> dict[ContactKind, tuple[int, float]]:
    """Per kind over every row: (contacts, hours)."""
    totals: dict[ContactKind, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        for kind in ContactKind:
            totals[kind][0] += row.counts[kind]
            totals[kind][1] += row.minutes[kind]
    return {kind: (totals[kind][0], totals[kind][1] / 60) for kind in ContactKind}


# -- forgetting labels ---------------------------------------------------------------------


def labels_in_use(store: RecordStore) -> list[str]:
    """Every label on a contact, once each (any spelling counts as one), sorted."""
    seen: list[str] = []
    for contact in store.contacts.all():
        if contact.label and not any(same_name(contact.label, known) for known in seen):
            seen.append(contact.label)
    return sorted(seen, key=str.casefold)


def _debrief_scrubbed(debrief: Debrief | None, names: NameDetector) -> Debrief | None:
    if debrief is None:
        return None
    data = debrief.model_dump()
    cleaned = {k: names.redact(v, ERASE_PLACEHOLDER)[0] if isinstance(v, str) else v for k, v in data.items()}
    return None if cleaned == data else Debrief.model_validate(cleaned)


def erase_names(store: RecordStore, names: NameDetector) -> int:
    """Every contact whose label mentions one of ``names`` loses the label, and every mention
    in a contact's debrief is replaced. One write; returns how many contacts changed."""
    changed = []
    for contact in store.contacts.all():
        update: dict[str, object] = {}
        if contact.label and names.find(contact.label):
            update["label"] = None
        debrief = _debrief_scrubbed(contact.debrief, names)
        if debrief is not None:
            update["debrief"] = debrief
        if update:
            changed.append(contact.model_copy(update=update))
    store.contacts.save_many(changed)
    return len(changed)


def count_mentions(store: RecordStore, names: NameDetector) -> int:
    """How many contacts a forget of ``names`` would change (nothing is written)."""
    return sum(
        1 for c in store.contacts.all()
        if (c.label and names.find(c.label)) or _debrief_scrubbed(c.debrief, names) is not None
    )


def forget_label(store: RecordStore, label: str, *, purge_backups: bool = True) -> int:
    """Remove ``label`` (any spelling) from every contact and from their debriefs; older
    backups are replaced by one fresh backup. Returns how many contacts changed.

    Raises :class:`FormError` (field ``label``) when no contact has that label."""
    label = " ".join(label.split())
    if not any(same_name(label, known) for known in labels_in_use(store)):
        raise FormError({"label": "No contact has that label."})
    with store.transaction("forget label"):
        changed = erase_names(store, NameDetector([label]))
    if purge_backups:
        replace_backups(store)
    return changed
