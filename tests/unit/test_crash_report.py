"""Leak-free failures: an unexpected error carrying a member's name or a note in a local
variable leaves no trace of it in the terminal, the crash report or any file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import psw_tui
from psw_tui import cli
from psw_tui.storage.crash_reports import STATE_DIR_ENV, crash_dir, describe, write_crash_report

from tests.unit.helpers_storage import PYTHON, child_env

CANARY = "CANARY-Bernadette-said-9d2e"

CHILD = r"""
import sys
from pathlib import Path
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static
from psw_tui.app import create_app
from psw_tui.storage import RecordStore

class Boom(Screen):
    def compose(self):
        yield Static("hello")

    def on_mount(self) -> None:
        member_name = sys.argv[3]
        note_text = f"{member_name} told the group something private"
        raise ValueError(note_text)

store = RecordStore.open(Path(sys.argv[1]))
if sys.argv[2] == "psw":
    app = create_app(None, store)
else:  # Textual's own handler, for comparison
    app = App()
app.get_default_screen = lambda: Boom()
app.run(headless=True, size=(80, 24))
store.close()
sys.exit(app.return_code or 0)
"""


def run_child(tmp_path: Path, which: str) -> subprocess.CompletedProcess[str]:
    env = child_env()
    env[STATE_DIR_ENV] = str(tmp_path / "state")
    env["PSW_TUI_CONFIG"] = str(tmp_path / "config" / "settings.toml")
    env.pop("TEXTUAL_LOG", None)
    return subprocess.run(
        [PYTHON, "-c", CHILD, str(tmp_path / "data"), which, CANARY],
        capture_output=True, text=True, env=env, timeout=120,
    )


def all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.slow
def test_app_crash_shows_a_short_message_and_writes_a_report_without_the_canary(tmp_path: Path) -> None:
    result = run_child(tmp_path, "psw")
    assert result.returncode == 1
    assert CANARY not in result.stdout and CANARY not in result.stderr
    assert "unexpected error (ValueError)" in result.stderr
    assert "Traceback" not in result.stderr and "locals" not in result.stderr
    reports = list((tmp_path / "state" / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    report = reports[0]
    assert report.name in result.stderr.replace("\n", "")
    assert report.stat().st_mode & 0o777 == 0o600
    assert report.parent.stat().st_mode & 0o777 == 0o700
    text = report.read_text()
    assert "error: ValueError (message withheld)" in text
    assert "in on_mount" in text  # file:line in function, to find the bug
    for path in all_files(tmp_path):
        assert CANARY.encode() not in path.read_bytes(), path


@pytest.mark.slow
def test_textuals_default_handler_would_have_leaked_it(tmp_path: Path) -> None:
    """The control: without psw-tui's handler the canary reaches the terminal."""
    result = run_child(tmp_path, "textual")
    assert CANARY in result.stderr


def test_report_holds_types_and_frames_only() -> None:
    def inner(secret: str) -> None:
        raise KeyError(secret)

    try:
        try:
            inner(CANARY)
        except KeyError as error:
            raise RuntimeError(f"while saving {CANARY}") from error
    except RuntimeError as error:
        text = describe(error)
    assert CANARY not in text
    assert "error: RuntimeError (message withheld)" in text
    assert "raised from: KeyError (message withheld)" in text
    assert "test_crash_report.py:" in text and "in inner" in text
    assert "/home/" not in text and "/root/" not in text


def test_cli_unexpected_error_is_one_line_and_a_clean_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "state"))

    def broken(args: object, data_dir: Path) -> int:
        member = CANARY
        raise ZeroDivisionError(f"{member} / 0")

    monkeypatch.setattr(cli, "cmd_sessions", broken)
    assert cli.main(["--data-dir", str(tmp_path / "data"), "sessions"]) == 1
    captured = capsys.readouterr()
    assert CANARY not in captured.out + captured.err
    assert "unexpected error (ZeroDivisionError)" in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    (report,) = crash_dir().glob("crash-*.txt")
    assert CANARY not in report.read_text() and "ZeroDivisionError" in report.read_text()


def test_reports_are_kept_to_a_few(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime, timedelta

    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path))
    start = datetime(2026, 1, 1)
    for minute in range(25):
        write_crash_report(ValueError("x"), start + timedelta(minutes=minute))
    assert len(list(crash_dir().glob("crash-*.txt"))) == 20


def test_the_app_never_runs_inline() -> None:
    """Inline mode would leave the screen in the terminal's scrollback after exit."""
    package = Path(psw_tui.__file__).parent
    for source in package.rglob("*.py"):
        assert "inline=True" not in source.read_text(), source
    assert "app.run()" in (package / "cli.py").read_text()
    assert sys.modules["psw_tui.cli"] is cli
