"""Hostile or broken inputs cost one line and little memory, never a crash.

Nesting 100,000 deep, 300 MB files (sparse, so they cost no disk), a zip bomb in a backup,
an emptied year file and a bundle from schema 99: each is refused or reported in one line
naming the file, before anything large is parsed or inflated (peak Python memory is
measured with ``tracemalloc``).
"""

from __future__ import annotations

import json
import shutil
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from psw_tui.services.bundles import parse_bundle
from psw_tui.storage import ImportRejected, RecordStore, StoreCorrupt, StoreError, restore_backup
from psw_tui.storage.backups import verify_backup
from psw_tui.storage.bundle_files import read_json_file
from psw_tui.storage.verify import verify_store

from tests.unit.helpers_storage import file_hashes, make_store

DEEP = 100_000
BIG = 300 * 1024 * 1024
MEMORY_LIMIT = 32 * 1024 * 1024  # what any of these may allocate, at most


def peak_memory(action: Callable[[], Any]) -> tuple[Any, int]:
    """Run ``action``; return (its result or the exception raised, peak bytes allocated)."""
    tracemalloc.start()
    try:
        try:
            result: Any = action()
        except Exception as error:  # noqa: BLE001 - returned for the test to judge
            result = error
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def sparse_file(path: Path, size: int, head: bytes = b"{") -> Path:
    """A ``size``-byte file costing no disk space (skipped if the file system cannot)."""
    if shutil.disk_usage(path.parent).free < 64 * 1024 * 1024:
        pytest.skip("the disk is nearly full")
    with open(path, "wb") as file:
        file.write(head)
        file.truncate(size)
    return path


def one_line(error: object, name: str) -> str:
    message = str(error)
    assert "\n" not in message, message
    assert name in message, f"the message does not name {name}: {message}"
    return message


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    make_store(folder, backup=True)
    return folder


def test_deeply_nested_session_file_blocks_only_itself(data_dir: Path) -> None:
    session_file = sorted((data_dir / "sessions").glob("*.json"))[0]
    session_file.write_bytes(b"[" * DEEP + b"]" * DEEP)
    store, peak = peak_memory(lambda: RecordStore.open(data_dir))
    assert isinstance(store, RecordStore), store
    try:
        damaged = store.sessions.damaged()
        assert [d.path for d in damaged] == [session_file.resolve()]
        assert "nested more than" in damaged[0].reason
        assert len(store.sessions.headers()) == 2
    finally:
        store.close()
    assert peak < MEMORY_LIMIT


def test_deeply_nested_import_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b'{"format": "psw-tui-bundle", "groups": ' + b"[" * DEEP + b"]" * DEEP + b"}")
    error, peak = peak_memory(lambda: read_json_file(path))
    assert isinstance(error, ImportRejected)
    assert "nested more than" in one_line(error, str(path))
    assert peak < MEMORY_LIMIT


def test_a_300_mb_import_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "huge.json", BIG)
    error, peak = peak_memory(lambda: read_json_file(path))
    assert isinstance(error, ImportRejected)
    assert "300 MB" in one_line(error, str(path))
    assert peak < MEMORY_LIMIT


def test_a_300_mb_data_file_blocks_only_itself(data_dir: Path) -> None:
    year_file = data_dir / "reflections" / "2025.json"
    sparse_file(year_file, BIG)

    def read() -> Any:
        with RecordStore.open(data_dir) as store:
            shown = store.reflections.all()
            return shown, dict(store.reflections.damaged)

    result, peak = peak_memory(read)
    assert not isinstance(result, Exception), result
    shown, damaged = result
    assert [r.written_on.year for r in shown] == [2024]
    assert "300 MB" in one_line(damaged[2025], "2025.json")
    assert peak < MEMORY_LIMIT


def _bomb(path: Path, members: dict[str, int]) -> Path:
    """A backup-shaped zip whose members inflate to the given sizes (zeros compress ~1000x)."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("catalog.json", json.dumps({"meta": {"schema": {"app": "psw-tui"}}}))
        for name, size in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for _ in range(size // len(chunk)):
                    member.write(chunk)
    return path


@pytest.mark.parametrize(
    "members",
    [{"sessions/bomb.json": 200 * 1024 * 1024}, {f"sessions/s{i}.json": 60 * 1024 * 1024 for i in range(5)}],
    ids=["one-huge-member", "many-members-too-much-in-all"],
)
def test_a_zip_bomb_backup_is_refused_before_it_is_inflated(
    data_dir: Path, tmp_path: Path, members: dict[str, int]
) -> None:
    bomb = _bomb(tmp_path / "psw-tui-backup-20250101-000000-000000.zip", members)
    before = file_hashes(data_dir)
    error, peak = peak_memory(lambda: verify_backup(bomb))
    assert isinstance(error, StoreCorrupt)
    assert "more than" in one_line(error, bomb.name)
    assert peak < MEMORY_LIMIT
    error, peak = peak_memory(lambda: restore_backup(data_dir, bomb))
    assert isinstance(error, StoreError)
    one_line(error, bomb.name)
    assert peak < MEMORY_LIMIT
    assert file_hashes(data_dir) == before


def test_an_emptied_or_foreign_year_file_is_reported_by_check(data_dir: Path) -> None:
    (data_dir / "reflections" / "2024.json").write_text("{}")
    (data_dir / "reflections" / "2025.json").write_text(json.dumps({"settings": {"x": {"y": 1}}}))
    with RecordStore.open(data_dir) as store:
        report = verify_store(store)
    problems = [p for p in report.problems if "reflection file" in p]
    assert len(problems) == 2, report.problems
    assert "it is empty ({})" in problems[0] and "unknown tables ['settings']" in problems[1]


def test_an_emptied_session_file_is_reported_by_check(data_dir: Path) -> None:
    session_file = sorted((data_dir / "sessions").glob("*.json"))[0]
    session_file.write_text("{}")
    with RecordStore.open(data_dir) as store:
        report = verify_store(store)
    assert any(session_file.name in p and "holds no session" in p for p in report.problems), report.problems


@pytest.mark.parametrize("version", [99, 0, "2"])
def test_an_import_from_another_schema_is_refused_in_one_line(version: object) -> None:
    with pytest.raises(ImportRejected) as caught:
        parse_bundle({"format": "psw-tui-bundle", "schema_version": version, "future_field": []})
    message = one_line(caught.value, "schema")
    if version == 99:
        assert "newer psw-tui" in message and "nothing was imported" in message


def test_an_older_bundle_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    from psw_tui.storage import migrations

    def rename(data: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in data.items() if k != "old_field"}

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: migrations.Migration(to_version=2, bundle=rename)})
    migrated = migrations.migrate_bundle({"format": "psw-tui-bundle", "schema_version": 1, "old_field": 1})
    assert migrated == {"format": "psw-tui-bundle", "schema_version": 2}
