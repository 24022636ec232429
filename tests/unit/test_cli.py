"""The headless commands: one clear line on failure, never a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from psw_tui.cli import main
from psw_tui.storage import RecordStore


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def folder_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")  # the lock and the change journal
    }


@pytest.fixture
def seeded(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "seed-demo")
    assert code == 0, out
    return data_dir


def test_seed_demo_fills_an_empty_folder_and_refuses_a_full_one(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--data-dir", str(seeded), "check")
    assert code == 0
    assert out.startswith("OK:") and "groups" in out and "reflections" in out
    code, out, err = run(capsys, "--data-dir", str(seeded), "seed-demo")
    assert code == 1
    assert "already holds data" in err and err.count("\n") == 1


def test_data_dir_comes_from_the_environment(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PSW_TUI_DATA_DIR", str(data_dir))
    assert run(capsys, "seed-demo")[0] == 0
    assert (data_dir / "catalog.json").exists()


def test_sessions_lists_and_filters(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "sessions", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 20
    assert set(rows[0]) == {"id", "date", "time", "group", "title", "status"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    supervision = [r for r in rows if r["group"] == "PSW group supervision"]
    code, out, _ = run(
        capsys, "--data-dir", str(seeded), "sessions", "--group", "psw GROUP supervision", "--json"
    )
    assert json.loads(out) == supervision
    code, out, err = run(capsys, "--data-dir", str(seeded), "sessions", "--group", "Nope")
    assert code == 1 and err == "psw-tui: no group named 'Nope'\n"
    code, out, _ = run(capsys, "--data-dir", str(seeded), "sessions")
    assert len(out.splitlines()) == len(rows)


def test_check_fails_clearly_on_a_damaged_session_file(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = sorted((seeded / "sessions").glob("*.json"))[3]
    victim.write_bytes(victim.read_bytes()[:-20])
    code, out, err = run(capsys, "--data-dir", str(seeded), "check")
    assert code == 1
    assert victim.name in err and "Traceback" not in err


def test_check_on_a_folder_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "none"), "check")
    assert code == 1 and "holds no psw-tui data" in err
    assert not (tmp_path / "none").exists()


def test_backup_and_restore(seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "b.zip"
    assert run(capsys, "--data-dir", str(seeded), "backup", "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o600
    code, _, err = run(capsys, "--data-dir", str(seeded), "backup", "-o", str(target))
    assert code == 1 and "--force" in err
    before = folder_hashes(seeded)
    # Damage the catalog, then restore: the data comes back.
    (seeded / "catalog.json").write_text("{not json")
    code, _, err = run(capsys, "--data-dir", str(seeded), "check")
    assert code == 1 and "catalog.json" in err
    code, out, _ = run(capsys, "--data-dir", str(seeded), "restore", str(target))
    assert code == 0 and "Restored" in out
    after = folder_hashes(seeded)
    assert {k: v for k, v in after.items() if not k.startswith("backups")} == {
        k: v for k, v in before.items() if not k.startswith("backups")
    }


def test_restore_refuses_while_the_store_is_open(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "b.zip"
    run(capsys, "--data-dir", str(seeded), "backup", "-o", str(target))
    before = folder_hashes(seeded)
    with RecordStore.open(seeded):
        code, _, err = run(capsys, "--data-dir", str(seeded), "restore", str(target))
    assert code == 1 and "already open" in err
    assert folder_hashes(seeded) == before


def test_import_of_a_bad_file_changes_nothing(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], demo_raw: dict
) -> None:
    bad = json.loads(json.dumps(demo_raw))
    bad["anchor_date"] = None
    # Make every id new so only the broken field is wrong.
    bad_text = json.dumps(bad)
    for old in {g["id"] for g in bad["groups"]}:
        bad_text = bad_text.replace(old, old[:-4] + "beef")
    bad = json.loads(bad_text)
    note = bad["sessions"][2]["notes"][0]
    note["text"] = ""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    before = folder_hashes(seeded)
    code, _, err = run(capsys, "--data-dir", str(seeded), "import", str(path))
    assert code == 1
    assert "sessions[2].notes[0]" in err and note["id"] in err and "'text'" in err
    assert folder_hashes(seeded) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "not a psw-tui bundle"),
        (b'{"format": "psw-tui-bundle", "groups": [{"name": "A", "colour": "red"}]}', "'colour'"),
    ],
)
def test_import_reports_bad_files_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(path))
    assert code == 1 and message in err and err.count("\n") == 1


def test_import_round_trip_of_an_export(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from psw_tui.services.bundles import export_bundle

    with RecordStore.open(seeded) as store:
        exported = export_bundle(store)
        counts = store.counts()
    path = tmp_path / "all.json"
    path.write_text(exported.model_dump_json())
    fresh = tmp_path / "fresh"
    code, out, err = run(capsys, "--data-dir", str(fresh), "import", str(path))
    assert code == 0, err
    with RecordStore.open(fresh) as store:
        assert store.counts() == counts
        assert export_bundle(store).model_dump() == exported.model_dump()


def test_while_the_app_is_open_reading_works_and_changing_is_refused(seeded: Path, tmp_path: Path) -> None:
    """Another process holds the folder (as the app does): sessions, export and check read a
    snapshot without the lock; commands that change the data are refused in one line."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from psw_tui.storage import RecordStore
            store = RecordStore.open({str(seeded)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )

    def psw(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "psw_tui", "--data-dir", str(seeded), *args],
                              capture_output=True, text=True, timeout=60)

    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        before = folder_hashes(seeded)
        listed = psw("sessions", "--json")
        assert listed.returncode == 0 and listed.stderr == "" and len(json.loads(listed.stdout)) >= 20
        exported = psw("export", "0c2d37ee", "-f", "txt", "--shareable")
        assert exported.returncode == 0 and exported.stdout.startswith("SESSION SUMMARY"), exported.stderr
        checked = psw("check")
        assert checked.returncode == 0 and checked.stdout.startswith("OK:"), checked.stderr
        bundle = tmp_path / "one.json"
        assert psw("export", "0c2d37ee", "-f", "json", "-o", str(bundle)).returncode == 0
        for command in (["check", "--repair"], ["backup"], ["seed-demo"], ["import", str(bundle)],
                        ["prune", "--before", "2000-01-01", "--yes"]):
            refused = psw(*command)
            assert refused.returncode == 1, command
            assert refused.stderr.count("\n") == 1 and "already open" in refused.stderr, (command, refused.stderr)
        assert folder_hashes(seeded) == before
    finally:
        holder.communicate("", timeout=30)


def test_unexpected_errors_are_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import psw_tui.cli as cli

    def explode(*_: object) -> None:
        raise RuntimeError("secret member name Wren")

    monkeypatch.setattr(cli, "cmd_sessions", explode)
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "sessions")
    assert code == 1 and err.count("\n") == 1
    assert "Wren" not in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o500)
    code, _, err = run(capsys, "--data-dir", str(locked / "d"), "seed-demo")
    assert code == 1 and err.count("\n") == 1
