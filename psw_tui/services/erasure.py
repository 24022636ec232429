"""Forget a member: erase a person everywhere, for a right-to-erasure request.

What happens, in this order (so an interruption can simply be repeated):

1. Every register row of the person, in every session file, keeps its attendance status but
   loses the link to them: its ``member_id`` becomes a fresh random id that matches no one
   (a different one per row, so nothing links the rows to each other). Such rows show as
   "(removed)" on registers and summaries, and every count (present, apologies, head count)
   stays what it was. Walk-in or guest rows under the same name become "Person removed".
2. Actions they owned keep their text but lose the owner.
3. Every mention of the name in free text (notes of every kind and their tags, actions,
   concerns, session titles, agendas, check-in questions and debriefs, walk-in names, group
   names, agreements, signposting, question banks, user templates, reflections, the
   worker's supervision records, contact debriefs and every wellness plan version) is replaced
   by ``[name removed]``. Mentions are found by the one
   :class:`~psw_tui.services.names.NameDetector`, in every spelling it knows (any case,
   accents or none, NFC or NFD, any whitespace inside a two-word name, possessives).
   Reflections are rewritten in every year file, so a copy left in a second year file by an
   interrupted move is cleaned too.
   A contact whose pseudonymous label is the name loses the label.
4. The person's roster entry is deleted (last, so a repeat run still finds them).
5. Optionally, older backups (zip copies that still hold the name) are replaced by one fresh
   backup. Otherwise they drop out as backups rotate (seven generations).

No model changes: the placeholder rows are ordinary valid records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID, uuid4

from pydantic import BaseModel, ValidationError

from psw_tui.models import Member, RegisterKind
from psw_tui.services.contacts import count_mentions, erase_names
from psw_tui.services.forms import FormError
from psw_tui.services.names import ERASE_PLACEHOLDER, NameDetector, same_name
from psw_tui.storage import RecordStore
from psw_tui.storage.erase import replace_backups, rewrite_reflection_copies
from psw_tui.storage.errors import RecordNotFound

REMOVED_TEXT = ERASE_PLACEHOLDER
REMOVED_WALK_IN = "Person removed"

# Keys whose values are structure (ids, enums, dates), never free text.
_STRUCTURAL = {"id", "kind", "status", "model", "group_kind", "role", "format", "date"}
_STRUCTURAL_SUFFIXES = ("_id", "_ids", "_at", "_on", "_date", "_minutes", "_time")
_MAX_CUTS = 8

M = TypeVar("M", bound=BaseModel)


def _scrub_value(value: Any, names: NameDetector, key: str = "") -> Any:
    if key in _STRUCTURAL or key.endswith(_STRUCTURAL_SUFFIXES):
        return value
    if isinstance(value, str):
        return names.redact(value, REMOVED_TEXT)[0]
    if isinstance(value, list):
        return [_scrub_value(item, names) for item in value]
    if isinstance(value, dict):
        return {k: _scrub_value(v, names, str(k)) for k, v in value.items()}
    return value


def scrub(record: M, names: NameDetector) -> M | None:
    """The record with every mention replaced, or None when it mentions no one.

    A value that the longer placeholder pushes past its field's length limit is cut to fit
    (its end is lost, the name never survives).
    """
    data = record.model_dump(mode="json")
    cleaned = _scrub_value(data, names)
    if cleaned == data:
        return None
    for _ in range(_MAX_CUTS):
        try:
            return type(record).model_validate(cleaned)
        except ValidationError as error:
            too_long = [e for e in error.errors() if e["type"] == "string_too_long"]
            if not too_long:
                raise
            for problem in too_long:
                _cut(cleaned, problem["loc"], int(problem["ctx"]["max_length"]))
    return type(record).model_validate(cleaned)


def _cut(data: Any, loc: tuple[int | str, ...], limit: int) -> None:
    *path, last = loc
    for step in path:
        data = data[step]
    data[last] = data[last][: limit - 1].rstrip() + "…"


def _changed(records: Iterable[M], names: NameDetector) -> list[M]:
    return [new for new in (scrub(r, names) for r in records) if new is not None]


@dataclass
class ErasurePlan:
    """What forgetting a member will change, counted before anything is written."""

    name: str
    member_ids: list[UUID]
    group_names: list[str]
    other_rosters: list[str]
    register_rows: int = 0
    owned_actions: int = 0
    mentions: int = 0
    sessions: list[UUID] = field(default_factory=list)


def _people(store: RecordStore, member: Member, everywhere: bool) -> list[Member]:
    if not everywhere:
        return [member]
    return [m for m in store.members.all() if same_name(m.display_name, member.display_name)]


def _detector(people: list[Member]) -> NameDetector:
    return NameDetector(person.display_name for person in people)


def plan_erasure(store: RecordStore, member_id: UUID, *, everywhere: bool = False) -> ErasurePlan:
    """Count what forgetting this member (and, ``everywhere``, the same name on every other
    roster) would change. Writes nothing."""
    member = store.members.get(member_id)
    if member is None:
        raise RecordNotFound("that person is no longer on the roster")
    people = _people(store, member, everywhere)
    ids = {m.id for m in people}
    groups = {g.id: g.name for g in store.groups.all()}
    others = sorted(
        groups.get(m.group_id, "?") for m in store.members.all()
        if same_name(m.display_name, member.display_name) and m.id != member.id
    )
    plan = ErasurePlan(
        name=member.display_name,
        member_ids=[m.id for m in people],
        group_names=sorted(groups.get(m.group_id, "?") for m in people),
        other_rosters=others,
    )
    names = _detector(people)
    for header in store.sessions.headers():
        touched = False
        for entry in store.register(header.id).all():
            if entry.member_id in ids or _walk_in_named(entry, member.display_name):
                plan.register_rows += 1
                touched = True
            elif found := _mentions(entry, names):
                plan.mentions += found
                touched = True
        for action in store.actions(header.id).all():
            if action.owner_id in ids:
                plan.owned_actions += 1
                touched = True
        found = _count_mentions(store, header.id, names)
        plan.mentions += found
        if touched or found:
            plan.sessions.append(header.id)
    records: list[BaseModel] = [*store.groups.all(), *store.reflections.all(), *store.supervision.all(),
                                *store.wellness.versions()]
    records += [t for t in store.templates.all() if not t.builtin]
    plan.mentions += sum(_mentions(r, names) for r in records) + count_mentions(store, names)
    return plan


def _walk_in_named(entry: Any, name: str) -> bool:
    return entry.kind is not RegisterKind.ROSTER and same_name(entry.display_name or "", name)


def _count_mentions(store: RecordStore, session_id: UUID, names: NameDetector) -> int:
    records: list[BaseModel] = [store.sessions.get(session_id)]
    for part in (store.notes, store.actions, store.concerns):
        records.extend(part(session_id).all())
    return sum(_mentions(r, names) for r in records)


def _mentions(record: BaseModel, names: NameDetector) -> int:
    # One search per record: NUL is neither a word character nor a space, so no name
    # spans two values.
    return names.redact("\0".join(_texts(record.model_dump(mode="json"))), REMOVED_TEXT)[1]


def _texts(value: Any, key: str = "") -> list[str]:
    if key in _STRUCTURAL or key.endswith(_STRUCTURAL_SUFFIXES):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(v, str(k))]
    return []


def forget_member(
    store: RecordStore,
    member_id: UUID,
    typed_name: str,
    *,
    everywhere: bool = False,
    purge_backups: bool = True,
) -> ErasurePlan:
    """Erase a person everywhere after the name was typed to confirm (see module doc).

    Raises FormError (field ``confirm``) when the typed name does not match, or when a
    session of their group is running; nothing is written then.
    """
    member = store.members.get(member_id)
    if member is None:
        raise RecordNotFound("that person is no longer on the roster")
    if typed_name.strip().casefold() != member.display_name.casefold():
        raise FormError({"confirm": f"Type the name exactly as shown: {member.display_name}"})
    people = _people(store, member, everywhere)
    ids = {m.id for m in people}
    group_ids = {m.group_id for m in people}
    if any(h.group_id in group_ids for h in store.sessions.running()):
        raise FormError({"confirm": "A session of this group is running; end it first."})
    plan = plan_erasure(store, member_id, everywhere=everywhere)
    names = _detector(people)
    with store.transaction("forget member"):  # all or nothing, after a kill or a disk error
        for session_id in plan.sessions:
            _erase_in_session(store, session_id, ids, member.display_name, names)
        store.groups.save_many(_changed(store.groups.all(), names))
        store.templates.save_many(_changed((t for t in store.templates.all() if not t.builtin), names))
        rewrite_reflection_copies(store, lambda reflection: scrub(reflection, names))
        store.supervision.save_many(_changed(store.supervision.all(), names))
        store.wellness.replace_many(_changed(store.wellness.versions(), names))
        erase_names(store, names)  # a contact labelled with the name loses the label
        for person in people:
            store.members.delete(person.id)
    if purge_backups:
        replace_backups(store)
    return plan


def _erase_in_session(
    store: RecordStore, session_id: UUID, ids: set[UUID], name: str, names: NameDetector
) -> None:
    register = store.register(session_id)
    rows = []
    for entry in register.all():
        if entry.member_id in ids:
            rows.append(entry.model_copy(update={"member_id": uuid4()}))
        elif _walk_in_named(entry, name):
            rows.append(entry.model_copy(update={"display_name": REMOVED_WALK_IN}))
        elif (cleaned := scrub(entry, names)) is not None:
            rows.append(cleaned)  # a walk-in called after them ("Zoë's friend")
    register.save_many(rows)
    actions = store.actions(session_id)
    owned = [
        a.model_copy(update={"owner_id": None}) for a in actions.all() if a.owner_id in ids
    ]
    actions.save_many(owned)
    actions.save_many(_changed(actions.all(), names))
    store.notes(session_id).save_many(_changed(store.notes(session_id).all(), names))
    store.concerns(session_id).save_many(_changed(store.concerns(session_id).all(), names))
    session = store.sessions.get(session_id)
    cleaned = scrub(session, names)
    if cleaned is not None:
        store.sessions.save(cleaned)
