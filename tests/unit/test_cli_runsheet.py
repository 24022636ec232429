"""``psw-tui runsheet`` end to end: printed and written, no names unless asked, one-line errors."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import html5lib
import pytest

from psw_tui.cli import main
from psw_tui.models import SessionStatus
from psw_tui.services.setup import seed_demo
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY
from tests.export_helpers import GOLDEN_SESSION, contains_word

PLANNED = "8dedd76c-cf79-4167-b522-d6c29ecc391e"  # Tuesday Hearing Voices Group, 24 Nov 2026 14:00
ROSTER = ("Ash", "Bramble", "Juniper", "Moss", "Pip", "Rowan", "Sorrel", "Sparrow", "Tansy", "Wren")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, demo_raw: Any) -> Iterator[Path]:
    """A closed data folder holding the demo data, dated as of FIXED_TODAY."""
    folder = tmp_path_factory.mktemp("runsheet") / "data"
    with RecordStore.open(folder) as store:
        seed_demo(store, demo_raw, today=FIXED_TODAY)
    yield folder


def runsheet(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(folder), "runsheet", *args)


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_prints_the_run_sheet_by_id_prefix_without_names(
    seeded: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, err = runsheet(capsys, seeded, "8DEDD76C", "--format", fmt)
    assert code == 0 and err == ""
    assert "Tuesday Hearing Voices Group" in out and "14:00" in out and "15:30" in out
    assert "Samaritans: 116 123" in out and "smile recently?" in out.replace("&#x27;", "'")
    assert not [name for name in ROSTER if contains_word(out, name)]
    if fmt == "html":
        html5lib.HTMLParser(strict=True).parse(out)


def test_with_register_names_the_roster(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = runsheet(capsys, seeded, PLANNED[:8], "-f", "md", "--with-register")
    assert code == 0 and err == ""
    assert "## Register" in out and all(contains_word(out, name) for name in ROSTER)


def test_writes_a_private_pocket_card_and_refuses_to_overwrite(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "card.html"
    code, out, err = runsheet(capsys, seeded, PLANNED, "-f", "html", "--pocket", "-o", str(target))
    assert code == 0 and err == ""
    assert out == f"Wrote the pocket card to {target} (no member names)\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_text(encoding="utf-8")
    assert "size: A6" in first
    html5lib.HTMLParser(strict=True).parse(first)

    code, out, err = runsheet(capsys, seeded, PLANNED, "-f", "html", "-o", str(target))
    assert code == 1 and out == "" and err == f"psw-tui: {target} already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == first

    code, out, err = runsheet(capsys, seeded, PLANNED, "-f", "txt", "-o", str(target), "--force",
                              "--with-register")
    assert code == 0 and "(with a paper register (it names the group's members))" in out
    assert target.read_text(encoding="utf-8").startswith("RUN-SHEET: TUESDAY HEARING VOICES GROUP")


def test_works_while_the_app_holds_the_folder(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with RecordStore.open(seeded):  # the lock is held, as by the running app
        code, out, err = runsheet(capsys, seeded, PLANNED, "-f", "txt")
    assert code == 0 and err == "" and out.startswith("RUN-SHEET")


def test_a_running_session_has_a_run_sheet(tmp_path: Path, demo_raw: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from psw_tui.services.live import LiveSession
    from tests.conftest import fixed_time

    folder = tmp_path / "data"
    with RecordStore.open(folder) as store:
        seed_demo(store, demo_raw, today=FIXED_TODAY)
        LiveSession(store, UUID(PLANNED), fixed_time()).start()
        header = store.sessions.header(UUID(PLANNED))
        assert header is not None and header.status is SessionStatus.RUNNING
    code, out, err = runsheet(capsys, folder, PLANNED, "-f", "md")
    assert code == 0 and err == "" and "- **Status:** running now" in out


USAGE = [
    (["runsheet"], "required: SESSION"),
    (["runsheet", PLANNED], "required: --format/-f"),
    (["runsheet", PLANNED, "-f"], "-f: expected one argument"),
    (["runsheet", PLANNED, "-f", "pdf"], "invalid choice: 'pdf'"),
    (["runsheet", PLANNED, "-f", "csv"], "invalid choice: 'csv'"),
    (["runsheet", PLANNED, "-f", "md", "--pocket"], "--pocket is an HTML card"),
    (["runsheet", PLANNED, "-f", "txt", "--pocket"], "--pocket is an HTML card"),
    (["runsheet", PLANNED, PLANNED, "-f", "md"], f"unrecognized argument: '{PLANNED}'"),
    (["runsheet", PLANNED, "-f", "md", "-o"], "-o/--output: expected one argument"),
    (["runsheet", PLANNED, "-f", "md", "--shareable"], "unrecognized argument: --shareable"),
    (["runsheet", PLANNED, "-f", "md", "--data-dir", ""], "give a path, not an empty string"),
]


@pytest.mark.parametrize(("args", "message"), USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_a_wrong_command_line_is_one_line_and_exit_2(
    seeded: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = hashes(seeded)
    code, out, err = run(capsys, "--data-dir", str(seeded), *args)
    assert code == 2 and out == ""
    assert err.startswith("psw-tui: ") and err.count("\n") == 1, err
    assert message in err and err.endswith("; see psw-tui runsheet --help\n"), err
    assert hashes(seeded) == before


FAILURES = [
    (["runsheet", "ffffffff", "-f", "md"], "no session id starts with 'ffffffff'"),
    (["runsheet", "", "-f", "md"], "give a session id"),
    (["runsheet", str(GOLDEN_SESSION)[:8], "-f", "md"], "this session is ended; a run-sheet is for a planned"),
    (["runsheet", PLANNED, "-f", "md", "-o", "{T}/no/such/x.md"], "does not exist"),
    (["runsheet", PLANNED, "-f", "md", "-o", "{T}"], None),
]


@pytest.mark.parametrize(("args", "message"), FAILURES, ids=[" ".join(a) for a, _ in FAILURES])
def test_a_failing_command_is_one_line_and_exit_1(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str | None
) -> None:
    before = hashes(seeded)
    code, out, err = run(capsys, "--data-dir", str(seeded), *[a.replace("{T}", str(tmp_path)) for a in args])
    assert code == 1 and out == ""
    assert err.startswith("psw-tui: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "--help" not in err
    assert message is None or message in err, err
    assert hashes(seeded) == before


def test_an_empty_folder_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "none"), "runsheet", PLANNED, "-f", "md")
    assert code == 1 and out == "" and err.count("\n") == 1 and "holds no psw-tui data" in err


def test_the_global_options_work_after_the_command(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = run(capsys, "--data-dir", str(seeded), "runsheet", PLANNED, "-f", "txt")
    after = run(capsys, "runsheet", PLANNED, "-f", "txt", "--data-dir", str(seeded))
    assert before[0] == 0 and before == after
