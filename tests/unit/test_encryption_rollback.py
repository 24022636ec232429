"""An encrypted folder notices files put back from earlier copies or swapped with each other,
rotates its data key when the passphrase changes, and restores never leave plain data.

Every "reported" case is checked from the user's side (``psw-tui check`` exits 1 with one
line naming the file) and every file is left byte for byte as it was.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from psw_tui.cli import main
from psw_tui.models import AnonymousNote, FreeReflection, Member
from psw_tui.storage import RecordStore, StoreCorrupt, restore_backup
from psw_tui.storage.backups import KEY_MEMBER, list_backups, read_members, write_backup
from psw_tui.storage.crypto import derive_key, is_sealed
from psw_tui.storage.encryption import open_key
from psw_tui.storage.errors import WrongPassphrase
from psw_tui.storage.keyfile import KeyFile, unlock
from psw_tui.storage.restore_keys import EncryptionDiffers
from psw_tui.storage.sealing import FolderCipher

from tests.unit.helpers_storage import data_paths, make_store, snapshot
from tests.unit.test_encrypted_store import (
    CANARY,
    PASSPHRASE,
    assert_no_canary,
    every_file,
    fast_kdf,
)

NEW_PASSPHRASE = "a brand new passphrase"


@pytest.fixture
def encrypted(data_dir: Path) -> Path:
    """A filled store with one backup, then encrypted, then opened once more (so the
    session index has caught up with the files encrypting rewrote)."""
    make_store(data_dir, backup=True)
    with RecordStore.open(data_dir) as store:
        store.enable_encryption(PASSPHRASE, fast_kdf())
    RecordStore.open(data_dir, passphrase=PASSPHRASE).close()
    return data_dir


@pytest.fixture
def phrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "phrase"
    path.write_text(PASSPHRASE + "\n")
    path.chmod(0o600)
    return path


def contents(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` but the lock, to compare before and after."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in every_file(root) if p.name != ".lock"}


def check(data_dir: Path, phrase: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run ``psw-tui check``; its exit code and the lines it printed on stderr."""
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), "--passphrase-file", str(phrase), "check"])
    return code, capsys.readouterr().err.splitlines()


def session_files(data_dir: Path) -> list[Path]:
    return sorted(data_paths(data_dir).sessions.glob("*.json"))


def add_note(data_dir: Path, text: str, passphrase: str = PASSPHRASE, session_id: UUID | None = None) -> None:
    with RecordStore.open(data_dir, passphrase=passphrase) as store:
        header = store.sessions.header(session_id) if session_id else store.sessions.headers()[0]
        assert header is not None
        store.notes(header.id).save(
            AnonymousNote(kind="contribution", session_id=header.id, session_date=header.date, text=text)
        )


def test_an_older_copy_of_one_session_file_is_reported_and_left_alone(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = session_files(encrypted)[0]
    older = target.read_bytes()
    add_note(encrypted, "kept", session_id=UUID(target.stem))
    target.write_bytes(older)  # the acknowledged note would vanish unnoticed
    before = contents(encrypted)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 1
    flagged = [line for line in lines if "altered or rolled back" in line]
    assert len(flagged) == 1 and str(target) in flagged[0]
    assert contents(encrypted) == before


def test_an_older_session_file_put_back_with_an_older_catalog_is_reported(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = data_paths(encrypted)
    target = session_files(encrypted)[0]
    older = {target: target.read_bytes(), paths.catalog: paths.catalog.read_bytes()}
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        group = store.groups.all()[0]
        store.members.save(Member(group_id=group.id, display_name="Morgan", role="member"))
    add_note(encrypted, "acknowledged", session_id=UUID(target.stem))
    for path, raw in older.items():
        path.write_bytes(raw)
    before = contents(encrypted)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 1 and len(lines) == 1
    assert "altered or rolled back" in lines[0] and str(paths.catalog) in lines[0]
    assert contents(encrypted) == before


def test_two_swapped_session_files_are_each_reported(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = session_files(encrypted)
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)
    before = contents(encrypted)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 1
    for path, other in ((first, second), (second, first)):
        named = [line for line in lines if str(path) in line and "altered or rolled back" in line]
        assert len(named) == 1 and f"sessions/{other.name}" in named[0]
    assert contents(encrypted) == before
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store, pytest.raises(StoreCorrupt, match="rolled back"):
        store.sessions.get(UUID(first.stem))


def test_two_swapped_reflection_year_files_are_reported(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = data_paths(encrypted)
    y2024, y2025 = paths.reflection_file(2024), paths.reflection_file(2025)
    a, b = y2024.read_bytes(), y2025.read_bytes()
    y2024.write_bytes(b)
    y2025.write_bytes(a)
    before = contents(encrypted)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 1
    flagged = [line for line in lines if "altered or rolled back" in line]
    assert flagged and all("reflections/" in line for line in flagged)
    assert contents(encrypted) == before
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        store.reflections.all()  # the other years still show; these two are set apart as damaged
        assert sorted(store.reflections.damaged) == [2024, 2025]
        assert all("altered or rolled back" in str(error) for error in store.reflections.damaged.values())


def test_after_change_passphrase_the_old_key_file_decrypts_nothing_new(
    encrypted: Path, phrase_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = data_paths(encrypted)
    old_key_file = paths.key_file.read_bytes()
    new_file = tmp_path / "new"
    new_file.write_text(NEW_PASSPHRASE + "\n")
    new_file.chmod(0o600)
    before = snapshot_with(encrypted, PASSPHRASE)
    code = main(["--data-dir", str(encrypted), "--passphrase-file", str(phrase_file),
                 "change-passphrase", "--new-passphrase-file", str(new_file)])
    assert code == 0 and "data key changed" in capsys.readouterr().out
    add_note(encrypted, f"{CANARY} after the change", NEW_PASSPHRASE)
    with RecordStore.open(encrypted, passphrase=NEW_PASSPHRASE) as store:
        store.backup()
    # Someone kept the old encryption.json and knows the old passphrase.
    old = unlock(KeyFile.parse(old_key_file, paths.key_file), PASSPHRASE, encrypted)
    old_cipher = FolderCipher({old.file.key_id: old.data_key}, old.file.key_id)
    for path in paths.data_files():
        with pytest.raises(StoreCorrupt, match="different key"):
            old_cipher.unseal(path.read_bytes(), path)
    for info in list_backups(paths):
        for name, raw in read_members(info.path).items():
            if name != KEY_MEMBER:
                with pytest.raises(StoreCorrupt, match="different key"):
                    old_cipher.unseal(raw, info.path / name)
    with pytest.raises(WrongPassphrase):
        RecordStore.open(encrypted, passphrase=PASSPHRASE)
    after = snapshot_with(encrypted, NEW_PASSPHRASE)
    assert {k: v for k, v in after.items() if not k.startswith("session ")} == {
        k: v for k, v in before.items() if not k.startswith("session ")
    }
    assert_no_canary(encrypted, CANARY.encode())


def snapshot_with(data_dir: Path, passphrase: str) -> dict:
    with RecordStore.open(data_dir, passphrase=passphrase) as store:
        return snapshot(store)


def test_a_rotation_cut_off_by_a_crash_is_finished_on_the_next_open(encrypted: Path) -> None:
    """As if killed right after the rotating key file was written: nothing re-encrypted yet."""
    paths = data_paths(encrypted)
    before = snapshot_with(encrypted, PASSPHRASE)
    key = open_key(paths, PASSPHRASE)
    assert key is not None
    params = fast_kdf()
    key.rotated(derive_key(NEW_PASSPHRASE, params), params).write(paths.key_file)
    assert snapshot_with(encrypted, NEW_PASSPHRASE) == before
    final = KeyFile.read(paths.key_file)
    assert final.state == "ready" and final.previous is None
    for path in paths.data_files():
        assert path.read_bytes()[8:24] == final.key_id
    for info in list_backups(paths):
        assert KeyFile.parse(read_members(info.path)[KEY_MEMBER], info.path).key_id == final.key_id


def test_keeping_the_data_key_only_rewraps_it(encrypted: Path) -> None:
    paths = data_paths(encrypted)
    files = {p: p.read_bytes() for p in paths.data_files()}
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        store.change_passphrase(NEW_PASSPHRASE, fast_kdf(), rotate=False)
    assert {p: p.read_bytes() for p in paths.data_files()} == files
    with pytest.raises(WrongPassphrase):
        RecordStore.open(encrypted, passphrase=PASSPHRASE)
    snapshot_with(encrypted, NEW_PASSPHRASE)


def test_a_plain_backup_restored_into_an_encrypted_folder_leaves_no_plain_file(
    tmp_path: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain_dir, sealed_dir = tmp_path / "plain", tmp_path / "sealed"
    make_store(plain_dir)
    add_note(plain_dir, f"{CANARY} in the plain backup", passphrase="")
    backup = tmp_path / "plain-backup.zip"
    with RecordStore.open(plain_dir) as store:
        write_backup(store.paths, backup)
        expected = snapshot(store)
    make_store(sealed_dir)
    with RecordStore.open(sealed_dir) as store:
        store.enable_encryption(PASSPHRASE, fast_kdf())
    before = contents(sealed_dir)

    # Without a terminal it is refused, with the reason, and nothing changes.
    capsys.readouterr()
    code = main(["--data-dir", str(sealed_dir), "--passphrase-file", str(phrase_file), "restore", str(backup)])
    err = capsys.readouterr().err
    assert code == 1 and len(err.splitlines()) == 1
    assert "is not encrypted" in err and "--accept-encryption-change" in err
    assert contents(sealed_dir) == before
    with pytest.raises(EncryptionDiffers):
        restore_backup(sealed_dir, backup, PASSPHRASE)

    code = main(["--data-dir", str(sealed_dir), "--passphrase-file", str(phrase_file), "restore", str(backup),
                 "--accept-encryption-change"])
    assert code == 0
    paths = data_paths(sealed_dir)
    assert paths.key_file.exists()
    assert all(is_sealed(p.read_bytes()) for p in paths.data_files())
    assert_no_canary(sealed_dir, CANARY.encode(), b"Walking helps me")
    assert snapshot_with(sealed_dir, PASSPHRASE) == expected
    code, lines = check(sealed_dir, phrase_file, capsys)
    assert code == 0, lines


def test_restoring_an_older_backup_of_the_same_key_is_not_taken_for_a_rollback(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = data_paths(encrypted)
    backup = list_backups(paths)[0].path
    expected = snapshot_with(encrypted, PASSPHRASE)
    add_note(encrypted, "written after the backup")
    restore_backup(encrypted, backup, PASSPHRASE)
    assert snapshot_with(encrypted, PASSPHRASE) == expected
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 0, lines
    # A file from before the restore put back in place is still caught.
    newer = list_backups(paths)[0].path  # the restore kept the replaced data here
    name = f"sessions/{session_files(encrypted)[0].name}"
    (encrypted / name).write_bytes(read_members(newer)[name])
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 1 and any("altered or rolled back" in line for line in lines)


@pytest.mark.parametrize(
    "change",
    [{"r": 1}, {"n": 2**22, "r": 32, "p": 16}, {"n": 2**13}, {"n": 2**21}, {"p": 5}, {"n": 3 * 2**14},
     {"n": "16384"}, {"r": 17}],
)
def test_absurd_key_file_parameters_are_one_line_and_no_crash(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str], change: dict
) -> None:
    paths = data_paths(encrypted)
    data = json.loads(paths.key_file.read_text())
    data["kdf"].update(change)
    paths.key_file.write_text(json.dumps(data))
    before = contents(encrypted)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 1 and len(lines) == 1
    assert "key file altered" in lines[0] and "crash" not in lines[0]
    assert contents(encrypted) == before


def test_a_passphrase_file_others_can_read_gets_a_warning(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 0 and lines == []
    phrase_file.chmod(0o644)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 0
    assert len(lines) == 1 and "can be read by other users" in lines[0] and str(phrase_file) in lines[0]


def test_new_year_files_and_copies_made_outside_are_checked_too(encrypted: Path) -> None:
    """A sealed file copied under another session's name, even a new one, is refused."""
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        store.reflections.save(FreeReflection(title="New year", written_on=date(2031, 1, 2), text="new"))
    paths = data_paths(encrypted)
    copy = paths.sessions / "00000000-0000-4000-8000-000000000000.json"
    shutil.copyfile(session_files(encrypted)[0], copy)
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        assert len(store.reflections.all()) == 4
        with pytest.raises(StoreCorrupt, match="holds the data of sessions/"):
            store.paths.codec.unseal(copy.read_bytes(), copy)


def test_a_catalog_rebuilt_after_a_rollback_is_taken_as_current(
    encrypted: Path, phrase_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The catalog written in place of a rolled-back one gets a version above the one the
    key file vouches for, and a ledger of the files as they are."""
    from psw_tui.storage.repair import rebuild

    paths = data_paths(encrypted)
    older = paths.catalog.read_bytes()
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        store.members.save(Member(group_id=store.groups.all()[0].id, display_name="Morgan", role="member"))
    paths.catalog.write_bytes(older)
    rebuild(encrypted, PASSPHRASE)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 0, lines
    # The rebuilt ledger still catches an older session file put back.
    target = session_files(encrypted)[0]
    before_note = target.read_bytes()
    add_note(encrypted, "after the rebuild", session_id=UUID(target.stem))
    target.write_bytes(before_note)
    code, lines = check(encrypted, phrase_file, capsys)
    assert code == 1 and any("altered or rolled back" in line and str(target) in line for line in lines)
