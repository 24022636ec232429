"""Retention: prune old sessions after showing what goes; the canary leaves every file."""

from __future__ import annotations

import builtins
import io
from datetime import date
from pathlib import Path

import pytest

from psw_tui.cli import main
from psw_tui.models import AnonymousNote, SessionStatus
from psw_tui.services.retention import apply_prune, cutoff_for, plan_prune, purge_backups
from psw_tui.storage import RecordStore
from psw_tui.storage.backups import GENERATIONS, list_backups, read_members

CANARY = "CANARY-old-session-5b1c"


def any_file_holds(root: Path, canary: bytes) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        blobs = [path.read_bytes()]
        if path.suffix == ".zip":
            blobs.extend(read_members(path).values())
        if any(canary in blob for blob in blobs):
            found.append(path)
    return found


def oldest_with_canary(store: RecordStore) -> date:
    oldest = store.sessions.headers()[0]
    store.notes(oldest.id).save(
        AnonymousNote(kind="theme", session_id=oldest.id, session_date=oldest.date, text=CANARY)
    )
    return oldest.date


def test_plan_counts_what_goes_and_changes_nothing(demo_store: RecordStore) -> None:
    headers = demo_store.sessions.headers()
    before = headers[3].date
    plan = plan_prune(demo_store, before)
    expected = [h for h in headers if h.date < before and h.status is not SessionStatus.RUNNING]
    assert [h.id for h in plan.sessions] == [h.id for h in expected]
    assert plan.counts["sessions"] == len(expected)
    assert plan.counts["notes"] == sum(demo_store.notes(h.id).count() for h in expected)
    assert plan.counts["register"] == sum(demo_store.register(h.id).count() for h in expected)
    assert plan.removed_records < plan.total_records
    assert not plan.needs_typed_word  # a few sessions of a term
    assert demo_store.sessions.headers() == headers
    assert plan.listing()[0].startswith(expected[0].date.isoformat())


def test_prune_removes_the_sessions_and_their_files(demo_store: RecordStore) -> None:
    headers = demo_store.sessions.headers()
    before = headers[3].date
    plan = plan_prune(demo_store, before)
    assert apply_prune(demo_store, plan) == len(plan.sessions)
    left = demo_store.sessions.headers()
    assert len(left) == len(headers) - len(plan.sessions)
    assert all(h.date >= before or h.status is SessionStatus.RUNNING for h in left)
    for gone in plan.sessions:
        assert not demo_store.paths.session_file(gone.id).exists()
    demo_store.reload()
    assert len(demo_store.sessions.headers()) == len(left)


def test_a_large_prune_needs_the_word(demo_store: RecordStore) -> None:
    plan = plan_prune(demo_store, date(2100, 1, 1))
    assert plan.needs_typed_word and plan.word == f"delete {len(plan.sessions)}"
    with pytest.raises(ValueError, match="delete"):
        apply_prune(demo_store, plan, "yes")
    assert len(demo_store.sessions.headers()) > 0
    assert apply_prune(demo_store, plan, plan.word.upper()) == len(plan.sessions)


def test_running_sessions_are_never_pruned(store: RecordStore) -> None:
    from psw_tui.models import Group, Session

    group = store.groups.save(Group(name="Walk and talk"))
    running = store.sessions.save(Session(group_id=group.id, title="Old but running",
                                          date=date(2001, 1, 1), status="running"))
    plan = plan_prune(store, date(2020, 1, 1))
    assert plan.empty and plan.running_kept == 1
    assert store.sessions.header(running.id) is not None


def test_cutoff_from_the_retention_setting() -> None:
    assert cutoff_for(0, date(2026, 11, 20)) is None
    assert cutoff_for(7, date(2026, 11, 20)) == date(2019, 11, 20)
    assert cutoff_for(1, date(2028, 2, 29)) == date(2027, 2, 28)


def test_canary_leaves_every_file_once_the_backups_rotate(demo_store: RecordStore) -> None:
    root = demo_store.paths.root
    cutoff = oldest_with_canary(demo_store)
    demo_store.backup()
    assert any_file_holds(root, CANARY.encode())
    plan = plan_prune(demo_store, date.fromordinal(cutoff.toordinal() + 1))
    assert plan.backups == 1 and "rotate" in plan.backups_note()
    apply_prune(demo_store, plan)
    assert any_file_holds(root, CANARY.encode()) == [list_backups(demo_store.paths)[0].path]
    for _ in range(GENERATIONS):
        demo_store.backup()
    assert any_file_holds(root, CANARY.encode()) == []


def test_purge_replaces_the_backups_at_once(demo_store: RecordStore) -> None:
    cutoff = oldest_with_canary(demo_store)
    demo_store.backup()
    demo_store.backup()
    apply_prune(demo_store, plan_prune(demo_store, date.fromordinal(cutoff.toordinal() + 1)))
    fresh = purge_backups(demo_store)
    assert [info.path for info in list_backups(demo_store.paths)] == [fresh]
    assert any_file_holds(demo_store.paths.root, CANARY.encode()) == []


def test_cli_prune_shows_what_goes_and_asks(
    demo_store: RecordStore, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = demo_store.paths.root
    headers = demo_store.sessions.headers()
    before = headers[2].date.isoformat()
    demo_store.close()
    args = ["--data-dir", str(root), "prune", "--before", before]

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(args) == 1  # no terminal and no --yes: nothing removed
    out = capsys.readouterr()
    assert "will be removed" in out.out and "--yes" in out.err

    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda prompt: "n")
    assert main(args) == 1
    assert "nothing was removed" in capsys.readouterr().err
    monkeypatch.setattr(builtins, "input", lambda prompt: "y")
    assert main(args) == 0
    assert "Removed 2 session(s)" in capsys.readouterr().out

    everything = ["--data-dir", str(root), "prune", "--before", "2100-01-01"]
    monkeypatch.setattr(builtins, "input", lambda prompt: "yes")
    assert main(everything) == 1
    assert "not the word" in capsys.readouterr().err
    with RecordStore.open(root) as reopened:
        count = len(reopened.sessions.headers())
    monkeypatch.setattr(builtins, "input", lambda prompt: f"delete {count}")
    assert main(everything + ["--purge-backups"]) == 0
    assert "Backups replaced" in capsys.readouterr().out
    with RecordStore.open(root) as reopened:
        assert reopened.sessions.headers() == []
