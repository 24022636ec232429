"""Reflections: one file per year, so saving one never rewrites the whole journal."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar
from uuid import UUID

from psw_tui.models import Reflection
from psw_tui.storage import journal
from psw_tui.storage.durable import BackupFinder, RecordDB
from psw_tui.storage.errors import StoreCorrupt
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.repositories import TableRepository, adapter_for

TABLE = "reflections"
P = ParamSpec("P")
R = TypeVar("R")


def _locked(method: Callable[Concatenate[ReflectionRepository, P], R]) -> Callable[Concatenate[ReflectionRepository, P], R]:
    @wraps(method)
    def run(self: ReflectionRepository, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._guard:
            return method(self, *args, **kwargs)

    return run


class ReflectionRepository:
    """A PSW's reflections, spread over ``reflections/YYYY.json`` by the date written."""

    def __init__(
        self,
        paths: DataPaths,
        backup_finder: BackupFinder | None = None,
        *,
        read_only: bool = False,
        guard: AbstractContextManager[Any] | None = None,
    ) -> None:
        self._paths = paths
        self._guard = guard if guard is not None else nullcontext()
        self._backup_finder = backup_finder
        self._read_only = read_only
        self._dbs: dict[int, RecordDB] = {}
        self._year_of: dict[UUID, int] | None = None
        self.damaged: dict[int, StoreCorrupt] = {}  # year -> why its file cannot be read
        self.after_abort: Callable[[], None] = self.forget  # the store sets its own
        self.repaired = 0  # stale copies removed (left by a move cut off before the journal)

    def _repo(self, year: int) -> TableRepository[Reflection]:
        db = self._dbs.get(year)
        if db is None:
            db = self._dbs[year] = RecordDB(
                self._paths.reflection_file(year), self._backup_finder, self._paths.codec, self._read_only
            )
        path = self._paths.reflection_file(year)
        return TableRepository(adapter_for(Reflection), path, lambda: db.table(TABLE), self._backup_finder, self._guard)

    def _abort(self) -> None:
        self.forget()
        self.after_abort()

    @_locked
    def forget(self) -> None:
        """Drop every in-memory copy so the next read comes from disk."""
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()
        self._year_of = None

    def _years(self) -> list[int]:
        if not self._paths.reflections.is_dir():
            return []
        years = []
        for path in self._paths.reflections.glob("*.json"):
            if path.stem.isdigit():
                years.append(int(path.stem))
        return sorted(years)

    @_locked
    def all(self) -> list[Reflection]:
        """Every reflection, newest first.

        A year file that cannot be read is skipped and listed in :attr:`damaged` (it blocks
        only itself). A reflection found in two year files (a move cut off before moves
        were journaled) is read as its newer copy, and the older copy is removed.
        """
        year_of: dict[UUID, int] = {}
        by_id: dict[UUID, Reflection] = {}
        stale: dict[int, list[UUID]] = {}
        self.damaged = {}
        for year in self._years():
            try:
                found = self._repo(year).all()
            except StoreCorrupt as error:
                self.damaged[year] = error
                self._dbs.pop(year, None)
                continue
            for reflection in found:
                kept = by_id.get(reflection.id)
                if kept is None:
                    by_id[reflection.id] = reflection
                    year_of[reflection.id] = year
                    continue
                newer = reflection.updated_at > kept.updated_at
                stale.setdefault(year_of[reflection.id] if newer else year, []).append(reflection.id)
                if newer:
                    by_id[reflection.id] = reflection
                    year_of[reflection.id] = year
        self._year_of = year_of
        if stale and not self._read_only:
            self._remove_stale(stale)
        return sorted(by_id.values(), key=lambda r: (r.written_on, r.updated_at), reverse=True)

    def _remove_stale(self, stale: dict[int, list[UUID]]) -> None:
        with journal.transaction(self._paths.root, "repair of reflections", on_abort=self._abort):
            for year, ids in stale.items():
                repo = self._repo(year)
                for reflection_id in ids:
                    repo.delete(reflection_id)
        self.repaired += sum(len(ids) for ids in stale.values())

    @_locked
    def duplicates(self) -> int:
        """How many reflections are stored twice (read without repairing; for ``check``)."""
        seen: set[UUID] = set()
        twice = 0
        for year in self._years():
            if year in self.damaged:
                continue
            for reflection in self._repo(year).all():
                twice += reflection.id in seen
                seen.add(reflection.id)
        return twice

    def _locate(self, reflection_id: UUID) -> int | None:
        if self._year_of is None:
            self.all()
        assert self._year_of is not None
        return self._year_of.get(reflection_id)

    @_locked
    def get(self, reflection_id: UUID) -> Reflection | None:
        """One reflection, or None."""
        year = self._locate(reflection_id)
        return None if year is None else self._repo(year).get(reflection_id)

    @_locked
    def save(self, reflection: Reflection) -> Reflection:
        """Create or update a reflection (moving it if its year changed)."""
        old_year = self._locate(reflection.id)
        year = reflection.written_on.year
        if old_year is not None and old_year != year:
            # Two year files change: one journaled change, so a kill or a disk error never
            # leaves the reflection in both (or in neither).
            with journal.transaction(self._paths.root, "reflection move", on_abort=self._abort):
                self._repo(year).save(reflection)
                self._repo(old_year).delete(reflection.id)
        else:
            self._repo(year).save(reflection)
        assert self._year_of is not None
        self._year_of[reflection.id] = year
        return reflection

    @_locked
    def save_many(self, reflections: list[Reflection]) -> None:
        """Write several reflections, one write per year file."""
        by_year: dict[int, list[Reflection]] = {}
        for reflection in reflections:
            by_year.setdefault(reflection.written_on.year, []).append(reflection)
        if len(by_year) > 1:
            with journal.transaction(self._paths.root, "save of reflections", on_abort=self._abort):
                for year, items in by_year.items():
                    self._repo(year).save_many(items)
        else:
            for year, items in by_year.items():
                self._repo(year).save_many(items)
        self._year_of = None

    @_locked
    def delete(self, reflection_id: UUID) -> bool:
        """Remove a reflection; True if it was there."""
        year = self._locate(reflection_id)
        if year is None:
            return False
        assert self._year_of is not None
        self._year_of.pop(reflection_id, None)
        return self._repo(year).delete(reflection_id)
