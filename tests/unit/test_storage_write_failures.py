"""A disk that fails mid-save (full, read-only, I/O error) never costs the last saved state.

Each test injects an ``OSError`` at one step of ``atomic_write`` (creating the temp file,
writing it, fsyncing it, renaming it over the old file, fsyncing the folder) during one kind
of save, then checks what the user would see: a ``SaveFailed`` with a one-line message,
no temp file left behind, the same open store still showing the last saved state (and a
retry working), and a freshly opened store showing either the old or the new state, never
a mix and never an unreadable file. A failed folder fsync after the rename is not a failed
save: the data is in place, so it is reported as "saved, but the disk reported an error".

Changes to several files at once (a session's header with its index row, a reflection
moving year, import, restore, prune...) go through the journal; ``test_storage_multifile_faults.py`` fails each of their syscalls.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from psw_tui.models import AnonymousNote, FreeReflection, Group, SessionHeader
from psw_tui.storage import RecordStore, SaveFailed, StoreError
from psw_tui.storage.errors import SavedWithDiskError
from psw_tui.storage.backups import list_backups

from tests.unit.helpers_storage import (
    STEPS,
    DiskFault,
    Sample,
    changed,
    data_paths,
    make_store,
    read_snapshot,
    snapshot,
    temp_files,
)


@dataclass
class Op:
    """One user-level save: what to do, and the name of the file whose write is faulted."""

    run: Callable[[RecordStore], Any]
    target: str | None
    single_file: bool = True  # the whole save is one atomic write


def build_op(name: str, sample: Sample) -> Op:
    session = sample.session
    session_file = f"{session.id}.json"
    new_group = Group(name="Walk and talk")
    new_note = AnonymousNote(
        kind="theme", session_id=session.id, session_date=session.date, text="Feeling heard"
    )
    new_reflection = FreeReflection(title="After the group", written_on=date(2025, 3, 20), text="ok")
    ops = {
        "group-save": Op(lambda s: s.groups.save(new_group), "catalog.json"),
        "member-delete": Op(lambda s: s.members.delete(sample.members[1].id), "catalog.json"),
        "note-save": Op(lambda s: s.notes(session.id).save(new_note), session_file),
        "register-save": Op(
            lambda s: s.register(session.id).save_many(
                [changed(e, status="apologies") for e in sample.register[session.id]]
            ),
            session_file,
        ),
        "reflection-save": Op(lambda s: s.reflections.save(new_reflection), "2025.json"),
        "backup": Op(lambda s: s.backup(), None),
    }
    return ops[name]


OPS = [
    "group-save",
    "member-delete",
    "note-save",
    "register-save",
    "reflection-save",
    "backup",
]


def expected_after(data_dir: Path, tmp_path: Path, op: Op) -> dict[str, Any]:
    """The state the save would have produced, computed on a copy with a healthy disk."""
    copy = tmp_path / "healthy-copy"
    shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(".lock"))
    store = RecordStore.open(copy)
    try:
        op.run(store)
    finally:
        store.close()
    return read_snapshot(copy)


def assert_index_matches_files(data_dir: Path) -> None:
    """Every session header in the catalog says what the session file says."""
    store = RecordStore.open(data_dir)
    try:
        for header in store.sessions.headers():
            assert header == SessionHeader.of(store.sessions.get(header.id))
    finally:
        store.close()


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("op_name", OPS)
def test_failed_save_keeps_last_saved_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, op_name: str, step: str
) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    op = build_op(op_name, sample)
    before = read_snapshot(data_dir)
    after_ok = expected_after(data_dir, tmp_path, op)
    assert after_ok != before or op_name == "backup"
    backups_before = [info.path for info in list_backups(data_paths(data_dir))]

    store = RecordStore.open(data_dir)
    try:
        fault = DiskFault(monkeypatch, step, target=op.target)
        if step == "fsync_dir":
            # The rename happened: the save is reported done, with a warning the UI shows.
            op.run(store)
            assert fault.fired == 1, "the fault was never reached: the test did not test anything"
            warnings = store.take_disk_warnings()
            assert len(warnings) == 1 and isinstance(warnings[0], SavedWithDiskError)
            message = str(warnings[0])
            assert message.startswith("Saved ") and "disk reported an error" in message
            assert "\n" not in message and "Could not save" not in message
            assert store.take_disk_warnings() == []
            monkeypatch.undo()
            assert snapshot(store) == after_ok
            return
        with pytest.raises(SaveFailed) as caught:
            op.run(store)
        assert fault.fired == 1, "the fault was never reached: the test did not test anything"

        # One clear line naming the file and the reason; a StoreError the UI can show.
        error = caught.value
        assert isinstance(error, StoreError)
        message = str(error)
        assert "\n" not in message
        assert error.path.name in message
        assert "No space left on device" in message
        if op.target is not None:
            assert error.path.name == op.target
        assert isinstance(error.error, OSError) and error.error.errno == errno.ENOSPC

        assert temp_files(data_dir) == [], "a failed save left a temp file behind"
        if op_name == "backup" and step != "fsync_dir":
            # no half-written or unverifiable backup appears in the list
            assert [info.path for info in list_backups(data_paths(data_dir))] == backups_before

        if step != "fsync_dir" and op.single_file:
            # Nothing reached the disk: the open store still shows exactly the saved state...
            assert snapshot(store) == before
            # ...and once the disk has room again, the same save simply works.
            monkeypatch.undo()
            op.run(store)
            assert snapshot(store) == after_ok
    finally:
        monkeypatch.undo()
        store.close()

    reopened = read_snapshot(data_dir)
    reflection_ids = [r["id"] for r in reopened["reflections"]]
    assert len(reflection_ids) == len(set(reflection_ids)), "a reflection is now listed twice"
    if step != "fsync_dir" and op.single_file:
        assert reopened == after_ok
    else:
        # The rename may or may not have survived, and a two-file save may have been cut
        # between its files; either way the user sees one whole state, never a mix.
        assert reopened in (before, after_ok), "a failed save left a state that is neither old nor new"
    assert_index_matches_files(data_dir)
    assert temp_files(data_dir) == []


@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EIO, errno.EDQUOT])
def test_save_failed_message_names_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int
) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir)
    before = read_snapshot(data_dir)
    with RecordStore.open(data_dir) as store:
        DiskFault(monkeypatch, "replace", err=err)
        with pytest.raises(SaveFailed) as caught:
            store.groups.save(Group(name="Crisis peer support group"))
        monkeypatch.undo()
    message = str(caught.value)
    assert "catalog.json" in message and os.strerror(err) in message
    assert "last saved state is intact" in message and "\n" not in message
    assert read_snapshot(data_dir) == before
    assert temp_files(data_dir) == []


def test_failure_while_creating_a_new_store_leaves_nothing_half_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    DiskFault(monkeypatch, "write", target="catalog.json")
    with pytest.raises(SaveFailed):
        RecordStore.open(data_dir)
    monkeypatch.undo()
    assert not (data_dir / "catalog.json").exists()
    assert temp_files(data_dir) == []
    # The lock was given back and the next attempt creates the store normally.
    with RecordStore.open(data_dir) as store:
        assert store.counts() == {"groups": 0, "members": 0, "sessions": 0, "notes": 0, "reflections": 0}


def test_many_failures_in_a_row_then_recovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A live session on a full disk: every note fails cleanly, the session keeps working."""
    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    session = sample.session
    saved: list[AnonymousNote] = []
    with RecordStore.open(data_dir) as store:
        for i, step in enumerate(STEPS * 3):
            note = AnonymousNote(
                kind="contribution", session_id=session.id, session_date=session.date, text=f"n{i}"
            )
            if step == "fsync_dir":
                continue  # may or may not have landed; covered above
            DiskFault(monkeypatch, step)
            with pytest.raises(SaveFailed):
                store.notes(session.id).save(note)
            monkeypatch.undo()
            assert store.notes(session.id).get(note.id) is None
            ok = changed(note, text=f"retry {i}")
            store.notes(session.id).save(ok)
            saved.append(ok)
    assert temp_files(data_dir) == []
    with RecordStore.open(data_dir) as store:
        texts = {n.text for n in store.notes(session.id).all()}
    assert {n.text for n in saved} <= texts
    assert not any(t.startswith("n") and t[1:].isdigit() for t in texts)


def test_a_save_retried_after_a_disk_warning_is_not_a_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The phantom write: the folder fsync fails after the rename. The note is there, the
    user is told "saved, but..." (a listener hears it at once), and saving it again changes
    nothing."""
    from psw_tui.storage import durable

    data_dir = tmp_path / "data"
    sample = make_store(data_dir)
    session = sample.session
    note = AnonymousNote(kind="theme", session_id=session.id, session_date=session.date, text="Heard")
    heard: list[str] = []
    durable.add_warning_listener(lambda warning: heard.append(str(warning)))
    try:
        with RecordStore.open(data_dir) as store:
            before = store.notes(session.id).count()
            DiskFault(monkeypatch, "fsync_dir", err=errno.EIO)
            store.notes(session.id).save(note)  # no exception: it is saved
            monkeypatch.undo()
            assert len(heard) == 1 and "disk reported an error (Input/output error)" in heard[0]
            store.notes(session.id).save(note)  # the retry
            assert store.notes(session.id).count() == before + 1
    finally:
        durable._WARNING_LISTENERS.clear()
    with RecordStore.open(data_dir) as store:
        assert [n.text for n in store.notes(session.id).all()].count("Heard") == 1
