"""Shared parts of the multi-file recovery tests (``test_storage_multifile_*.py``).

Every command that changes more than one file is run on a small store with a syscall
tripwire: the Nth call of ``open``/``os.open``/``os.write``/``os.fsync``/``os.replace``/
``os.unlink``/``os.mkdir``/``os.rmdir`` either raises an ``OSError`` (fault injection) or
SIGKILLs the process (kill trials, in a forked child). Afterwards the folder must open,
show exactly the state before or the state after the command (never a mix), pass
``check``, and hold no staging folder, journal or temp file.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import shutil
import signal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from psw_tui.models import (
    AnonymousNote,
    Bundle,
    FreeReflection,
    GibbsReflection,
    Group,
    Member,
    Session,
    SessionBundle,
)
from psw_tui.services import erasure, retention
from psw_tui.storage import RecordStore, journal, restore_backup
from psw_tui.storage.backups import list_backups
from psw_tui.storage.repair import set_session_aside
from psw_tui.storage.verify import verify_store

from tests.unit.helpers_storage import Sample, changed, make_store, temp_files

PASSPHRASE = "correct horse battery staple"  # for the encrypted variants


def open_store(data_dir: Path) -> RecordStore:
    """Open a trial folder (with the passphrase when it is encrypted)."""
    encrypted = (Path(data_dir) / "encryption.json").exists()
    return RecordStore.open(data_dir, passphrase=PASSPHRASE if encrypted else None)


CALLS = ("open", "os.open", "os.write", "os.fsync", "os.replace", "os.unlink", "os.mkdir", "os.rmdir")


class Tripwire:
    """Count the calls in :data:`CALLS`; at call ``at`` run ``fire`` (raise or kill).

    ``after`` makes the call first and fires once it returned (a kill just after a rename
    differs from a kill just before it).
    """

    def __init__(self, at: int | None = None, fire: Callable[[str], None] | None = None, after: bool = False) -> None:
        self.at = at
        self.fire = fire
        self.after = after
        self.count = 0
        self._saved: dict[str, Any] = {}

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        if name == "os.fsync":
            # A kill or an error is tried here, not a power cut: the page cache survives
            # both, so the call is counted (and can fail or kill) but not made, which keeps
            # hundreds of trials fast on a busy disk.
            real = _no_fsync

        def call(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            hit = self.at is not None and self.count == self.at and self.fire is not None
            if hit and not self.after:
                self.fire(name)
            result = real(*args, **kwargs)
            if hit and self.after:
                self.fire(name)
            return result

        return call

    def __enter__(self) -> Tripwire:
        for name in CALLS:
            owner, attr = (builtins, "open") if name == "open" else (os, name.split(".")[1])
            real = getattr(owner, attr)
            self._saved[name] = (owner, attr, real)
            setattr(owner, attr, self._wrap(name, real))
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, attr, real in self._saved.values():
            setattr(owner, attr, real)


def _no_fsync(fd: int) -> None:
    os.fstat(fd)  # still fails on a bad descriptor, like fsync would


def raise_oserror(number: int) -> Callable[[str], None]:
    """A tripwire action: raise ENOSPC (odd ``number``) or EIO (even)."""
    err = errno.ENOSPC if number % 2 else errno.EIO

    def fire(name: str) -> None:
        raise OSError(err, os.strerror(err))

    return fire


def kill_now(name: str) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


# -- the data and the commands -----------------------------------------------------------


@dataclass
class Case:
    """A prepared folder, and what the command needs."""

    sample: Sample
    backup: Path
    damaged: Any = None
    new_session: Any = None  # created by the create-session command (same id every run)


def prepare(data_dir: Path) -> Case:
    """A store with a backup, then changed (so restoring the backup changes something), with
    a session that :func:`fresh_copy` damages for the set-aside command."""
    sample = make_store(data_dir, backup=True)
    with open_store(data_dir) as store:
        backup = list_backups(store.paths)[0].path
        extra = Session(group_id=sample.group.id, title="Added after the backup", date=date(2025, 4, 1))
        store.sessions.save(extra)
        store.notes(extra.id).save(
            AnonymousNote(kind="theme", session_id=extra.id, session_date=extra.date, text="Spring")
        )
        store.reflections.save(FreeReflection(title="New year", written_on=date(2026, 1, 2), text="Fresh"))
        doomed = Session(group_id=sample.group.id, title="Damaged one", date=date(2025, 5, 1))
        store.sessions.save(doomed)
    created = Session(group_id=sample.group.id, title="Created in the trial", date=date(2025, 6, 3))
    return Case(sample=sample, backup=backup, damaged=doomed.id, new_session=created)


def small_bundle() -> Bundle:
    """A bundle touching new session files, the catalog and two year files (one existing)."""
    group = Group(name="Walk and talk")
    member = Member(group_id=group.id, display_name="Robin")
    parts = []
    for day in (date(2024, 6, 1), date(2024, 6, 8), date(2024, 6, 15)):
        session = Session(group_id=group.id, title=f"Walk {day:%d %b}", date=day)
        note = AnonymousNote(kind="theme", session_id=session.id, session_date=day, text="Fresh air")
        parts.append(SessionBundle(session=session, notes=[note]))
    reflections = [
        GibbsReflection(title="After the walk", written_on=date(2025, 6, 2), feelings="Calm"),
        FreeReflection(title="Older", written_on=date(2023, 2, 2), text="Remembered"),
    ]
    return Bundle(groups=[group], members=[member], sessions=parts, reflections=reflections)


BUNDLE = small_bundle()


def _with_store(data_dir: Path, action: Callable[[RecordStore], Any]) -> Callable[[], Any]:
    def run() -> Any:
        store = open_store(data_dir)
        try:
            return action(store)
        finally:
            store.close()

    return run


def command(name: str, data_dir: Path, case: Case) -> Callable[[RecordStore | None], Any]:
    """The command ``name`` as a callable taking the open store (restore takes None)."""
    sample = case.sample
    if name == "restore":
        encrypted = (Path(data_dir) / "encryption.json").exists()
        return lambda store: restore_backup(data_dir, case.backup, PASSPHRASE if encrypted else None)
    actions: dict[str, Callable[[RecordStore], Any]] = {
        "create-session": lambda s: s.sessions.save(case.new_session),
        "rename-session": lambda s: s.sessions.save(changed(sample.session, title="Moved to the library")),
        "import": lambda s: s.import_bundle(BUNDLE),
        "prune": lambda s: _prune(s),
        "forget-member": lambda s: erasure.forget_member(s, sample.members[1].id, "Alex"),
        "reflection-move": lambda s: s.reflections.save(
            changed(sample.reflections[1], written_on=date(2024, 12, 1))
        ),
        "set-aside": lambda s: set_session_aside(s, case.damaged),
    }
    return actions[name]


def _prune(store: RecordStore) -> int:
    plan = retention.plan_prune(store, date(2025, 4, 2))
    return retention.apply_prune(store, plan, plan.word)


COMMANDS = ["create-session", "rename-session", "import", "restore", "prune", "forget-member", "reflection-move", "set-aside"]


# -- what a user can see -----------------------------------------------------------------


def state(data_dir: Path) -> dict[str, Any]:
    """Open the folder freshly and read everything a user can see, damaged sessions as such.

    Ids that point at removed people (random by design) are written as "removed".
    """
    store = open_store(data_dir)
    try:
        return state_of(store)
    finally:
        store.close()


def state_of(store: RecordStore) -> dict[str, Any]:
    """:func:`state` of an open store."""
    if store is not None:
        members = {str(m.id) for m in store.members.all()}
        out: dict[str, Any] = {
            "groups": _dump(store.groups.all()),
            "members": _dump(store.members.all()),
            "templates": _dump(store.templates.all()),
            "reflections": _dump(store.reflections.all()),
            "sessions": {},
        }
        for header in store.sessions.headers():
            try:
                record = {
                    "session": store.sessions.get(header.id).model_dump(mode="json"),
                    "header": header.model_dump(mode="json"),
                    "register": _dump(store.register(header.id).all()),
                    "notes": _dump(store.notes(header.id).all()),
                    "actions": _dump(store.actions(header.id).all()),
                    "concerns": _dump(store.concerns(header.id).all()),
                }
            except Exception as error:  # noqa: BLE001 - a damaged session is part of the state
                record = {"damaged": type(error).__name__}
            out["sessions"][str(header.id)] = record
        text = json.dumps(out, sort_keys=True)
        for value in set(_ids(out)) - members:
            text = text.replace(f'"member_id": "{value}"', '"member_id": "removed"')
        return json.loads(text)


def _ids(data: Any) -> list[str]:
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("member_id", "owner_id") and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_ids(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(_ids(item))
    return found


def _dump(items: list[Any]) -> list[dict[str, Any]]:
    return sorted((item.model_dump(mode="json") for item in items), key=lambda d: d["id"])


def assert_clean(data_dir: Path, allowed: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """The folder opens, shows one of ``allowed``, passes check, holds no leftovers."""
    with open_store(data_dir) as store:
        seen = state_of(store)
        assert seen in allowed, f"{label}: the folder shows neither the state before nor after"
        report = verify_store(store)
        problems = [p for p in report.problems if "Damaged one" not in p]
        damaged = {str(d.session_id) for d in store.sessions.damaged()}
        problems = [p for p in problems if not any(d in p for d in damaged)]
        assert not problems, f"{label}: check found {problems}"
        reflection_ids = [r.id for r in store.reflections.all()]
        assert len(reflection_ids) == len(set(reflection_ids)), f"{label}: a duplicate reflection"
    assert not journal.staging_folders(data_dir.resolve()), f"{label}: a staging folder was left"
    assert not (data_dir / journal.JOURNAL).exists(), f"{label}: the journal was left"
    assert temp_files(data_dir) == [], f"{label}: a temp file was left"
    return seen


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Case]:
    """One prepared folder per test module, copied for each trial."""
    folder = tmp_path_factory.mktemp("pristine") / "data"
    return folder, prepare(folder)


@pytest.fixture(scope="module")
def pristine_encrypted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Case]:
    """The same, encrypted at rest (its backup converted with it)."""
    from psw_tui.storage.crypto import KdfParams

    folder = tmp_path_factory.mktemp("pristine-encrypted") / "data"
    case = prepare(folder)
    with open_store(folder) as store:
        store.enable_encryption(PASSPHRASE, KdfParams.fresh(n=2**14))
    return folder, case


def fresh_copy(pristine_dir: Path, target: Path, name: str, case: Case) -> Path:
    """A copy of the prepared folder (the lock file left out), for command ``name``."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(pristine_dir, target, ignore=shutil.ignore_patterns(".lock"))
    if name == "set-aside":
        path = target / "sessions" / f"{case.damaged}.json"
        path.write_bytes(path.read_bytes()[:40])
    return target


def expected_states(pristine_dir: Path, case: Case, name: str, scratch: Path) -> tuple[dict[str, Any], dict[str, Any], int]:
    """(state before, state after, syscalls the command makes) on a healthy disk."""
    data_dir = fresh_copy(pristine_dir, scratch / f"healthy-{name}", name, case)
    before = state(data_dir)
    run = command(name, data_dir, case)
    store = None if name == "restore" else open_store(data_dir)
    try:
        with Tripwire() as wire:
            run(store)
    finally:
        if store is not None:
            store.close()
    after = state(data_dir)
    assert after != before, f"{name} changed nothing: the trial would test nothing"
    return before, after, wire.count
