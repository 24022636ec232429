"""The storage package's shape (issue 13, item 4): one job per module, no import circles,
no private TinyDB calls, each model's TypeAdapter built once."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from uuid import uuid4

import grimp

import psw_tui.storage
from psw_tui.models import Session
from psw_tui.storage import RecordStore

STORAGE = Path(psw_tui.storage.__file__).parent


def test_no_import_circles_in_storage() -> None:
    graph = grimp.build_graph("psw_tui")  # counts imports inside functions and TYPE_CHECKING too
    modules = sorted(m for m in graph.modules if m.startswith("psw_tui.storage."))
    circles = [
        (a, b)
        for a in modules
        for b in graph.find_modules_directly_imported_by(a)
        if b.startswith("psw_tui.storage.") and graph.chain_exists(importer=b, imported=a)
    ]
    assert circles == []


def test_every_storage_module_is_small_and_uses_only_public_tinydb() -> None:
    for module in sorted(STORAGE.glob("*.py")):
        text = module.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 400, module.name
        assert not re.search(r"\._(update|read)_table\b", text), module.name


def test_repositories_share_one_type_adapter_per_model(store: RecordStore) -> None:
    session = store.sessions.save(Session(group_id=uuid4(), title="Week 1", date=date(2026, 1, 1)))
    for part in (store.register, store.notes, store.actions, store.concerns):
        assert part(session.id)._adapter is part(session.id)._adapter
