"""Writing a whole validated bundle into a store, all or nothing."""

from __future__ import annotations

from typing import Any, Protocol

from psw_tui.models import Bundle, SessionHeader
from psw_tui.storage import migrations
from psw_tui.storage.durable import RecordDB, decode_tables, encode, read_bounded
from psw_tui.storage.errors import ImportRejected
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.reflections import ReflectionRepository
from psw_tui.storage.repositories import TableRepository
from psw_tui.storage.sessions import SessionRepository, fingerprint


class ImportTarget(Protocol):
    """What an import needs of the store (see ``store.RecordStore``)."""

    paths: DataPaths
    groups: TableRepository[Any]
    members: TableRepository[Any]
    templates: TableRepository[Any]
    sessions: SessionRepository
    reflections: ReflectionRepository

    @property
    def catalog(self) -> RecordDB: ...

    def transaction(self, label: str) -> Any: ...

    def reload(self) -> None: ...


def _table(items: list[Any]) -> dict[str, dict[str, Any]]:
    return {str(item.id): item.model_dump(mode="json", exclude={"id"}) for item in items}


def _existing_ids(store: ImportTarget) -> set[str]:
    ids = {str(item.id) for repo in (store.groups, store.members, store.templates) for item in repo.all()}
    ids |= {str(header.id) for header in store.sessions.headers()}
    ids |= {str(reflection.id) for reflection in store.reflections.all()}
    return ids


def check_schema(bundle: Bundle) -> None:
    """Refuse a bundle written by a newer psw-tui (older ones were migrated when parsed)."""
    if bundle.schema_version > migrations.CURRENT_SCHEMA_VERSION:
        raise ImportRejected(
            f"this bundle was written by a newer psw-tui (schema {bundle.schema_version}; this "
            f"one reads up to {migrations.CURRENT_SCHEMA_VERSION}); upgrade psw-tui to import "
            "it; nothing was imported"
        )
    if bundle.schema_version < 1:
        raise ImportRejected(
            f"schema_version {bundle.schema_version} is not one psw-tui ever wrote; nothing was imported"
        )


def write_bundle(store: ImportTarget, bundle: Bundle) -> None:
    """Add every record of ``bundle`` to ``store``, as one journaled change.

    Session files, the catalog and the reflection year files are staged beside the data,
    then switched in together (see ``journal``): a kill or a disk error at any point leaves
    either the store as before (the next open removes the staged files) or the whole import.
    """
    check_schema(bundle)
    clashes = _existing_ids(store) & {
        str(item.id)
        for item in [*bundle.groups, *bundle.members, *bundle.templates, *bundle.reflections]
        + [part.session for part in bundle.sessions]
    }
    if clashes:
        raise ImportRejected(
            f"{len(clashes)} record(s) are already in this data folder (e.g. {sorted(clashes)[0]}); "
            "nothing was imported"
        )
    paths = store.paths
    codec = paths.codec
    try:
        with store.transaction("import") as tx:
            rows: dict[str, dict[str, Any]] = {}
            for part in bundle.sessions:
                path = paths.session_file(part.session.id)
                tables = {
                    "session": _table([part.session]),
                    "register": _table(part.register_entries),
                    "notes": _table(part.notes),
                    "actions": _table(part.actions),
                    "concerns": _table(part.concerns),
                }
                tx.stage_write(path, codec.seal(encode(tables), path))
                row = SessionHeader.of(part.session).model_dump(mode="json", exclude={"id"})
                row["fingerprint"] = fingerprint(tx.stat(path))
                rows[str(part.session.id)] = row

            catalog = dict(store.catalog.storage.read() or {})
            for name, items in (
                ("groups", bundle.groups),
                ("members", bundle.members),
                ("templates", bundle.templates),
            ):
                catalog[name] = {**catalog.get(name, {}), **_table(items)}
            catalog["sessions"] = {**catalog.get("sessions", {}), **rows}
            tx.stage_write(paths.catalog, codec.seal(encode(catalog), paths.catalog))

            by_year: dict[int, list[Any]] = {}
            for reflection in bundle.reflections:
                by_year.setdefault(reflection.written_on.year, []).append(reflection)
            for year, items in sorted(by_year.items()):
                path = paths.reflection_file(year)
                tables: dict[str, Any] = {"reflections": {}}
                if path.exists():
                    tables = decode_tables(codec.unseal(read_bounded(path), path), path)
                tables["reflections"] = {**tables.get("reflections", {}), **_table(items)}
                tx.stage_write(path, codec.seal(encode(tables), path))
    finally:
        store.reload()
