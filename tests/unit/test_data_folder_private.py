"""The data folder is psw-tui's alone: symbolic links inside it are refused before anything
is read or written, and modes looser than 0700/0600 are tightened and said so."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from psw_tui.cli import main
from psw_tui.storage import RecordStore, restore_backup
from psw_tui.storage.folder_guard import FolderNotPrivate

from tests.unit.helpers_storage import data_paths, file_hashes, make_store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def replace_with_link(path: Path, outside: Path) -> None:
    """Move ``path`` (a folder or file) outside the data folder and link to it."""
    path.rename(outside)
    path.symlink_to(outside, target_is_directory=outside.is_dir())


@pytest.mark.parametrize("name", ["backups", "sessions", "reflections"])
def test_a_symlinked_folder_is_refused_and_nothing_outside_is_touched(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir, backup=True)
    outside = tmp_path / f"elsewhere-{name}"
    replace_with_link(data_dir / name, outside)
    outside.chmod(0o755)
    before_outside = (file_hashes(outside), mode(outside))
    before_inside = file_hashes(data_dir)
    with pytest.raises(FolderNotPrivate) as caught:
        RecordStore.open(data_dir)
    message = str(caught.value)
    assert name in message and "symbolic link" in message and "\n" not in message
    code = main(["--data-dir", str(data_dir), "backup"])
    err = capsys.readouterr().err
    assert code == 1 and len(err.splitlines()) == 1 and name in err
    assert (file_hashes(outside), mode(outside)) == before_outside  # no backup written there, no chmod
    assert file_hashes(data_dir) == before_inside


def test_symlinked_files_are_refused_too(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir)
    paths = data_paths(data_dir)
    session = sorted(paths.sessions.glob("*.json"))[0]
    replace_with_link(session, tmp_path / "outside-session.json")
    replace_with_link(paths.catalog, tmp_path / "outside-catalog.json")
    with pytest.raises(FolderNotPrivate) as caught:
        RecordStore.open(data_dir)
    message = str(caught.value)
    assert "catalog.json" in message and f"sessions/{session.name}" in message
    with pytest.raises(FolderNotPrivate):
        restore_backup(data_dir, tmp_path / "any.zip")


def test_loose_modes_are_tightened_and_said_so(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir, backup=True)
    paths = data_paths(data_dir)
    session = sorted(paths.sessions.glob("*.json"))[0]
    backup = sorted(paths.backups.glob("*.zip"))[0]
    loose = {paths.root: 0o777, paths.sessions: 0o755, paths.catalog: 0o666, session: 0o644, backup: 0o640}
    for path, wanted in loose.items():
        os.chmod(path, wanted)
    with RecordStore.open(data_dir) as store:
        note = store.recovery_note
    assert note is not None and "tightened permissions" in note and "\n" not in note
    assert "the data folder 777->700" in note and "catalog.json 666->600" in note and "and 1 more" in note
    for path in loose:
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    for path in [paths.root, *paths.root.rglob("*")]:
        assert not mode(path) & 0o077, path
    with RecordStore.open(data_dir) as store:
        assert store.recovery_note is None  # nothing left to tighten


def test_a_new_folder_is_fine(tmp_path: Path) -> None:
    with RecordStore.open(tmp_path / "new") as store:
        assert store.recovery_note is None
