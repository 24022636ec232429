"""CLI conventions: every mistake is one line on stderr and a non-zero exit, the global
options work after the command, ``backup -o FOLDER``, permission errors explained."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from psw_tui import cli_common
from psw_tui.cli import main
from psw_tui.cli_common import explain_os_error
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


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One demo data folder (read by every bad invocation, changed by none)."""
    root = tmp_path_factory.mktemp("conventions")
    assert main(["--data-dir", str(root / "data"), "seed-demo"]) == 0
    assert main(["--data-dir", str(root / "data"), "check"]) == 0  # any first-open upkeep done now
    (root / "bundle.json").write_text("[1, 2]")
    (root / "phrase").write_text("")
    (root / "existing.zip").write_bytes(b"not a zip")
    yield root


# (arguments, what the one line must say). {D} is the demo data folder, {T} its parent.
# Exit 2 and "see psw-tui ... --help" for mistakes in the command line itself.
USAGE = [
    (["frob"], "unknown command 'frob'"),
    (["--data-dir"], "--data-dir: expected one argument"),
    (["--passphrase-file"], "--passphrase-file: expected one argument"),
    (["--data-dir", ""], "--data-dir: give a path, not an empty string"),
    (["sessions", "--data-dir", ""], "--data-dir: give a path, not an empty string"),
    (["sessions", "--passphrase-file", " "], "--passphrase-file: give a path, not an empty string"),
    (["--bogus"], "unrecognized argument: --bogus"),
    (["-x"], "unrecognized argument: -x"),
    (["--demo", "sessions"], "--demo opens the app"),
    (["--data-dir", "{D}", "--demo", "check"], "--demo opens the app"),
    (["sessions", "--demo"], "unrecognized argument: --demo"),
    (["sessions", "--bogus"], "unrecognized argument: --bogus"),
    (["sessions", "extra"], "unrecognized argument: 'extra'"),
    (["sessions", "a\nb"], "unrecognized argument: 'a\\nb'"),
    (["sessions", "--group"], "--group: expected one argument"),
    (["sessions", "--json=yes"], "--json: ignored explicit argument 'yes'"),
    (["sessions", "--data-dir"], "--data-dir: expected one argument"),
    (["sessions", "--passphrase-file"], "--passphrase-file: expected one argument"),
    (["check", "now"], "unrecognized argument: 'now'"),
    (["check", "--repair=1"], "--repair: ignored explicit argument '1'"),
    (["check", "--fix"], "unrecognized argument: --fix"),
    (["seed-demo", "--force"], "unrecognized argument: --force"),
    (["seed-demo", "x", "y"], "unrecognized arguments: 'x' 'y'"),
    (["backup", "-o"], "-o/--output: expected one argument"),
    (["backup", "--output"], "-o/--output: expected one argument"),
    (["backup", "--force=1"], "--force: ignored explicit argument '1'"),
    (["backup", "now"], "unrecognized argument: 'now'"),
    (["restore"], "required: FILE"),
    (["restore", "a.zip", "b.zip"], "unrecognized argument: 'b.zip'"),
    (["restore", "--yes", "a.zip"], "unrecognized argument: --yes"),
    (["import"], "required: FILE"),
    (["import", "a.json", "b.json"], "unrecognized argument: 'b.json'"),
    (["import", "--dry-run", "a.json"], "unrecognized argument: --dry-run"),
    (["export"], "required: --format/-f"),
    (["export", "0c2d37ee"], "required: --format/-f"),
    (["export", "0c2d37ee", "-f"], "-f: expected one argument"),
    (["export", "0c2d37ee", "--format", "pdf"], "invalid choice: 'pdf'"),
    (["export", "0c2d37ee", "--format", "MD"], "invalid choice: 'MD'"),
    (["export", "0c2d37ee", "0c2d37ef", "-f", "md"], "unrecognized argument: '0c2d37ef'"),
    (["export", "0c2d37ee", "-f", "md", "-o"], "-o/--output: expected one argument"),
    (["export", "0c2d37ee", "-f", "md", "--from"], "--from: expected one argument"),
    (["export", "0c2d37ee", "-f", "md", "--to"], "--to: expected one argument"),
    (["export", "-f", "md"], "give a SESSION id"),
    (["export", "0c2d37ee", "--group", "Walk and talk", "-f", "md"], "not both"),
    (["export", "--group", "Walk and talk", "-f", "md"], "either --last or --from/--to"),
    (["export", "--group", "Walk and talk", "--last", "--from", "2026-01-01", "-f", "md"], "either --last"),
    (["export", "--last", "-f", "md"], "give a SESSION id"),
    (["export", "0c2d37ee", "--last", "-f", "md"], "need --group NAME"),
    (["export", "--group", "Walk and talk", "--from", "2026-10-01", "-f", "md"], "needs -o FOLDER"),
    (["export", "--group", "Walk and talk", "--from", "01/10/2026", "-f", "md", "-o", "{T}"], "not a date"),
    (["export", "--group", "Walk and talk", "--to", "2026-02-30", "-f", "md", "-o", "{T}"], "not a date"),
    (["export", "--group", "G", "--from", "2026-10-02", "--to", "2026-10-01", "-f", "md", "-o", "{T}"],
     "--from is after --to"),
    (["export", "0c2d37ee", "-f", "csv", "--shareable"], "cannot be shareable"),
    (["export", "0c2d37ee", "-f", "json", "--shareable"], "cannot be shareable"),
    (["encrypt", "--new-passphrase-file"], "--new-passphrase-file: expected one argument"),
    (["encrypt", "now"], "unrecognized argument: 'now'"),
    (["decrypt", "--new-passphrase-file", "x"], "unrecognized arguments: --new-passphrase-file 'x'"),
    (["change-passphrase", "--new"], "--new-passphrase-file: expected one argument"),
    (["change-passphrase", "secret"], "unrecognized argument: 'secret'"),
    (["prune", "--before"], "--before: expected one argument"),
    (["prune", "--before", "last year"], "--before 'last year' is not a date"),
    (["prune", "--before", "2026-02-30", "--yes"], "is not a date"),
    (["prune", "--confirm"], "--confirm: expected one argument"),
    (["prune", "--yes=no"], "--yes: ignored explicit argument 'no'"),
]

# Failures of a well-formed command: exit 1, one line, no pointer to the help.
FAILURES = [
    (["--data-dir", "{T}/none", "sessions"], "holds no psw-tui data"),
    (["--data-dir", "{T}/none", "check"], "holds no psw-tui data"),
    (["--data-dir", "{T}/none", "backup"], "holds no psw-tui data"),
    (["--data-dir", "{T}/none", "export", "0c2d37ee", "-f", "md"], "holds no psw-tui data"),
    (["--data-dir", "{D}/catalog.json", "sessions"], "catalog.json"),
    (["--data-dir", "{D}", "sessions", "--group", "Nobody"], "no group named 'Nobody'"),
    (["--data-dir", "{D}", "export", "ffffffff", "-f", "md"], "no session id starts with 'ffffffff'"),
    (["--data-dir", "{D}", "export", "--group", "Nobody", "--last", "-f", "md"], "no group named"),
    (["--data-dir", "{D}", "export", "0c2d37ee", "-f", "md", "-o", "{T}/no/such/x.md"], "does not exist"),
    (["--data-dir", "{D}", "seed-demo"], "already holds data"),
    (["--data-dir", "{D}", "import", "{T}/missing.json"], "missing.json"),
    (["--data-dir", "{D}", "import", "{T}/bundle.json"], "not a psw-tui bundle"),
    (["--data-dir", "{D}", "import", "{T}"], "{T}"),
    (["--data-dir", "{D}", "restore", "{T}/missing.zip"], "missing.zip"),
    (["--data-dir", "{D}", "backup", "-o", "{T}/existing.zip"], "already exists; use --force"),
    (["--data-dir", "{D}", "backup", "-o", "{T}/no/such/b.zip"], "is not a folder"),
    (["--data-dir", "{D}", "--passphrase-file", "{T}/phrase", "sessions"], None),
    (["--data-dir", "{D}", "decrypt"], "is not encrypted"),
    (["--data-dir", "{D}", "change-passphrase"], "is not encrypted"),
    (["--data-dir", "{D}", "prune", "--before", "2030-01-01"], "nothing removed"),
]


def _fill(args: list[str], root: Path) -> list[str]:
    return [a.replace("{D}", str(root / "data")).replace("{T}", str(root)) for a in args]


def test_there_are_sixty_bad_invocations_in_the_table() -> None:
    assert len(USAGE) + len(FAILURES) >= 60


@pytest.mark.parametrize(("args", "message"), USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_a_wrong_command_line_is_one_line_and_exit_2(
    shared: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = folder_hashes(shared / "data")
    code, out, err = run(capsys, *_fill(args, shared))
    assert code == 2 and out == ""
    assert err.startswith("psw-tui: ") and err.count("\n") == 1, err
    assert message in err, err
    command = next((a for a in args if a in {"sessions", "check", "seed-demo", "backup", "restore", "import",
                                             "export", "encrypt", "decrypt", "change-passphrase", "prune"}), None)
    expected = f"see psw-tui {command} --help" if command and "--demo" not in args else "see psw-tui "
    assert expected in err and err.endswith(" --help\n"), err
    assert folder_hashes(shared / "data") == before


@pytest.mark.parametrize(("args", "message"), FAILURES, ids=[" ".join(a) for a, _ in FAILURES])
def test_a_failing_command_is_one_line_and_exit_1(
    shared: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str | None
) -> None:
    before = folder_hashes(shared / "data")
    code, _, err = run(capsys, *_fill(args, shared))
    assert code == 1
    assert err.startswith("psw-tui: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "--help" not in err
    if message is not None:
        assert _fill([message], shared)[0] in err, err
    assert folder_hashes(shared / "data") == before


# -- global options after the command --------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["sessions"], ["sessions", "--json"], ["check"], ["export", "0c2d37ee", "-f", "txt", "--shareable"]],
)
def test_global_options_work_after_the_command(
    shared: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data = str(shared / "data")
    before = run(capsys, "--data-dir", data, *command)
    after = run(capsys, *command, "--data-dir", data)
    between = run(capsys, command[0], "--data-dir", data, *command[1:])
    assert before[0] == 0 and before == after == between


def test_an_option_after_the_command_wins_over_one_before(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "none"), "sessions", "--data-dir", str(shared / "data"))
    assert code == 0 and out.count("\n") > 20


def test_every_command_takes_the_global_options_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, phrase = tmp_path / "d", tmp_path / "phrase"
    phrase.write_text("correct horse battery staple\n")
    assert run(capsys, "seed-demo", "--data-dir", str(data))[0] == 0
    assert run(capsys, "backup", "--data-dir", str(data), "-o", str(tmp_path / "b.zip"))[0] == 0
    bundle = tmp_path / "one.json"
    code, out, err = run(capsys, "export", "0c2d37ee", "-f", "json", "-o", str(bundle), "--data-dir", str(data))
    assert code == 0, err
    assert run(capsys, "import", str(bundle), "--data-dir", str(tmp_path / "fresh"))[0] == 0
    assert run(capsys, "prune", "--before", "2000-01-01", "--data-dir", str(data))[0] == 0
    code, _, err = run(capsys, "encrypt", "--new-passphrase-file", str(phrase), "--data-dir", str(data))
    assert code == 0, err
    code, out, err = run(capsys, "sessions", "--data-dir", str(data), "--passphrase-file", str(phrase))
    assert code == 0 and out.count("\n") > 20, err
    code, _, err = run(capsys, "change-passphrase", "--passphrase-file", str(phrase),
                       "--new-passphrase-file", str(phrase), "--data-dir", str(data))
    assert code == 0, err
    code, _, err = run(capsys, "check", "--passphrase-file", str(phrase), "--data-dir", str(data))
    assert code == 0, err
    code, _, err = run(capsys, "decrypt", "--data-dir", str(data), "--passphrase-file", str(phrase))
    assert code == 0, err
    code, out, err = run(capsys, "restore", str(tmp_path / "b.zip"), "--data-dir", str(data))
    assert code == 0 and "Restored" in out, err


# -- backup -o FOLDER -------------------------------------------------------------------------


def test_backup_into_a_folder_writes_a_new_file_there(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    code, out, err = run(capsys, "backup", "-o", str(folder), "--data-dir", str(shared / "data"))
    assert code == 0, err
    first, = folder.iterdir()
    assert out == f"Backup written: {first}\n" and first.suffix == ".zip"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    code, _, err = run(capsys, "backup", "-o", str(folder), "--force", "--data-dir", str(shared / "data"))
    assert code == 0, err
    assert len(list(folder.iterdir())) == 2  # a second backup, not the first overwritten
    restored = tmp_path / "restored"
    code, _, err = run(capsys, "restore", str(first), "--data-dir", str(restored))
    assert code == 0, err
    with RecordStore.open(restored) as store, RecordStore.open(shared / "data", create=False) as original:
        assert store.counts() == original.counts()


# -- permissions ------------------------------------------------------------------------------


def _deny(monkeypatch: pytest.MonkeyPatch, where: Path, code: int = errno.EPERM) -> None:
    real = os.chmod

    def chmod(path: object, mode: int, *args: object, **kwargs: object) -> None:
        if Path(os.fsdecode(path)) == where:  # type: ignore[arg-type]
            raise PermissionError(code, os.strerror(code), str(path))
        real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "chmod", chmod)


def test_a_folder_of_another_user_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    _deny(monkeypatch, folder)
    owner = folder.stat().st_uid
    monkeypatch.setattr(cli_common.os, "geteuid", lambda: owner + 4242)  # we are someone else
    code, _, err = run(capsys, "seed-demo", "--data-dir", str(folder))
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"psw-tui: cannot write to {folder}: it belongs to another user"), err
    assert "Operation not permitted" not in err and "--data-dir" in err


def test_a_folder_of_ours_without_permission_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    assert run(capsys, "seed-demo", "--data-dir", str(folder))[0] == 0
    _deny(monkeypatch, folder, errno.EACCES)
    monkeypatch.setattr(cli_common.os, "geteuid", lambda: folder.stat().st_uid)
    code, _, err = run(capsys, "backup", "--data-dir", str(folder))
    assert code == 1
    assert err == f"psw-tui: cannot write to {folder}: its permissions do not allow it (ls -ld {folder} shows them)\n"


def test_a_file_inside_a_folder_of_another_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_common.os, "geteuid", lambda: tmp_path.stat().st_uid + 1)
    message = explain_os_error(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "new.zip")))
    assert message.startswith(f"cannot write to {tmp_path / 'new.zip'}: it belongs to another user "
                              f"(its folder {tmp_path} does)")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "read-only disk"),
        (errno.EIO, "input/output error"),
        (errno.ENOENT, "does not exist"),
    ],
)
def test_other_disk_errors_are_worded(tmp_path: Path, code: int, expected: str) -> None:
    message = explain_os_error(OSError(code, os.strerror(code), str(tmp_path / "x")))
    assert message.startswith(f"{tmp_path / 'x'}: ") and expected in message


# -- the CLI's modules import each other downhill only ----------------------------------------


def test_the_cli_modules_form_no_import_circle_and_import_at_the_top() -> None:
    import ast

    import psw_tui

    package = Path(psw_tui.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in sorted(package.glob("cli*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("psw_tui.cli"):
                found.add(node.module.removeprefix("psw_tui."))
                assert node.col_offset == 0, f"{path.name} imports {node.module} inside a function"
            elif isinstance(node, ast.ImportFrom) and node.module == "psw_tui":
                found.update(alias.name for alias in node.names if alias.name.startswith("cli"))
        graph[path.stem] = found

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph.get(start, ()))

    assert len(graph) >= 5
    assert [name for name in graph if reaches(name, name, set())] == []
