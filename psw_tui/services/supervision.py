"""The worker's own supervision, of every kind: the log, what is overdue, agreed actions.

Two sources count: supervision records the worker logs (line management, clinical, peer
support, group, reflective practice), and the ended sessions of their own supervision
groups (as group supervision) and reflective practice groups (as reflective practice),
which count without being logged. A kind is overdue when its last supervision is more than
its rule's weeks ago (``Settings.supervision_every_weeks``); a kind never had yet, or with
a rule of 0, is shown as not tracked, never as overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from psw_tui.models import ActionStatus, GroupKind, SessionStatus
from psw_tui.models.settings import SUPERVISION_EVERY_WEEKS
from psw_tui.models.worker import SupervisionAction, SupervisionKind, SupervisionRecord
from psw_tui.models import labels
from psw_tui.services.forms import FormError
from psw_tui.storage import RecordStore
from psw_tui.storage.errors import RecordNotFound

KIND_LABELS = labels.SUPERVISION_KIND
# Group sessions that count as the worker's own supervision, and as which kind.
GROUP_KINDS = {
    GroupKind.SUPERVISION: SupervisionKind.GROUP,
    GroupKind.REFLECTIVE_PRACTICE: SupervisionKind.REFLECTIVE_PRACTICE,
}
MAX_MINUTES = 12 * 60
MAX_ACTION = 300


@dataclass(frozen=True)
class SupervisionInput:
    """What the supervision form holds, as typed (``actions``: one agreed action a line)."""

    day: str
    kind: SupervisionKind | str
    supervisor: str
    minutes: str
    actions: str = ""


def build_record(form: SupervisionInput, existing: SupervisionRecord | None = None) -> SupervisionRecord:
    """A validated record from the form. An action line already on ``existing`` keeps its
    status; a line removed goes. Raises :class:`FormError` naming each wrong field
    (``date``, ``kind``, ``supervisor``, ``minutes``, ``actions``)."""
    errors: dict[str, str] = {}
    try:
        day = date.fromisoformat(form.day.strip())
    except ValueError:
        errors["date"] = "Give the date as YYYY-MM-DD, e.g. 2026-11-20."
        day = date.min
    try:
        kind = SupervisionKind(form.kind)
    except ValueError:
        errors["kind"] = "Choose what kind of supervision it was."
        kind = SupervisionKind.CLINICAL
    supervisor = " ".join(form.supervisor.split())
    if len(supervisor) > 80:
        errors["supervisor"] = f"Keep the name to 80 characters (now {len(supervisor)})."
    text = form.minutes.strip()
    minutes = int(text) if text.isdigit() else 0
    if not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = f"Give the minutes as a whole number from 1 to {MAX_MINUTES}."
    lines = [" ".join(line.split()) for line in form.actions.splitlines()]
    lines = [line for line in lines if line]
    long = [line for line in lines if len(line) > MAX_ACTION]
    if long:
        errors["actions"] = f"Keep each action to one line of {MAX_ACTION} characters."
    if errors:
        raise FormError(errors)
    old = {a.text.casefold(): a for a in existing.actions} if existing else {}
    actions = []
    for line in dict.fromkeys(lines):  # the same line twice is one action
        kept = old.get(line.casefold())
        actions.append(kept.model_copy(update={"text": line, "raised_on": day}) if kept
                       else SupervisionAction(text=line, raised_on=day))
    keep = {"id": existing.id} if existing is not None else {}
    return SupervisionRecord(date=day, kind=kind, supervisor=supervisor, minutes=minutes, actions=actions, **keep)


def save_record(store: RecordStore, record: SupervisionRecord) -> SupervisionRecord:
    """Create or replace a supervision record (one durable write)."""
    return store.supervision.save(record)


def delete_record(store: RecordStore, record_id: UUID) -> bool:
    """Remove a supervision record and its actions; True if it was there."""
    return store.supervision.delete(record_id)


# -- the log -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    """One supervision in the log: logged by the worker, or a session of their group."""

    date: date
    kind: SupervisionKind
    who: str  # the supervisor, or the group's name
    minutes: int | None
    record: SupervisionRecord | None  # None for a group session

    @property
    def from_group(self) -> bool:
        """Whether it counts from a group session (not editable here)."""
        return self.record is None


def supervision_log(store: RecordStore, until: date | None = None) -> list[LogEntry]:
    """Every supervision, logged or from a group session, newest first."""
    entries = [LogEntry(r.date, r.kind, r.supervisor, r.minutes, r) for r in store.supervision.all()]
    groups = {g.id: g for g in store.groups.all() if g.kind in GROUP_KINDS}
    for header in store.sessions.headers():
        group = groups.get(header.group_id)
        if group is not None and header.status is SessionStatus.ENDED:
            entries.append(LogEntry(header.date, GROUP_KINDS[group.kind], group.name, None, None))
    if until is not None:
        entries = [e for e in entries if e.date <= until]
    return sorted(entries, key=lambda e: (e.date, e.kind.value, e.who), reverse=True)


# -- overdue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindStatus:
    """One kind of supervision: its rule, when it was last had, and whether it is overdue."""

    kind: SupervisionKind
    every_weeks: int
    last: date | None
    days_since: int | None

    @property
    def tracked(self) -> bool:
        """A rule is set and this kind was had at least once."""
        return self.every_weeks > 0 and self.last is not None

    @property
    def overdue(self) -> bool:
        """More than the rule's weeks since the last one."""
        return self.tracked and self.days_since is not None and self.days_since > self.every_weeks * 7

    @property
    def weeks_since(self) -> int | None:
        """Whole weeks since the last one."""
        return None if self.days_since is None else self.days_since // 7

    def words(self) -> str:
        """'clinical (7 weeks)'."""
        weeks = self.weeks_since or 0
        return f"{KIND_LABELS[self.kind].lower()} ({weeks} week{'s' if weeks != 1 else ''})"


def last_by_kind(store: RecordStore, today: date) -> dict[SupervisionKind, date]:
    """The most recent supervision of each kind on or before ``today``."""
    last: dict[SupervisionKind, date] = {}

    def seen(kind: SupervisionKind, day: date) -> None:
        if day <= today and (kind not in last or day > last[kind]):
            last[kind] = day

    for record in store.supervision.all():
        seen(record.kind, record.date)
    groups = {g.id: GROUP_KINDS[g.kind] for g in store.groups.all() if g.kind in GROUP_KINDS}
    if groups:
        for header in store.sessions.headers():
            kind = groups.get(header.group_id)
            if kind is not None and header.status is SessionStatus.ENDED:
                seen(kind, header.date)
    return last


def supervision_status(store: RecordStore, today: date, rules: dict[str, int] | None = None) -> list[KindStatus]:
    """Every kind, in the order of :class:`SupervisionKind`, with its rule and last date."""
    rules = {**SUPERVISION_EVERY_WEEKS, **(rules or {})}
    last = last_by_kind(store, today)
    return [
        KindStatus(kind, rules[kind.value], last.get(kind), (today - last[kind]).days if kind in last else None)
        for kind in SupervisionKind
    ]


def overdue_supervision(store: RecordStore, today: date, rules: dict[str, int] | None = None) -> list[KindStatus]:
    """The kinds overdue now, longest overdue first."""
    rows = [row for row in supervision_status(store, today, rules) if row.overdue]
    return sorted(rows, key=lambda row: -(row.days_since or 0) + row.every_weeks * 7)


def overdue_line(rows: list[KindStatus]) -> str:
    """'Supervision overdue: clinical (7 weeks), line management (5 weeks)', or ''."""
    if not rows:
        return ""
    return "Supervision overdue: " + ", ".join(row.words() for row in rows)


# -- agreed actions ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreedAction:
    """An action agreed in supervision, with the record it came from."""

    action: SupervisionAction
    record: SupervisionRecord

    @property
    def source(self) -> str:
        """Where it came from, clearly marked: 'Supervision (clinical)'."""
        return f"Supervision ({KIND_LABELS[self.record.kind].lower()})"


def open_agreed_actions(store: RecordStore) -> list[AgreedAction]:
    """Open actions agreed in supervision, oldest first."""
    found = [AgreedAction(a, r) for r in store.supervision.all() for a in r.actions
             if a.status is ActionStatus.OPEN]
    return sorted(found, key=lambda f: (f.action.raised_on, f.action.text.casefold(), str(f.action.id)))


def set_action_status(store: RecordStore, record_id: UUID, action_id: UUID, status: ActionStatus,
                      today: date) -> SupervisionRecord:
    """Mark an agreed action done, dropped or open again."""
    record = store.supervision.get(record_id)
    if record is None:
        raise RecordNotFound("that supervision record is no longer there")
    closed = None if status is ActionStatus.OPEN else today
    actions = [a.model_copy(update={"status": status, "closed_on": closed}) if a.id == action_id else a
               for a in record.actions]
    return store.supervision.save(record.model_copy(update={"actions": actions}))
