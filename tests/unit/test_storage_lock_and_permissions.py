"""One psw-tui per data folder, and everything it creates is private to its owner.

PRODUCT.md: "Data files, backups, the lock and exports are created owner-only (0600 files,
0700 folders)". ENGINEERING.md: "One process at a time: a lock file, and a clear message
for the second instance."
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from psw_tui.models import AnonymousNote, Bundle, FreeReflection, Group, Session, SessionBundle
from psw_tui.storage import RecordStore, StoreLocked, restore_backup

from tests.unit.helpers_storage import (
    PYTHON,
    child_env,
    file_hashes,
    file_stats,
    make_store,
    populate,
    read_snapshot,
)

SECOND_OPENER = r"""
import sys
from pathlib import Path
from psw_tui.storage import RecordStore, StoreError
try:
    store = RecordStore.open(Path(sys.argv[1]))
except StoreError as error:
    print(type(error).__name__)
    print(error)
else:
    print("opened")
    store.close()
"""

HOLDER = r"""
import sys, time
from pathlib import Path
from psw_tui.storage import RecordStore
store = RecordStore.open(Path(sys.argv[1]))
print("holding", flush=True)
time.sleep(60)
"""


def open_from_another_process(data_dir: Path) -> list[str]:
    result = subprocess.run(
        [PYTHON, "-c", SECOND_OPENER, str(data_dir)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[bytes]]]:
    """A data folder held open by another live process."""
    data_dir = tmp_path / "data"
    make_store(data_dir, backup=True)
    proc = subprocess.Popen(
        [PYTHON, "-c", HOLDER, str(data_dir)], stdout=subprocess.PIPE, env=child_env()
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"holding\n"
        yield data_dir, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


# -- the lock ------------------------------------------------------------------------------


def test_second_open_in_same_process_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir, backup=True)
    with RecordStore.open(data_dir):
        hashes, stats = file_hashes(data_dir, include_lock=True), file_stats(data_dir)
        time.sleep(0.01)  # so that any write would show in an mtime
        with pytest.raises(StoreLocked) as caught:
            RecordStore.open(data_dir)
        assert file_hashes(data_dir, include_lock=True) == hashes
        assert file_stats(data_dir) == stats
    message = str(caught.value)
    assert str(data_dir.resolve()) in message and "already open" in message
    assert "\n" not in message


def test_second_open_from_another_process_is_refused_and_changes_nothing(
    holder: tuple[Path, subprocess.Popen[bytes]],
) -> None:
    data_dir, _ = holder
    hashes, stats = file_hashes(data_dir, include_lock=True), file_stats(data_dir)
    lines = open_from_another_process(data_dir)
    assert lines[0] == "StoreLocked", lines
    assert "already open" in lines[1]
    # ...and from this process too.
    with pytest.raises(StoreLocked):
        RecordStore.open(data_dir)
    assert file_hashes(data_dir, include_lock=True) == hashes
    assert file_stats(data_dir) == stats


def test_restore_is_refused_while_another_process_has_the_folder(
    holder: tuple[Path, subprocess.Popen[bytes]],
) -> None:
    data_dir, _ = holder
    backup = next((data_dir / "backups").glob("*.zip"))
    hashes, stats = file_hashes(data_dir, include_lock=True), file_stats(data_dir)
    with pytest.raises(StoreLocked):
        restore_backup(data_dir, backup)
    assert file_hashes(data_dir, include_lock=True) == hashes
    assert file_stats(data_dir) == stats


def test_deleting_the_lock_file_does_not_let_a_second_process_in(
    holder: tuple[Path, subprocess.Popen[bytes]],
) -> None:
    """The lock is on the data folder itself: removing or replacing .lock changes nothing."""
    data_dir, _ = holder
    (data_dir / ".lock").unlink()
    lines = open_from_another_process(data_dir)
    assert lines[0] == "StoreLocked", lines
    (data_dir / ".lock").write_bytes(b"")  # a fresh, unlocked lock file
    assert open_from_another_process(data_dir)[0] == "StoreLocked"
    with pytest.raises(StoreLocked):
        RecordStore.open(data_dir)


def test_deleting_the_lock_file_in_the_same_process_does_not_let_a_second_open_in(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir)
    with RecordStore.open(data_dir):
        (data_dir / ".lock").unlink()
        with pytest.raises(StoreLocked):
            RecordStore.open(data_dir)
    with RecordStore.open(data_dir) as store:  # released on close, lock file or not
        assert store.counts()["sessions"] == 2


def test_read_only_access_works_while_another_process_has_the_folder(
    holder: tuple[Path, subprocess.Popen[bytes]],
) -> None:
    """``sessions``, ``export`` and ``check`` read a snapshot without the write lock."""
    data_dir, _ = holder
    hashes, stats = file_hashes(data_dir, include_lock=True), file_stats(data_dir)
    with RecordStore.open(data_dir, read_only=True) as reader:
        headers = reader.read_consistent(lambda store: store.sessions.headers())
        assert len(headers) == 2
        assert reader.notes(headers[0].id).count() == 4
    assert file_hashes(data_dir, include_lock=True) == hashes
    assert file_stats(data_dir) == stats
    with pytest.raises(StoreLocked):
        RecordStore.open(data_dir)  # writing still needs the lock


def test_lock_is_released_by_close(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = RecordStore.open(data_dir)
    store.close()
    assert open_from_another_process(data_dir) == ["opened"]
    with RecordStore.open(data_dir):
        pass
    with RecordStore.open(data_dir):  # as a context manager, too
        pass
    assert open_from_another_process(data_dir) == ["opened"]


def test_lock_is_released_when_the_owner_is_killed(
    holder: tuple[Path, subprocess.Popen[bytes]],
) -> None:
    data_dir, proc = holder
    before = read_snapshot_if_locked(data_dir)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert (data_dir / ".lock").exists()  # a stale lock file does not mean "locked"
    assert open_from_another_process(data_dir) == ["opened"]
    assert read_snapshot(data_dir) == before


def read_snapshot_if_locked(data_dir: Path) -> dict[str, object]:
    """What the folder holds, read from a copy (the folder itself is locked)."""
    copy = data_dir.parent / "copy-for-reading"
    shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(".lock"))
    return read_snapshot(copy)


# -- permissions ---------------------------------------------------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run with umask 0, so only the code's own modes protect the files."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def modes(root: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in sorted(root.rglob("*")):
        found[path.relative_to(root).as_posix()] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def assert_private(root: Path) -> None:
    wrong = {
        name: mode
        for name, mode in modes(root).items()
        if mode != ("0o700" if (root / name).is_dir() else "0o600")
    }
    assert not wrong, f"not owner-only: {wrong}"


def test_everything_created_is_owner_only_under_umask_zero(tmp_path: Path, open_umask: None) -> None:
    parent = tmp_path / "home" / "user" / ".local" / "share"
    data_dir = parent / "psw-tui"
    store = RecordStore.open(data_dir)
    try:
        sample = populate(store)
        store.reflections.save(FreeReflection(title="Older", written_on=date(2019, 5, 1)))
        store.backup()
        group = Group(name="Imported group")
        session = Session(group_id=group.id, title="Imported", date=date(2023, 2, 1))
        store.import_bundle(
            Bundle(
                groups=[group],
                sessions=[
                    SessionBundle(
                        session=session,
                        notes=[
                            AnonymousNote(
                                kind="theme", session_id=session.id, session_date=session.date, text="t"
                            )
                        ],
                    )
                ],
                reflections=[FreeReflection(title="Imported", written_on=date(2022, 1, 1))],
            )
        )
        assert (data_dir / ".lock").exists()
        assert_private(data_dir)  # the lock included, while held
        store.backup(datetime(2030, 1, 1))
    finally:
        store.close()
    backup = sorted((data_dir / "backups").glob("*.zip"))[0]
    restore_backup(data_dir, backup)  # stages files in a folder of its own
    with RecordStore.open(data_dir) as reopened:
        reopened.notes(sample.session.id).save(
            AnonymousNote(kind="theme", session_id=sample.session.id, session_date=sample.session.date, text="x")
        )

    names = set(modes(data_dir))
    for expected in ("catalog.json", ".lock", "sessions", "reflections", "backups"):
        assert expected in names
    assert any(name.startswith("sessions/") for name in names)
    assert any(name.startswith("reflections/") for name in names)
    assert sum(name.startswith("backups/") for name in names) >= 3
    assert_private(data_dir)
    # The folders we had to create on the way to the data folder are private too.
    for folder in (tmp_path / "home", tmp_path / "home" / "user", parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_existing_loose_files_and_folder_are_tightened_on_write(tmp_path: Path, open_umask: None) -> None:
    """A folder copied in with 0644/0755 (e.g. from a USB stick) becomes private as it is saved."""
    data_dir = tmp_path / "data"
    make_store(data_dir)
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    with RecordStore.open(data_dir) as store:
        store.groups.save(Group(name="Walk and talk"))
        for session in store.sessions.headers():
            store.notes(session.id).save(
                AnonymousNote(kind="theme", session_id=session.id, session_date=session.date, text="y")
            )
        for reflection in store.reflections.all():
            store.reflections.save(reflection)
    for name in ("catalog.json", "sessions", "reflections", "."):
        path = data_dir / name
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, name
    for path in [*data_dir.glob("sessions/*.json"), *data_dir.glob("reflections/*.json")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
