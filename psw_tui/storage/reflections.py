"""Reflections: one file per year, so saving one never rewrites the whole journal."""

from __future__ import annotations

from contextlib import suppress
from uuid import UUID

from pydantic import TypeAdapter

from psw_tui.models import Reflection
from psw_tui.storage.durable import BackupFinder, RecordDB
from psw_tui.storage.errors import StoreError
from psw_tui.storage.paths import DataPaths
from psw_tui.storage.repositories import TableRepository

_REFLECTION = TypeAdapter(Reflection)
TABLE = "reflections"


class ReflectionRepository:
    """A PSW's reflections, spread over ``reflections/YYYY.json`` by the date written."""

    def __init__(self, paths: DataPaths, backup_finder: BackupFinder | None = None) -> None:
        self._paths = paths
        self._backup_finder = backup_finder
        self._dbs: dict[int, RecordDB] = {}
        self._year_of: dict[UUID, int] | None = None

    def _repo(self, year: int) -> TableRepository[Reflection]:
        db = self._dbs.get(year)
        if db is None:
            db = self._dbs[year] = RecordDB(
                self._paths.reflection_file(year), self._backup_finder, self._paths.codec
            )
        path = self._paths.reflection_file(year)
        return TableRepository(_REFLECTION, path, lambda: db.table(TABLE), self._backup_finder)

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

    def all(self) -> list[Reflection]:
        """Every reflection, newest first."""
        found: list[Reflection] = []
        year_of: dict[UUID, int] = {}
        by_id: dict[UUID, Reflection] = {}
        for year in self._years():
            for reflection in self._repo(year).all():
                # A move cut off by a crash can leave two copies: the newer edit wins.
                kept = by_id.get(reflection.id)
                if kept is None or reflection.updated_at > kept.updated_at:
                    by_id[reflection.id] = reflection
                    year_of[reflection.id] = year
        found = list(by_id.values())
        self._year_of = year_of
        return sorted(found, key=lambda r: (r.written_on, r.updated_at), reverse=True)

    def _locate(self, reflection_id: UUID) -> int | None:
        if self._year_of is None:
            self.all()
        assert self._year_of is not None
        return self._year_of.get(reflection_id)

    def get(self, reflection_id: UUID) -> Reflection | None:
        """One reflection, or None."""
        year = self._locate(reflection_id)
        return None if year is None else self._repo(year).get(reflection_id)

    def save(self, reflection: Reflection) -> Reflection:
        """Create or update a reflection (moving it if its year changed)."""
        old_year = self._locate(reflection.id)
        year = reflection.written_on.year
        moving = old_year is not None and old_year != year
        try:
            self._repo(year).save(reflection)
            if moving:
                self._repo(old_year).delete(reflection.id)
        except BaseException:
            if moving:
                # Never leave the reflection in two year files: if the old copy is still
                # there, undo the new one (which may or may not have landed).
                with suppress(StoreError):
                    if self._repo(old_year).get(reflection.id) is not None:
                        self._repo(year).delete(reflection.id)
            raise
        assert self._year_of is not None
        self._year_of[reflection.id] = year
        return reflection

    def save_many(self, reflections: list[Reflection]) -> None:
        """Write several reflections, one write per year file."""
        by_year: dict[int, list[Reflection]] = {}
        for reflection in reflections:
            by_year.setdefault(reflection.written_on.year, []).append(reflection)
        for year, items in by_year.items():
            self._repo(year).save_many(items)
        self._year_of = None

    def delete(self, reflection_id: UUID) -> bool:
        """Remove a reflection; True if it was there."""
        year = self._locate(reflection_id)
        if year is None:
            return False
        assert self._year_of is not None
        self._year_of.pop(reflection_id, None)
        return self._repo(year).delete(reflection_id)
