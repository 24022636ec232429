"""The schema version stored with the data, and moving old data folders forward."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from psw_tui.storage import migrations
from psw_tui.storage.backups import newest_good_backup, take_backup
from psw_tui.storage.durable import atomic_write, encode, read_tables
from psw_tui.storage.errors import StoreCorrupt
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.repositories import describe_error


def new_meta() -> dict[str, Any]:
    """The meta record of a new catalog."""
    return {
        "app": migrations.APP_MARK,
        "schema_version": migrations.CURRENT_SCHEMA_VERSION,
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def read_schema_version(catalog: Path, paths: DataPaths) -> int:
    """Read the schema version, raising StoreCorrupt (with a backup named) for a foreign file."""
    try:
        tables = read_tables(catalog, paths.codec)
    except StoreCorrupt as error:
        raise StoreCorrupt(error.path, error.reason, newest_good_backup(paths)) from None
    schema = tables.get("meta", {}).get("schema", {})
    version = schema.get("schema_version")
    if schema.get("app") != migrations.APP_MARK or not isinstance(version, int) or version < 1:
        raise StoreCorrupt(catalog, "it is not a psw-tui catalog", newest_good_backup(paths))
    return version


def migrate(paths: DataPaths, found: int) -> None:
    """Back up, then bring every data file from schema ``found`` to the current one."""
    steps = migrations.plan(found)
    take_backup(paths)
    for step in steps:
        for file in paths.data_files():
            tables = read_tables(file, paths.codec)
            if file == paths.catalog:
                tables = step.catalog(tables)
                tables.setdefault("meta", {}).setdefault("schema", {})
            elif file.parent == paths.sessions:
                tables = step.session(tables)
            else:
                tables = step.reflections(tables)
            if file == paths.catalog:
                continue  # the catalog, with its version, is written last
            atomic_write(file, paths.codec.seal(encode(tables), file))
        catalog = step.catalog(read_tables(paths.catalog, paths.codec))
        catalog.setdefault("meta", {}).setdefault("schema", {})["schema_version"] = step.to_version
        atomic_write(paths.catalog, paths.codec.seal(encode(catalog), paths.catalog))


def validation_message(error: ValidationError) -> str:
    """A validation error as one line naming the field."""
    return describe_error(error)
