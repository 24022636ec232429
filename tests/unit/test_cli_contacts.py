"""``psw-tui contacts``: the log and totals per kind, read while the app may hold the folder;
a mistake on the command line is one line and exit 2; never the debrief."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from psw_tui.cli import main
from psw_tui.models import Debrief
from psw_tui.models.worker import Contact, ContactKind
from psw_tui.storage import RecordStore


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def logged(data_dir: Path) -> Path:
    with RecordStore.open(data_dir) as store:
        store.contacts.save_many([
            Contact(date=date(2026, 11, 2), kind=ContactKind.WALK, minutes=60, label="JB"),
            Contact(date=date(2026, 11, 10), kind=ContactKind.CRISIS, minutes=90, debrief_needed=True,
                    debrief=Debrief(how_was_it="PRIVATE-DEBRIEF-TEXT")),
            Contact(date=date(2026, 10, 1), kind=ContactKind.WALK, minutes=30),
        ])
    return data_dir


def test_lists_contacts_and_totals_per_kind_in_the_range(logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "contacts", "--from", "2026-11-01", "--to", "2026-11-30", "--data-dir", str(logged))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("2026-11-02  Walk") and "JB" in lines[0]
    assert "debrief needed" in lines[1] and "PRIVATE" not in out
    assert "Walk: 1 contact, 1.0 h" in out and "Crisis one-to-one: 1 contact, 1.5 h" in out
    assert lines[-1] == "Total: 2 contacts, 2.5 h"


def test_json_output_holds_no_debrief(logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(logged), "contacts", "--json", "--to", "2026-10-31")
    data = json.loads(out)
    assert code == 0 and data["to"] == "2026-10-31" and data["from"] is None
    assert [c["date"] for c in data["contacts"]] == ["2026-10-01"]
    assert data["totals"]["walk"] == {"contacts": 1, "minutes": 30}
    code, out, _ = run(capsys, "--data-dir", str(logged), "contacts", "--json")
    assert "PRIVATE" not in out and set(json.loads(out)["contacts"][0]) == {
        "date", "kind", "minutes", "label", "debrief_needed"}


def test_works_while_the_app_holds_the_folder(logged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with RecordStore.open(logged):
        code, out, _ = run(capsys, "contacts", "--data-dir", str(logged))
    assert code == 0 and "Total: 3 contacts" in out


@pytest.mark.parametrize("args", [
    ("--from", "2026-13-01"),
    ("--to", "yesterday"),
    ("--from", "2026-11-02", "--to", "2026-11-01"),
    ("--bogus",),
    ("--from",),
    ("extra",),
])
def test_bad_invocations_are_one_line_and_exit_2(logged: Path, capsys: pytest.CaptureFixture[str],
                                                 args: tuple[str, ...]) -> None:
    code, out, err = run(capsys, "contacts", *args, "--data-dir", str(logged))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("psw-tui: ")
    assert "psw-tui contacts --help" in err


def test_a_missing_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "contacts", "--data-dir", str(tmp_path / "nowhere"))
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
