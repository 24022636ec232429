"""Validating and producing bundles: the complete, re-importable JSON form of records."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from psw_tui.models import Bundle, SessionBundle
from psw_tui.storage import ImportRejected, RecordStore
from psw_tui.storage.migrations import migrate_bundle


def _location(loc: tuple[Any, ...], data: Any) -> str:
    """Turn a pydantic error location into 'sessions[3].notes[2] (id ...) field text'."""
    parts: list[str] = []
    node = data
    record_id = None
    for index, part in enumerate(loc):
        if isinstance(part, int):
            parts[-1] = f"{parts[-1]}[{part}]" if parts else f"[{part}]"
            if isinstance(node, list) and 0 <= part < len(node):
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    record_id = node["id"]
                elif isinstance(node, dict) and isinstance(node.get("session"), dict):
                    record_id = node["session"].get("id", record_id)
            continue
        is_field = index == len(loc) - 1 or not isinstance(loc[index + 1], int)
        if isinstance(node, dict):
            node = node.get(part)
        if is_field and index == len(loc) - 1:
            where = ".".join(parts) or "bundle"
            suffix = f" (id {record_id})" if record_id else ""
            return f"{where}{suffix}, field {part!r}"
        parts.append(str(part))
    where = ".".join(parts) or "bundle"
    return f"{where} (id {record_id})" if record_id else where


def parse_bundle(data: Any) -> Bundle:
    """Validate raw JSON as a bundle, raising :class:`ImportRejected` naming record and field."""
    if not isinstance(data, dict) or data.get("format") != "psw-tui-bundle":
        raise ImportRejected("this is not a psw-tui bundle (no \"format\": \"psw-tui-bundle\")")
    try:
        data = migrate_bundle(data)  # refuses a newer schema before its fields are judged
    except ValueError as error:
        raise ImportRejected(f"this bundle cannot be imported: {error}; nothing was imported") from None
    try:
        bundle = Bundle.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise ImportRejected(
            f"{_location(tuple(first['loc']), data)}: {first['msg']} "
            f"({error.error_count()} problem(s) in all); nothing was imported"
        ) from None
    check_references(bundle)
    return bundle


def check_references(bundle: Bundle) -> None:
    """Every record must point at records that exist, and ids must be unique."""
    ids = Counter(
        str(item.id)
        for item in [*bundle.groups, *bundle.members, *bundle.templates, *bundle.reflections]
        + [part.session for part in bundle.sessions]
        + [r for part in bundle.sessions for r in (*part.register_entries, *part.notes, *part.actions, *part.concerns)]
    )
    duplicated = [record_id for record_id, count in ids.items() if count > 1]
    if duplicated:
        raise ImportRejected(f"record id {duplicated[0]} appears more than once; nothing was imported")
    groups = {group.id for group in bundle.groups}
    members = {member.id for member in bundle.members}
    sessions = {part.session.id for part in bundle.sessions}

    def reject(what: str, record_id: UUID, field: str, target: UUID | None) -> None:
        raise ImportRejected(
            f"{what} (id {record_id}), field {field!r}: refers to {target}, which is not in the "
            "bundle; nothing was imported"
        )

    for member in bundle.members:
        if member.group_id not in groups:
            reject("member", member.id, "group_id", member.group_id)
    for part in bundle.sessions:
        session = part.session
        if session.group_id not in groups:
            reject("session", session.id, "group_id", session.group_id)
        segments = {segment.id for segment in session.agenda}
        for entry in part.register_entries:
            if entry.session_id != session.id:
                reject("register entry", entry.id, "session_id", entry.session_id)
            if entry.member_id is not None and entry.member_id not in members:
                reject("register entry", entry.id, "member_id", entry.member_id)
        for note in part.notes:
            if note.session_id != session.id:
                reject("note", note.id, "session_id", note.session_id)
            if note.segment_id is not None and note.segment_id not in segments:
                reject("note", note.id, "segment_id", note.segment_id)
        for action in part.actions:
            if action.session_id != session.id:
                reject("action", action.id, "session_id", action.session_id)
            if action.owner_id is not None and action.owner_id not in members:
                reject("action", action.id, "owner_id", action.owner_id)
        for concern in part.concerns:
            if concern.session_id != session.id:
                reject("concern", concern.id, "session_id", concern.session_id)
    for reflection in bundle.reflections:
        if reflection.session_id is not None and reflection.session_id not in sessions:
            reject("reflection", reflection.id, "session_id", reflection.session_id)


def export_bundle(store: RecordStore) -> Bundle:
    """Everything in the store as one bundle (user templates only; built-ins ship with psw-tui)."""
    sessions = []
    for header in store.sessions.headers():
        sessions.append(
            SessionBundle(
                session=store.sessions.get(header.id),
                register_entries=store.register(header.id).all(),
                notes=store.notes(header.id).all(),
                actions=store.actions(header.id).all(),
                concerns=store.concerns(header.id).all(),
            )
        )
    return Bundle(
        groups=store.groups.all(),
        members=store.members.all(),
        templates=[t for t in store.templates.all() if not t.builtin],
        sessions=sessions,
        reflections=store.reflections.all(),
    )


def shift_dates(bundle: Bundle, today: date) -> Bundle:
    """Move every date of a demo bundle by whole weeks so its anchor lands in ``today``'s week."""
    if bundle.anchor_date is None:
        return bundle
    weeks = (today - bundle.anchor_date).days // 7
    if (today - bundle.anchor_date).days % 7 > 3:
        weeks += 1
    delta = timedelta(weeks=weeks)
    data = bundle.model_dump(mode="python")
    shifted = _shift(data, delta)
    shifted["anchor_date"] = None
    return Bundle.model_validate(shifted)


def _shift(value: Any, delta: timedelta) -> Any:
    if isinstance(value, dict):
        return {key: _shift(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift(item, delta) for item in value]
    if isinstance(value, date):  # datetimes are dates too
        return value + delta
    return value
