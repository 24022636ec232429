"""``psw-tui export``: one session, a group's last, a batch; one-line errors."""

from __future__ import annotations

import re

import json
from datetime import date
import stat
from pathlib import Path
from typing import Any

import pytest

from psw_tui.cli import main
from psw_tui.services.setup import seed_demo
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY
from tests.export_helpers import GOLDEN_NAMES, GOLDEN_SESSION, contains_word

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeded(data_dir: Path, demo_raw: Any) -> Path:
    """A closed data folder holding the demo data, dated as of FIXED_TODAY (as the goldens)."""
    with RecordStore.open(data_dir) as store:
        seed_demo(store, demo_raw, today=FIXED_TODAY)
    return data_dir


def export(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(folder), "export", *args)


def test_prints_the_shareable_summary_by_id_prefix(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = export(capsys, seeded, "0C2D37EE", "--format", "md", "--shareable")
    assert code == 0 and err == ""
    assert out.startswith("# Session summary (shareable)")
    assert "## Themes" in out and "people attended." in out
    assert not any(contains_word(out, name) for name in GOLDEN_NAMES)


def test_writes_a_private_file_and_refuses_to_overwrite(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "record.csv"
    code, out, err = export(capsys, seeded, str(GOLDEN_SESSION), "--format", "csv", "-o", str(target))
    assert code == 0 and out == f"Exported the register to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes().startswith(b"\xef\xbb\xbfDate,Group,Session,Name")
    code, out, err = export(capsys, seeded, str(GOLDEN_SESSION), "--format", "txt", "-o", str(target))
    assert code == 1 and err == f"psw-tui: {target} already exists; use --force to overwrite it\n"
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, _ = export(capsys, seeded, str(GOLDEN_SESSION), "--format", "txt", "-o", str(target), "--force")
    assert code == 0 and target.read_text().startswith("SESSION RECORD (INTERNAL)")


def test_json_export_imports_into_an_empty_folder_and_exports_the_same(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert export(capsys, seeded, "0c2d37ee", "--format", "json", "-o", str(first))[0] == 0
    other = tmp_path / "other"
    code, out, err = run(capsys, "--data-dir", str(other), "import", str(first))
    assert code == 0, err
    assert export(capsys, other, "0c2d37ee", "--format", "json", "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text())["reflections"] == []


def test_group_last_picks_the_most_recent_ended_session(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "sessions", "--group", "Walk and talk", "--json")
    ended = [row for row in json.loads(out) if row["status"] == "ended"]
    code, out, err = export(capsys, seeded, "--group", "WALK AND TALK", "--last", "--format", "txt")
    assert code == 0, err
    assert out.rstrip().endswith(f"{ended[-1]['id']}.")
    day = date.fromisoformat(ended[-1]["date"])
    assert re.search(rf"Date: +{day:%A} {day.day} {day:%B %Y}", out), out


def test_batch_writes_one_file_per_session_into_a_private_folder(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    args = ("--group", "Tuesday Hearing Voices Group", "--from", "2026-10-01", "--to", "2026-10-31",
            "--format", "md", "--shareable", "-o", str(folder))
    code, out, err = export(capsys, seeded, *args)
    assert code == 0, err
    files = sorted(p.name for p in folder.iterdir())
    assert files[0] == "2026-10-06-tuesday-hearing-voices-group-shareable.md"
    assert len(files) == 4 and out == f"Exported 4 session(s) to {folder}\n"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    golden = (GOLDEN / "sleep-and-rest.shareable.md").read_bytes()
    assert (folder / "2026-10-13-tuesday-hearing-voices-group-shareable.md").read_bytes() == golden
    code, _, err = export(capsys, seeded, *args)
    assert code == 1 and "already exists; use --force" in err
    assert export(capsys, seeded, *args, "--force")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope", "--format", "md"), "no session id starts with 'nope' (psw-tui sessions lists them)"),
        (("0", "--format", "md"), "'0' matches"),
        (("--format", "md"), "give a SESSION id"),
        (("0c2d37ee", "--group", "Walk and talk", "--format", "md"), "not both"),
        (("--group", "Walk and talk", "--format", "md"), "either --last or --from/--to"),
        (("--group", "Nobody", "--last", "--format", "md"), "no group named 'Nobody'"),
        (("--group", "Walk and talk", "--from", "2026-13-01", "--format", "md", "-o", "x"), "not a date"),
        (("--group", "Walk and talk", "--from", "2026-10-01", "--format", "md"), "needs -o FOLDER"),
        (("--group", "Walk and talk", "--from", "2030-01-01", "--format", "md", "-o", "x"), "no ended session"),
        (("0c2d37ee", "--format", "json", "--shareable"), "cannot be shareable"),
        (("0c2d37ee", "--format", "md", "-o", "/no/such/folder/x.md"), "does not exist. Nothing was written."),
    ],
)
def test_errors_are_one_line(
    seeded: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = export(capsys, seeded, *args)
    assert code in (1, 2) and out == ""  # 2: the command line itself is wrong
    assert err.startswith("psw-tui: ") and err.count("\n") == 1 and message in err
    assert (code == 2) == err.endswith("; see psw-tui export --help\n")
