"""Repositories: the only way the rest of psw-tui reads and writes records.

They take and return pydantic models; documents are validated on the way in (they are
models already) and on the way out (a record that fails validation is reported as corrupt,
naming its file). A pydantic ``TypeAdapter`` is built once per model type
(:func:`adapter_for`): building one costs milliseconds, and repositories over a session's
file are handed out on every call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel, TypeAdapter, ValidationError
from tinydb.table import Document

from psw_tui.storage.durable import BackupFinder, RecordTable, with_backup
from psw_tui.storage.errors import StoreCorrupt

T = TypeVar("T", bound=BaseModel)

_UNGUARDED = nullcontext()


@cache
def adapter_for(model: Any) -> TypeAdapter[Any]:
    """The one ``TypeAdapter`` for ``model`` (a model class, or an annotated union of them
    such as ``Note``), built on first use."""
    return TypeAdapter(model)


def to_document(item: BaseModel) -> Document:
    """A model as a TinyDB document keyed by its id (the id itself is not repeated inside)."""
    data = item.model_dump(mode="json", exclude={"id"})
    return Document(data, doc_id=str(getattr(item, "id")))  # every record model has an id


def describe_error(error: ValidationError) -> str:
    """The first problem of a validation error as ``field: message``."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    return f"{field}: {first['msg']}"


class TableRepository(Generic[T]):
    """Records of one type in one TinyDB table.

    ``table`` is a callable so that repositories over per-session files look the file up
    on every call (a cached handle may have been dropped meanwhile). ``guard`` (the store's
    lock) is held around every read and write, so worker threads may read while the UI
    thread writes.
    """

    def __init__(
        self,
        adapter: TypeAdapter[T],
        path: Path,
        table: Callable[[], RecordTable],
        backup_finder: BackupFinder | None = None,
        guard: AbstractContextManager[Any] | None = None,
    ) -> None:
        self._adapter = adapter
        self._path = path
        self._table = table
        self._backup_finder = backup_finder
        self._guard = guard if guard is not None else _UNGUARDED

    def _load(self, doc: dict[str, Any], doc_id: str) -> T:
        try:
            return self._adapter.validate_python({**doc, "id": doc_id})
        except ValidationError as error:
            corrupt = StoreCorrupt(self._path, f"record {doc_id} is invalid ({describe_error(error)})")
            raise with_backup(corrupt, self._backup_finder) from None

    def get(self, record_id: UUID) -> T | None:
        """The record with this id, or None."""
        with self._guard:
            doc = self._table().get(doc_id=str(record_id))
            return None if doc is None else self._load(doc, doc.doc_id)  # type: ignore[union-attr]

    def all(self) -> list[T]:
        """Every record (in no meaningful order)."""
        with self._guard:
            return [self._load(doc, doc.doc_id) for doc in self._table().all()]

    def save(self, item: T) -> T:
        """Insert or replace ``item`` whole (one durable write).

        The stored document is replaced, never merged: a field cleared in ``item`` (an
        owner removed from an action, say) must not survive from the old version.
        """
        self.save_many([item])
        return item

    def save_many(self, items: Iterable[T]) -> None:
        """Insert or replace several records in one durable write."""
        docs = {str(item.id): item.model_dump(mode="json", exclude={"id"}) for item in items}
        if docs:
            with self._guard:
                self._table().write_documents(docs)  # whole documents replace old ones

    def delete(self, record_id: UUID) -> bool:
        """Remove a record; True if it was there."""
        return self.delete_many([record_id]) == 1

    def delete_many(self, record_ids: Iterable[UUID]) -> int:
        """Remove several records in one durable write; returns how many were there."""
        with self._guard:
            return self._table().remove_documents(str(record_id) for record_id in record_ids)

    def count(self) -> int:
        """How many records there are."""
        with self._guard:
            return len(self._table())
