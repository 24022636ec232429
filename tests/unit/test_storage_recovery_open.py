"""Opening a folder repairs what a kill can leave, and a damaged file blocks only itself.

- an interrupted change is finished (committed) or undone (only staged), said in one line;
- a session file with no index row is listed (the file is the truth);
- a reflection in two year files keeps its newer copy;
- one damaged session file: the store opens, the others, counts, scans and backups work,
  and the session can be brought back from a backup or set aside;
- a damaged catalog can be rebuilt from the session files;
- read-only access while the folder is open for writing.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest

from psw_tui.models import FreeReflection, Session
from psw_tui.services import recovery
from psw_tui.storage import RecordStore, SaveFailed, StoreCorrupt, durable, journal
from psw_tui.storage.errors import ReadOnlyStore
from psw_tui.storage.repair import RepairRefused
from psw_tui.storage.scan import iter_parts
from psw_tui.storage.verify import verify_store

from tests.unit.helpers_storage import changed, data_paths, make_store, temp_files


def _drop_index_row(data_dir: Path, session_id: str) -> None:
    catalog = data_dir / "catalog.json"
    tables = json.loads(catalog.read_bytes())
    del tables["sessions"][session_id]
    catalog.write_text(json.dumps(tables))


# -- interrupted changes -----------------------------------------------------------------


def test_a_staged_but_uncommitted_change_is_undone_and_said(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir)
    root = data_paths(data_dir).root
    with RecordStore.open(data_dir) as store:
        before = store.counts()
        tx = journal.Transaction(root, "import")
        tx.stage_write(store.paths.session_file(Session(group_id=store.groups.all()[0].id, title="x",
                                                        date=date(2025, 1, 1)).id), b"{}")
        # killed here: staged, never committed
    (root / ".restore-4242").mkdir()  # and a staging folder from an older psw-tui
    with RecordStore.open(data_dir) as store:
        note = store.recovery_note
        assert store.counts() == before
    assert note is not None and "\n" not in note
    assert "undid an interrupted import (none of it had been saved)" in note
    assert "removed .restore-4242, left by a restore that was cut off" in note
    assert journal.staging_folders(root) == []
    with RecordStore.open(data_dir) as store:
        assert store.recovery_note is None  # said once, when it happened


def test_a_committed_change_cut_off_is_finished_and_said(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    root = data_paths(data_dir).root
    with RecordStore.open(data_dir) as store:
        tx = journal.Transaction(root, "prune")
        for session in sample.sessions:
            tx.delete(store.paths.session_file(session.id))
        catalog = json.loads((root / "catalog.json").read_bytes())
        catalog["sessions"] = {}
        tx.stage_write(root / "catalog.json", json.dumps(catalog).encode())
        durable.atomic_write(root / journal.JOURNAL, durable.encode(tx._record(1)))
        # killed here: committed, nothing applied yet
    with RecordStore.open(data_dir) as store:
        assert "finished an interrupted prune" in (store.recovery_note or "")
        assert store.sessions.headers() == []
        assert verify_store(store).ok
    assert not list((root / "sessions").glob("*.json"))
    assert not (root / journal.JOURNAL).exists() and journal.staging_folders(root) == []


def test_a_read_only_open_finishes_an_interrupted_change_when_nobody_holds_the_folder(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    root = data_paths(data_dir).root
    tx = journal.Transaction(root, "prune")
    tx.delete(root / "sessions" / f"{sample.session.id}.json")
    catalog = json.loads((root / "catalog.json").read_bytes())
    del catalog["sessions"][str(sample.session.id)]
    tx.stage_write(root / "catalog.json", json.dumps(catalog).encode())
    durable.atomic_write(root / journal.JOURNAL, durable.encode(tx._record(1)))
    with RecordStore.open(data_dir, read_only=True) as reader:
        assert "finished an interrupted prune" in (reader.recovery_note or "")
        assert [h.id for h in reader.sessions.headers()] == [sample.sessions[1].id]
    assert not (root / journal.JOURNAL).exists()


def test_an_orphan_session_file_is_listed_on_open(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    _drop_index_row(data_dir, str(sample.session.id))  # a kill between file and row
    with RecordStore.open(data_dir, read_only=True) as reader:
        assert reader.sessions.header(sample.session.id) is not None  # read-only: in memory
    with RecordStore.open(data_dir) as store:
        assert "listed 1 session(s) whose saving was cut off" in (store.recovery_note or "")
        assert store.sessions.get(sample.session.id) == sample.session
        assert verify_store(store).ok
    with RecordStore.open(data_dir) as store:
        assert store.recovery_note is None


def test_a_reflection_in_two_year_files_keeps_the_newer_copy(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    moved = changed(sample.reflections[1], written_on=date(2024, 12, 1), title="Newer title")
    stale = sample.reflections[1]
    root = data_paths(data_dir).root
    # The state an old, unjournaled move left when killed: the newer copy in 2024, the
    # older one still in 2025.
    tables = json.loads((root / "reflections" / "2024.json").read_bytes())
    tables["reflections"][str(moved.id)] = moved.model_dump(mode="json", exclude={"id"})
    (root / "reflections" / "2024.json").write_text(json.dumps(tables))
    with RecordStore.open(data_dir, read_only=True) as reader:
        report = verify_store(reader)
        assert any("two year files" in p for p in report.problems)
    with RecordStore.open(data_dir) as store:
        shown = [r for r in store.reflections.all() if r.id == moved.id]
        assert [r.title for r in shown] == ["Newer title"]
        assert verify_store(store).ok
    raw = (root / "reflections" / "2025.json").read_text()
    assert str(stale.id) not in raw, "the stale copy is still in its old year file"


# -- a damaged session file --------------------------------------------------------------


def _damage(data_dir: Path, session_id: object) -> Path:
    path = data_dir / "sessions" / f"{session_id}.json"
    path.write_bytes(path.read_bytes()[:30])
    return path


def test_one_damaged_session_file_blocks_only_itself(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir, backup=True)
    bad, good = sample.sessions
    _damage(data_dir, bad.id)
    with RecordStore.open(data_dir) as store:
        assert "1 session file(s) cannot be read" in (store.recovery_note or "")
        assert len(store.sessions.headers()) == 2  # the list still shows it...
        views = recovery.damaged_sessions(store)
        assert [v.session_id for v in views] == [bad.id]  # ...as damaged, with the way out
        assert views[0].backup is not None and "restore it from" in views[0].line()
        assert recovery.damaged_summary(store).startswith("1 session is damaged")
        assert store.sessions.get(good.id) == good
        assert store.counts()["notes"] == len(sample.notes[good.id])
        assert [p.header.id for p in iter_parts(store, store.sessions.headers(), ("notes",))] == [good.id]
        assert store.backup().exists()
        message = recovery.restore_damaged_session(store, bad.id)
        assert "brought back" in message
        assert store.sessions.get(bad.id) == bad
        assert recovery.damaged_sessions(store) == []
    with RecordStore.open(data_dir) as store:
        assert verify_store(store).ok


def test_a_damaged_session_with_no_backup_is_set_aside(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    bad = sample.sessions[0]
    path = _damage(data_dir, bad.id)
    damaged_bytes = path.read_bytes()
    with RecordStore.open(data_dir) as store:
        view = recovery.damaged_sessions(store)[0]
        assert view.backup is None and "set the file aside" in view.line()
        with pytest.raises(RepairRefused) as caught:
            recovery.restore_damaged_session(store, bad.id)
        assert "set its file aside" in str(caught.value) and "\n" not in str(caught.value)
        message = recovery.set_damaged_session_aside(store, bad.id)
        assert "moved to" in message
        assert [h.id for h in store.sessions.headers()] == [sample.sessions[1].id]
    kept = list((data_dir / "damaged").iterdir())
    assert [p.read_bytes() for p in kept] == [damaged_bytes]  # nothing deleted
    with RecordStore.open(data_dir) as store:
        assert verify_store(store).ok


def test_check_repair_fixes_what_check_found(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir, backup=True)
    _damage(data_dir, sample.sessions[0].id)
    (data_dir / "reflections" / "2024.json").write_text("{}")  # emptied
    with RecordStore.open(data_dir, read_only=True) as reader:
        found = recovery.check(reader)
        assert not found.ok
        assert any("2024.json is not a psw-tui reflection file" in p for p in found.problems)
    with RecordStore.open(data_dir) as store:
        before, repaired, after = recovery.check_and_repair(store)
        assert not before.ok and after.ok, after.problems
        assert any("brought session" in line for line in repaired.done)
        assert any("reflections/2024.json" in line for line in repaired.done)
        assert store.sessions.get(sample.sessions[0].id) == sample.sessions[0]


def test_a_damaged_catalog_is_rebuilt_from_the_session_files(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir, backup=True)
    (data_dir / "catalog.json").write_bytes(b"\x00" * 50)
    with pytest.raises(StoreCorrupt) as caught:
        RecordStore.open(data_dir)
    assert "Newest good backup" in str(caught.value)
    report = recovery.rebuild_catalog(data_dir)
    assert report.sessions == 2 and report.catalog_from is not None
    assert "\n" not in report.summary()
    with RecordStore.open(data_dir) as store:
        assert {h.id for h in store.sessions.headers()} == {s.id for s in sample.sessions}
        assert store.groups.get(sample.group.id) == sample.group
        assert verify_store(store).ok


def test_a_damaged_catalog_without_a_backup_gives_the_next_step(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    (data_dir / "catalog.json").write_text("[1, 2")
    with pytest.raises(StoreCorrupt) as caught:
        RecordStore.open(data_dir)
    message = str(caught.value)
    assert "No backup holds a good copy" in message and "rebuild the catalog" in message
    report = recovery.rebuild_catalog(data_dir)
    assert report.placeholder_groups == 1 and report.catalog_from is None
    with RecordStore.open(data_dir) as store:
        assert {h.id for h in store.sessions.headers()} == {s.id for s in sample.sessions}
        assert store.groups.get(sample.group.id).name == "Recovered group 1"


# -- read-only access --------------------------------------------------------------------


def test_read_only_works_while_the_folder_is_open_and_never_writes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    with RecordStore.open(data_dir) as writer:
        writer.notes(sample.session.id).all()
        with RecordStore.open(data_dir, read_only=True) as reader:
            assert {h.id for h in reader.sessions.headers()} == {s.id for s in sample.sessions}
            assert recovery.check(reader).ok
            with pytest.raises(ReadOnlyStore) as caught:
                reader.groups.save(changed(sample.group, name="Renamed"))
            assert "\n" not in str(caught.value)
        assert writer.groups.get(sample.group.id) == sample.group
    assert temp_files(data_dir) == []


def test_read_only_reads_never_see_half_a_multi_file_change(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    reflection = sample.reflections[1]
    stop = threading.Event()

    def mover() -> None:
        with RecordStore.open(data_dir) as writer:
            years = [date(2024, 12, 1), date(2025, 3, 5)]
            i = 0
            while not stop.is_set():
                writer.reflections.save(changed(reflection, written_on=years[i % 2]))
                i += 1

    thread = threading.Thread(target=mover)
    thread.start()
    try:
        with RecordStore.open(data_dir, read_only=True) as reader:
            for _ in range(40):
                def ids_per_year(store: RecordStore) -> list[object]:
                    store.reflections.forget()
                    return [r.id for r in store.reflections.all()]

                ids = reader.read_consistent(ids_per_year)
                assert ids.count(reflection.id) == 1
    finally:
        stop.set()
        thread.join()


def test_a_new_session_whose_change_cannot_be_recorded_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.helpers_storage import DiskFault

    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    session = Session(group_id=sample.group.id, title="New", date=date(2025, 7, 1))
    with RecordStore.open(data_dir) as store:
        fault = DiskFault(monkeypatch, "replace", target=journal.JOURNAL)  # the commit point
        with pytest.raises(SaveFailed) as caught:
            store.sessions.save(session)
        monkeypatch.undo()
        assert fault.fired == 1
        assert "intact" in str(caught.value) and "\n" not in str(caught.value)
        assert store.sessions.header(session.id) is None
        store.sessions.save(session)  # and once the disk is well, the same save works
        assert store.sessions.get(session.id) == session
        store.sessions.delete(session.id)
    assert not (data_dir / "sessions" / f"{session.id}.json").exists()
    with RecordStore.open(data_dir) as store:
        assert store.sessions.header(session.id) is None and store.recovery_note is None


def test_saving_a_reflection_into_a_new_year_after_a_move_is_one_copy(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir)
    with RecordStore.open(data_dir) as store:
        reflection = store.reflections.save(FreeReflection(title="Moves", written_on=date(2025, 1, 1), text="a"))
        for year in (2023, 2022, 2025):
            store.reflections.save(changed(reflection, written_on=date(year, 1, 1)))
        assert [r.id for r in store.reflections.all()].count(reflection.id) == 1
    with RecordStore.open(data_dir) as store:
        assert [r.written_on.year for r in store.reflections.all() if r.id == reflection.id] == [2025]
