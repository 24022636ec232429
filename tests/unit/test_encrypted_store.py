"""An encrypted data folder: nothing readable on disk, wrong passphrases and damaged files
touch nothing, conversions are complete and resumable, kills lose nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from psw_tui.cli import main
from psw_tui.models import AnonymousNote
from psw_tui.storage import RecordStore, StoreCorrupt, restore_backup
from psw_tui.storage.backups import KEY_MEMBER, list_backups, read_members
from psw_tui.storage.crypto import KdfParams, is_sealed
from psw_tui.storage.errors import PassphraseNeeded, WrongPassphrase
from psw_tui.storage.keyfile import KeyFile, new_key, unlock

from tests.unit import test_storage_kill_trials as kill_trials
from tests.unit.helpers_storage import data_paths, file_stats, make_store, read_snapshot, snapshot

PASSPHRASE = "correct horse battery staple"
CANARY = "CANARY-7f3a-Riverside-walk"


def fast_kdf() -> KdfParams:
    return KdfParams.fresh(n=2**14)  # the cheapest psw-tui accepts; real folders use n = 2**17


def every_file(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*")) if p.is_file()]


def assert_no_canary(root: Path, *canaries: bytes) -> None:
    """No file under ``root`` (data, backups, key file, lock, temp files) holds a canary,
    not even inside a backup archive's members."""
    for path in every_file(root):
        raw = path.read_bytes()
        blobs = [raw]
        if path.suffix == ".zip":
            blobs.extend(read_members(path).values())
        for blob in blobs:
            for canary in canaries:
                assert canary not in blob, f"{canary!r} found in {path}"


@pytest.fixture
def encrypted(data_dir: Path) -> Path:
    """A filled store with one backup, then encrypted."""
    make_store(data_dir, backup=True)
    with RecordStore.open(data_dir) as store:
        store.enable_encryption(PASSPHRASE, fast_kdf())
    return data_dir


def save_canary_note(data_dir: Path) -> None:
    with RecordStore.open(data_dir, passphrase=PASSPHRASE) as store:
        session = store.sessions.headers()[0]
        store.notes(session.id).save(
            AnonymousNote(kind="contribution", session_id=session.id, session_date=session.date,
                          text=f"{CANARY} says hello")
        )
        store.backup()


def test_a_canary_note_is_in_no_file_of_the_encrypted_folder(encrypted: Path) -> None:
    save_canary_note(encrypted)
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        texts = [n.text for h in store.sessions.headers() for n in store.notes(h.id).all()]
        assert f"{CANARY} says hello" in texts
        assert store.encrypted
    assert len(list_backups(data_paths(encrypted))) == 2
    # Also names and notes written before encryption, by the sample data.
    assert_no_canary(encrypted, CANARY.encode(), b"Walking helps me", b"Hearing Voices", b"Alex")
    for path in data_paths(encrypted).data_files():
        assert is_sealed(path.read_bytes())


def test_encrypting_removes_plain_leftovers_and_converts_backups(data_dir: Path) -> None:
    make_store(data_dir, backup=True)
    leftover = data_dir / "sessions" / ".old.json.abcd.tmp"  # as a kill mid-write leaves
    leftover.write_text(f"{CANARY} in a temp file")
    before = read_snapshot(data_dir)
    with RecordStore.open(data_dir) as store:
        report = store.enable_encryption(PASSPHRASE, fast_kdf())
        assert snapshot(store) == before
    assert report.backups == 1 and report.files == 5
    assert not leftover.exists()
    assert_no_canary(data_dir, CANARY.encode(), b"Walking helps me")
    members = read_members(list_backups(data_paths(data_dir))[0].path)
    assert KEY_MEMBER in members and is_sealed(members["catalog.json"])
    assert read_snapshot_encrypted(data_dir) == before


def read_snapshot_encrypted(data_dir: Path) -> dict:
    with RecordStore.open(data_dir, passphrase=PASSPHRASE) as store:
        return snapshot(store)


def test_wrong_or_missing_passphrase_says_so_and_touches_nothing(encrypted: Path) -> None:
    before = file_stats(encrypted)
    contents = {p: p.read_bytes() for p in every_file(encrypted)}
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        RecordStore.open(encrypted, passphrase="not the passphrase")
    with pytest.raises(PassphraseNeeded, match="encrypted"):
        RecordStore.open(encrypted)
    assert file_stats(encrypted) == before
    assert {p: p.read_bytes() for p in every_file(encrypted)} == contents


def test_a_flipped_byte_fails_clearly_and_the_file_is_left_as_it_is(encrypted: Path) -> None:
    paths = data_paths(encrypted)
    session_file = sorted(paths.sessions.glob("*.json"))[0]
    damaged = bytearray(session_file.read_bytes())
    damaged[len(damaged) // 2] ^= 0x40
    session_file.write_bytes(bytes(damaged))
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:  # it blocks only itself
        with pytest.raises(StoreCorrupt) as caught:
            store.sessions.get(UUID(session_file.stem))
    message = str(caught.value)
    assert "integrity check" in message and "left untouched" in message
    assert "Newest good backup" in message  # the encrypted backup reads back whole
    assert session_file.read_bytes() == bytes(damaged)

    catalog = bytearray(paths.catalog.read_bytes())
    catalog[-3] ^= 0x01
    paths.catalog.write_bytes(bytes(catalog))
    with pytest.raises(StoreCorrupt, match="integrity check"):
        RecordStore.open(encrypted, passphrase=PASSPHRASE)
    assert paths.catalog.read_bytes() == bytes(catalog)


def test_decrypting_brings_every_file_back_to_plain(encrypted: Path) -> None:
    before = read_snapshot_encrypted(encrypted)
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        store.disable_encryption()
        assert not store.encrypted and snapshot(store) == before
    paths = data_paths(encrypted)
    assert not paths.key_file.exists()
    assert not any(is_sealed(p.read_bytes()) for p in paths.data_files())
    assert KEY_MEMBER not in read_members(list_backups(paths)[0].path)
    assert read_snapshot(encrypted) == before  # no passphrase needed any more


def test_changing_the_passphrase_covers_the_backups_too(encrypted: Path) -> None:
    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        store.change_passphrase("a brand new passphrase", fast_kdf())
    with pytest.raises(WrongPassphrase):
        RecordStore.open(encrypted, passphrase=PASSPHRASE)
    backup = list_backups(data_paths(encrypted))[0].path
    key_copy = KeyFile.parse(read_members(backup)[KEY_MEMBER], backup)
    current = KeyFile.read(data_paths(encrypted).key_file)
    assert (key_copy.key_id, key_copy.kdf) == (current.key_id, current.kdf)
    unlock(key_copy, "a brand new passphrase", backup)
    with pytest.raises(WrongPassphrase):
        unlock(key_copy, PASSPHRASE, backup)
    before = read_snapshot_encrypted_with(encrypted, "a brand new passphrase")
    restore_backup(encrypted, backup, "a brand new passphrase")
    assert read_snapshot_encrypted_with(encrypted, "a brand new passphrase") == before


def read_snapshot_encrypted_with(data_dir: Path, passphrase: str) -> dict:
    with RecordStore.open(data_dir, passphrase=passphrase) as store:
        return snapshot(store)


def test_an_interrupted_encryption_is_finished_on_the_next_open(data_dir: Path) -> None:
    """As if killed right after the key file was written: nothing converted yet."""
    make_store(data_dir, backup=True)
    before = read_snapshot(data_dir)
    paths = data_paths(data_dir)
    new_key(PASSPHRASE, fast_kdf(), "encrypting").write(paths.key_file)
    with RecordStore.open(data_dir, passphrase=PASSPHRASE) as store:
        assert snapshot(store) == before
    assert KeyFile.read(paths.key_file).state == "ready"
    assert all(is_sealed(p.read_bytes()) for p in paths.data_files())
    assert_no_canary(data_dir, b"Walking helps me")


def test_cli_encrypt_check_and_export_warning(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_store(data_dir)
    phrase = tmp_path / "phrase"
    phrase.write_text(PASSPHRASE + "\n")
    assert main(["--data-dir", str(data_dir), "encrypt", "--new-passphrase-file", str(phrase)]) == 0
    assert "Encrypted" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "check"]) == 1  # no terminal to ask on
    assert "--passphrase-file" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "--passphrase-file", str(phrase), "check"]) == 0
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    assert main(["--data-dir", str(data_dir), "--passphrase-file", str(wrong), "sessions"]) == 1
    assert "wrong passphrase" in capsys.readouterr().err
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "--passphrase-file", str(phrase), "sessions", "--json"]) == 0
    session_id = json.loads(capsys.readouterr().out)[0]["id"]
    out = tmp_path / "summary.md"
    code = main(["--data-dir", str(data_dir), "--passphrase-file", str(phrase), "export", session_id,
                 "--format", "md", "-o", str(out)])
    assert code == 0
    assert "is not" in capsys.readouterr().err and out.exists()


@pytest.mark.slow
def test_kill_trials_on_an_encrypted_folder(tmp_path: Path) -> None:
    """The kill trials of test_storage_kill_trials, fewer of them, on an encrypted folder;
    afterwards no note text is readable anywhere, temp files left by the kills included."""
    data_dir = tmp_path / "data"
    with RecordStore.open(data_dir) as store:
        store.enable_encryption(PASSPHRASE, fast_kdf())
    trials = kill_trials.run_folder(data_dir, list(range(1, 21)), seed=7, passphrase=PASSPHRASE)
    assert sum(len(t.notes) for t in trials) > 0
    assert_no_canary(data_dir, b"trial 1 note", b"note 1", b"Trial ")


def test_a_note_saved_in_a_new_year_file_is_sealed(encrypted: Path) -> None:
    from psw_tui.models import FreeReflection

    with RecordStore.open(encrypted, passphrase=PASSPHRASE) as store:
        store.reflections.save(FreeReflection(title="New year", written_on=date(2031, 1, 2), text=CANARY))
    assert is_sealed(data_paths(encrypted).reflection_file(2031).read_bytes())
    assert_no_canary(encrypted, CANARY.encode())
