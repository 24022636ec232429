"""Schema versions: old folders are migrated (after a backup), newer ones are left alone.

The real code has one schema version; these tests pretend the current one is 2 (or 3) by
monkeypatching ``CURRENT_SCHEMA_VERSION`` and ``MIGRATIONS``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from psw_tui.storage import RecordStore, SaveFailed, StoreError, StoreTooNew, migrations
from psw_tui.storage import schema as store_module
from psw_tui.storage.backups import list_backups, verify_backup
from psw_tui.storage.migrations import Migration

from tests.unit.helpers_storage import (
    Sample,
    data_paths,
    file_hashes,
    file_stats,
    make_store,
    read_snapshot,
)

SUFFIX = " (v2)"

Tables = dict[str, dict[str, dict[str, Any]]]


def _suffix(value: str) -> str:
    # Idempotent, as migrations must be: an interrupted upgrade is simply run again.
    return value if value.endswith(SUFFIX) else value + SUFFIX


def catalog_1_to_2(tables: Tables) -> Tables:
    for group in tables.get("groups", {}).values():
        group["name"] = _suffix(group["name"])
    return tables


def session_1_to_2(tables: Tables) -> Tables:
    for session in tables.get("session", {}).values():
        session["title"] = _suffix(session["title"])
    for note in tables.get("notes", {}).values():
        note["text"] = _suffix(note["text"])
    return tables


def reflections_1_to_2(tables: Tables) -> Tables:
    for reflection in tables.get("reflections", {}).values():
        reflection["title"] = _suffix(reflection["title"])
    return tables


STEP_1_TO_2 = Migration(
    to_version=2,
    catalog=catalog_1_to_2,
    session=session_1_to_2,
    reflections=reflections_1_to_2,
    description="mark every name with (v2)",
)


@pytest.fixture
def v1_store(tmp_path: Path) -> tuple[Path, Sample]:
    """A folder written by schema 1 (the real current version), with one backup."""
    assert migrations.CURRENT_SCHEMA_VERSION == 1
    data_dir = tmp_path / "data"
    return data_dir, make_store(data_dir, backup=True)


@pytest.fixture
def schema_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: STEP_1_TO_2})


def schema_version(catalog: Path | bytes) -> int:
    raw = catalog if isinstance(catalog, bytes) else catalog.read_bytes()
    return json.loads(raw)["meta"]["schema"]["schema_version"]


def test_v1_folder_is_migrated_file_by_file_after_a_backup(
    v1_store: tuple[Path, Sample], schema_2: None
) -> None:
    data_dir, sample = v1_store
    paths = data_paths(data_dir)
    originals = {f.relative_to(paths.root).as_posix(): f.read_bytes() for f in paths.data_files()}
    backups_before = list_backups(paths)

    with RecordStore.open(data_dir) as store:
        # Every kind of file went through its migration.
        assert store.groups.get(sample.group.id).name == sample.group.name + SUFFIX
        for session in sample.sessions:
            assert store.sessions.get(session.id).title == session.title + SUFFIX
            assert {n.text for n in store.notes(session.id).all()} == {
                n.text + SUFFIX for n in sample.notes[session.id]
            }
            # ...and the session list caught up with the migrated files.
            assert store.sessions.header(session.id).title == session.title + SUFFIX
        assert sorted(r.title for r in store.reflections.all()) == sorted(
            r.title + SUFFIX for r in sample.reflections
        )
        # Untouched parts are still there.
        assert len(store.members.all()) == len(sample.members)
        assert store.templates.get(sample.template.id) == sample.template

    assert schema_version(paths.catalog) == 2
    for file in paths.data_files():
        assert file.read_bytes() != originals[file.relative_to(paths.root).as_posix()], file

    # A backup was taken first, and it holds the version-1 files exactly as they were.
    new_backups = [b for b in list_backups(paths) if b not in backups_before]
    assert len(new_backups) == 1
    members = verify_backup(new_backups[0].path)
    assert members == originals
    assert schema_version(members["catalog.json"]) == 1

    # Opening again changes nothing more (no second backup, no double suffix).
    before = read_snapshot(data_dir)
    assert read_snapshot(data_dir) == before
    assert len(list_backups(paths)) == len(backups_before) + 1


def test_interrupted_migration_is_finished_on_the_next_open(
    v1_store: tuple[Path, Sample], schema_2: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed or out of disk while upgrading: the catalog (with the version) is written last,
    so the next start simply migrates again and ends in the same state."""
    data_dir, sample = v1_store
    paths = data_paths(data_dir)
    real_write = store_module.atomic_write

    def full_disk_on_catalog(path: Path, data: bytes) -> None:
        if path == paths.catalog:
            raise SaveFailed(path, OSError(28, "No space left on device"))
        real_write(path, data)

    monkeypatch.setattr(store_module, "atomic_write", full_disk_on_catalog)
    with pytest.raises(SaveFailed):
        RecordStore.open(data_dir)
    monkeypatch.setattr(store_module, "atomic_write", real_write)
    assert schema_version(paths.catalog) == 1  # not yet marked as upgraded

    with RecordStore.open(data_dir) as store:
        assert store.groups.get(sample.group.id).name == sample.group.name + SUFFIX
        assert store.sessions.get(sample.session.id).title == sample.session.title + SUFFIX
        assert all(r.title.count(SUFFIX) == 1 for r in store.reflections.all())
    assert schema_version(paths.catalog) == 2


def test_newer_schema_is_refused_and_left_untouched(v1_store: tuple[Path, Sample]) -> None:
    data_dir, _ = v1_store
    paths = data_paths(data_dir)
    tables = json.loads(paths.catalog.read_bytes())
    tables["meta"]["schema"]["schema_version"] = migrations.CURRENT_SCHEMA_VERSION + 5
    paths.catalog.write_bytes(json.dumps(tables).encode())
    hashes, stats = file_hashes(data_dir), file_stats(data_dir)

    with pytest.raises(StoreTooNew) as caught:
        RecordStore.open(data_dir)
    message = str(caught.value)
    assert str(paths.catalog) in message
    assert f"schema {migrations.CURRENT_SCHEMA_VERSION + 5}" in message
    assert "nothing was changed" in message.lower()
    assert file_hashes(data_dir) == hashes
    assert {k: v for k, v in file_stats(data_dir).items() if k != ".lock"} == {
        k: v for k, v in stats.items() if k != ".lock"
    }
    # Not left locked either: the next attempt gives the same answer.
    with pytest.raises(StoreTooNew):
        RecordStore.open(data_dir)


def test_newer_schema_is_refused_while_migrations_exist(
    v1_store: tuple[Path, Sample], schema_2: None
) -> None:
    data_dir, _ = v1_store
    paths = data_paths(data_dir)
    tables = json.loads(paths.catalog.read_bytes())
    tables["meta"]["schema"]["schema_version"] = 3
    paths.catalog.write_bytes(json.dumps(tables).encode())
    hashes = file_hashes(data_dir)
    with pytest.raises(StoreTooNew):
        RecordStore.open(data_dir)
    assert file_hashes(data_dir) == hashes


def test_missing_migration_step_is_a_clear_error_and_changes_nothing(
    v1_store: tuple[Path, Sample], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, _ = v1_store
    paths = data_paths(data_dir)
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: STEP_1_TO_2})  # no 2 -> 3
    hashes = file_hashes(data_dir)

    with pytest.raises((LookupError, StoreError)) as caught:
        RecordStore.open(data_dir)
    message = str(caught.value)
    assert "schema 2" in message and "3" in message
    assert file_hashes(data_dir) == hashes  # no file migrated half-way, no backup taken

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 1)
    with RecordStore.open(data_dir):  # and the folder was not left locked
        pass


def test_new_store_is_written_with_the_current_version(tmp_path: Path, schema_2: None) -> None:
    data_dir = tmp_path / "data"
    with RecordStore.open(data_dir):
        pass
    meta = json.loads((data_dir / "catalog.json").read_bytes())["meta"]["schema"]
    assert meta["schema_version"] == 2
    assert meta["app"] == "psw-tui"
    assert not (data_dir / "backups").exists()  # nothing to migrate, nothing backed up


def test_migration_backup_can_be_restored_by_an_older_version(
    v1_store: tuple[Path, Sample], schema_2: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade, going back means restoring the pre-upgrade backup."""
    data_dir, sample = v1_store
    paths = data_paths(data_dir)
    with RecordStore.open(data_dir):
        pass
    newest = list_backups(paths)[0].path
    with zipfile.ZipFile(newest) as archive:
        assert schema_version(archive.read("catalog.json")) == 1
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    with pytest.raises(StoreTooNew):
        RecordStore.open(data_dir)
    from psw_tui.storage import restore_backup

    restore_backup(data_dir, newest)
    with RecordStore.open(data_dir) as store:
        assert store.groups.get(sample.group.id).name == sample.group.name
