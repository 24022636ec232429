"""One damaged session file blocks only itself: the CLI lists, exports and backs up the
rest, says one session is damaged, and ``check --repair`` puts it right."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from psw_tui.cli import main
from psw_tui.services.setup import seed_demo
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY

VICTIM_INDEX = 3


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def damaged(data_dir: Path, demo_raw: Any) -> tuple[Path, str]:
    """The demo folder (with one good backup) and the id of one session whose file was
    then cut short."""
    with RecordStore.open(data_dir) as store:
        seed_demo(store, demo_raw, today=FIXED_TODAY)
        store.backup()
    victim = sorted((data_dir / "sessions").glob("*.json"))[VICTIM_INDEX]
    victim.write_bytes(victim.read_bytes()[:-20])
    return data_dir, victim.stem


def test_sessions_lists_every_other_one_and_marks_the_damaged_one(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, victim = damaged
    code, out, err = run(capsys, "sessions", "--json", "--data-dir", str(folder))
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 43
    assert [row["id"] for row in rows if row["status"] == "damaged"] == [victim]
    assert err.count("\n") == 1 and "1 session file(s) cannot be read" in err
    code, out, _ = run(capsys, "sessions", "--data-dir", str(folder))
    (line,) = [line for line in out.splitlines() if line.startswith(victim)]
    assert line.endswith("damaged")


def test_other_sessions_export_and_the_damaged_one_says_what_to_do(
    damaged: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, victim = damaged
    code, out, err = run(capsys, "export", "0c2d37ee", "-f", "md", "--data-dir", str(folder))
    assert code == 0 and out.startswith("# Session record (internal)")
    code, out, err = run(capsys, "export", victim[:8], "-f", "md", "--data-dir", str(folder))
    assert code == 1 and out == ""
    assert f"{victim}.json cannot be read" in err and "psw-tui" in err.splitlines()[-1]
    assert "restore" in err.splitlines()[-1] or "--repair" in err.splitlines()[-1]


def test_a_batch_export_leaves_out_the_damaged_session(
    damaged: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, victim = damaged
    with RecordStore.open(folder) as store:
        header = store.sessions.header(__import__("uuid").UUID(victim))
        assert header is not None
        group = next(g for g in store.groups.all() if g.id == header.group_id)
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "export", "--group", group.name, "--from", "2000-01-01", "-f", "txt",
                         "-o", str(out_dir), "--data-dir", str(folder))
    assert code == 0, err
    assert f"left out 1 damaged session(s): {header.date.isoformat()} ({victim[:8]})" in err
    assert out.startswith("Exported ") and len(list(out_dir.iterdir())) >= 1


def test_backup_works_and_keeps_the_damaged_file_as_it_is(
    damaged: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, victim = damaged
    target = tmp_path / "b.zip"
    code, out, err = run(capsys, "backup", "-o", str(target), "--data-dir", str(folder))
    assert code == 0, err
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert len([n for n in names if n.startswith("sessions/")]) == 43
        assert archive.read(f"sessions/{victim}.json") == (folder / "sessions" / f"{victim}.json").read_bytes()


def test_check_names_the_file_and_repair_brings_it_back_from_the_backup(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, victim = damaged
    code, out, err = run(capsys, "check", "--data-dir", str(folder))
    assert code == 1 and f"{victim}.json" in err and "check --repair" in err.splitlines()[-1]
    code, out, err = run(capsys, "check", "--repair", "--data-dir", str(folder))
    assert code == 0, err
    assert f"Repaired: brought session {victim} back from psw-tui-backup-" in out
    assert "OK:" in out and "43 sessions" in out
    code, out, err = run(capsys, "check", "--data-dir", str(folder))
    assert code == 0 and err == ""


def test_repair_without_a_backup_sets_the_file_aside(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, victim = damaged
    for backup in (folder / "backups").glob("*.zip"):
        backup.unlink()
    broken = (folder / "sessions" / f"{victim}.json").read_bytes()
    code, out, err = run(capsys, "check", "--repair", "--data-dir", str(folder))
    assert code == 0, err
    assert f"set session file {victim}.json aside in damaged/" in out and "42 sessions" in out
    (aside,) = (folder / "damaged").iterdir()
    assert aside.read_bytes() == broken  # nothing is deleted
    code, out, _ = run(capsys, "sessions", "--json", "--data-dir", str(folder))
    assert victim not in out and len(json.loads(out)) == 42


def test_repair_of_a_sound_folder_changes_nothing(
    data_dir: Path, demo_raw: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with RecordStore.open(data_dir) as store:
        seed_demo(store, demo_raw, today=FIXED_TODAY)
    code, out, err = run(capsys, "check", "--repair", "--data-dir", str(data_dir))
    assert code == 0 and out.startswith(f"OK: {data_dir}: nothing to repair")
    assert not (data_dir / "damaged").exists()


def test_a_damaged_catalog_is_rebuilt_by_repair(
    damaged: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = damaged
    (folder / "catalog.json").write_text("{not json")
    code, out, err = run(capsys, "sessions", "--data-dir", str(folder))
    assert code == 1 and err.count("\n") == 1 and "catalog.json" in err
    code, out, err = run(capsys, "check", "--repair", "--data-dir", str(folder))
    assert "Rebuilt the catalog: 42 session(s) listed from their files" in out, (out, err)
    assert "1 session file(s) could not be read" in out  # the one cut short
    code, out, err = run(capsys, "sessions", "--json", "--data-dir", str(folder))
    assert len(json.loads(out)) >= 42
