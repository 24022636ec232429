"""Schema versions and the code that moves old data folders forward.

Each migration turns the raw JSON of version ``n`` into version ``n + 1``; it must be
idempotent (running it twice gives the same result) so an interrupted upgrade can simply be
run again. A backup is always taken before migrating, and the version is written last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CURRENT_SCHEMA_VERSION = 1
APP_MARK = "psw-tui"

Tables = dict[str, dict[str, dict[str, Any]]]
FileMigration = Callable[[Tables], Tables]


def _unchanged(tables: Tables) -> Tables:
    return tables


@dataclass(frozen=True)
class Migration:
    """How to bring each kind of data file from one version to the next."""

    to_version: int
    catalog: FileMigration = _unchanged
    session: FileMigration = _unchanged
    reflections: FileMigration = _unchanged
    bundle: Callable[[dict[str, Any]], dict[str, Any]] = _unchanged  # type: ignore[assignment]
    description: str = field(default="")


# from_version -> Migration. Version 1 is the first release, so there is nothing yet.
MIGRATIONS: dict[int, Migration] = {}


def plan(found: int, target: int | None = None) -> list[Migration]:
    """The migrations that take ``found`` to ``target`` (default: the current version)."""
    target = CURRENT_SCHEMA_VERSION if target is None else target
    steps = []
    for version in range(found, target):
        if version not in MIGRATIONS:
            raise LookupError(f"no migration from schema {version} to {version + 1}")
        steps.append(MIGRATIONS[version])
    return steps


def migrate_bundle(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a bundle's raw JSON from its ``schema_version`` to the current one.

    Raises ``ValueError`` (one line) for a version newer than this psw-tui reads, or one
    psw-tui never wrote.
    """
    found = data.get("schema_version", 1)
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise ValueError(f"schema_version {found!r} is not one psw-tui ever wrote")
    if found > CURRENT_SCHEMA_VERSION:
        raise ValueError(
            f"it was written by a newer psw-tui (schema {found}; this one reads up to "
            f"{CURRENT_SCHEMA_VERSION}); upgrade psw-tui to import it"
        )
    for step in plan(found):
        data = {**step.bundle(data), "schema_version": step.to_version}
    return data
