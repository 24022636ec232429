"""Writing a whole validated bundle into a store, all or nothing."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from psw_tui.models import Bundle, SessionHeader
from psw_tui.storage.durable import atomic_write, decode_tables, encode
from psw_tui.storage.errors import ImportRejected

if TYPE_CHECKING:
    from psw_tui.storage.store import RecordStore


def _table(items: list[Any]) -> dict[str, dict[str, Any]]:
    return {str(item.id): item.model_dump(mode="json", exclude={"id"}) for item in items}


def _existing_ids(store: RecordStore) -> set[str]:
    ids = {str(item.id) for repo in (store.groups, store.members, store.templates) for item in repo.all()}
    ids |= {str(header.id) for header in store.sessions.headers()}
    ids |= {str(reflection.id) for reflection in store.reflections.all()}
    return ids


def write_bundle(store: RecordStore, bundle: Bundle) -> None:
    """Add every record of ``bundle`` to ``store``.

    New session files are written first (they are invisible until indexed), then the catalog
    in one atomic write (the commit point), then the reflection files. If any write fails,
    the files written so far are removed or put back, so the store is as before.
    """
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
    written: list[Path] = []
    originals: dict[Path, bytes | None] = {}

    def remember(path: Path) -> None:
        if path not in originals:
            originals[path] = path.read_bytes() if path.exists() else None

    try:
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
            atomic_write(path, codec.seal(encode(tables)))
            written.append(path)
            stat = path.stat()
            row = SessionHeader.of(part.session).model_dump(mode="json", exclude={"id"})
            row["fingerprint"] = [stat.st_mtime_ns, stat.st_size]
            rows[str(part.session.id)] = row

        catalog = dict(store.catalog.storage.read() or {})
        remember(paths.catalog)
        for name, items in (
            ("groups", bundle.groups),
            ("members", bundle.members),
            ("templates", bundle.templates),
        ):
            catalog[name] = {**catalog.get(name, {}), **_table(items)}
        catalog["sessions"] = {**catalog.get("sessions", {}), **rows}
        atomic_write(paths.catalog, codec.seal(encode(catalog)))

        by_year: dict[int, list[BaseModel]] = {}
        for reflection in bundle.reflections:
            by_year.setdefault(reflection.written_on.year, []).append(reflection)
        for year, items in sorted(by_year.items()):
            path = paths.reflection_file(year)
            remember(path)
            tables: dict[str, Any] = {"reflections": {}}
            if originals[path] is not None:
                tables = decode_tables(codec.unseal(originals[path] or b"{}", path), path)
            tables["reflections"] = {**tables.get("reflections", {}), **_table(items)}
            atomic_write(path, codec.seal(encode(tables)))
    except BaseException:
        for path in written:
            with suppress(OSError):
                path.unlink()
        for path, raw in originals.items():
            with suppress(OSError):
                if raw is None:
                    path.unlink(missing_ok=True)
                else:
                    atomic_write(path, raw)
        raise
    finally:
        store.reload()
