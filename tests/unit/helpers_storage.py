"""Shared helpers for the storage reliability tests (``test_storage_*.py``).

Sample data that touches every kind of data file, folder fingerprints (hashes, mtimes,
modes), a full read of a store for before/after comparisons, and a fault injector that
makes one step of :func:`psw_tui.storage.durable.atomic_write` fail like a full disk.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

import psw_tui
from psw_tui.models import (
    Action,
    AnonymousNote,
    Concern,
    DriscollReflection,
    FacilitatorNote,
    FreeReflection,
    GibbsReflection,
    Group,
    Member,
    Segment,
    SegmentRun,
    Session,
    Template,
)
from psw_tui.models.records import RegisterEntry
from psw_tui.storage import RecordStore, durable
from psw_tui.storage.paths import DataPaths

REPO_ROOT = Path(psw_tui.__file__).resolve().parents[1]
PYTHON = sys.executable


# -- sample data -------------------------------------------------------------------------


@dataclass
class Sample:
    """What :func:`populate` wrote, to compare against what is read back."""

    group: Group
    members: list[Member]
    template: Template
    sessions: list[Session]
    register: dict[UUID, list[RegisterEntry]] = field(default_factory=dict)
    notes: dict[UUID, list[Any]] = field(default_factory=dict)
    actions: dict[UUID, list[Action]] = field(default_factory=dict)
    concerns: dict[UUID, list[Concern]] = field(default_factory=dict)
    reflections: list[Any] = field(default_factory=list)

    @property
    def session(self) -> Session:
        return self.sessions[0]


def populate(store: RecordStore) -> Sample:
    """Fill a store with a little of everything: catalog, two session files, two year files."""
    group = store.groups.save(
        Group(name="Tuesday Hearing Voices Group", agreement="What is said here stays here.")
    )
    members = [
        Member(group_id=group.id, display_name=name, role=role)
        for name, role in (("Sam", "facilitator"), ("Alex", "member"), ("Jo", "member"))
    ]
    store.members.save_many(members)
    segments = [
        Segment(title="Welcome", minutes=10, kind="welcome"),
        Segment(title="Check-in", minutes=20, kind="check_in", prompts=["How has your week been?"]),
        Segment(title="Close", minutes=5, kind="close"),
    ]
    template = store.templates.save(Template(name="Standard evening", segments=segments))
    sample = Sample(group=group, members=members, template=template, sessions=[])
    for day, status in ((date(2025, 3, 4), "ended"), (date(2025, 3, 11), "planned")):
        agenda = [segment.model_copy() for segment in segments]
        runs = []
        if status == "ended":
            runs = [
                SegmentRun(
                    segment_id=agenda[0].id,
                    started_at=datetime(2025, 3, 4, 18, 0, tzinfo=UTC),
                    ended_at=datetime(2025, 3, 4, 18, 11, tzinfo=UTC),
                )
            ]
        session = Session(
            group_id=group.id,
            title=f"Evening group {day:%d %b}",
            date=day,
            start_time=time(18, 0),
            status=status,
            template_id=template.id,
            agenda=agenda,
            runs=runs,
            started_at=datetime(2025, 3, 4, 18, 0, tzinfo=UTC) if status == "ended" else None,
            ended_at=datetime(2025, 3, 4, 19, 30, tzinfo=UTC) if status == "ended" else None,
        )
        store.sessions.save(session)
        sample.sessions.append(session)
        register = [
            RegisterEntry(session_id=session.id, member_id=member.id, status="present")
            for member in members
        ] + [RegisterEntry(session_id=session.id, kind="walk_in", display_name="Riley")]
        store.register(session.id).save_many(register)
        notes: list[Any] = [
            AnonymousNote(kind=kind, session_id=session.id, session_date=day, text=text)
            for kind, text in (
                ("theme", "Hope after a hard winter"),
                ("contribution", "Walking helps me"),
                ("signpost", "Local crisis cafe, open till 11pm"),
            )
        ]
        notes.append(
            FacilitatorNote(session_id=session.id, session_date=day, text="Quiet start", author="Sam")
        )
        for note in notes:
            store.notes(session.id).save(note)
        actions = [Action(session_id=session.id, group_id=group.id, text="Print leaflets", raised_on=day)]
        store.actions(session.id).save_many(actions)
        concerns = [
            Concern(
                session_id=session.id,
                kind="safeguarding_adult",
                action_taken="Spoke with the duty worker",
                recorded_by="Sam",
            )
        ]
        store.concerns(session.id).save_many(concerns)
        sample.register[session.id] = register
        sample.notes[session.id] = notes
        sample.actions[session.id] = actions
        sample.concerns[session.id] = concerns
    sample.reflections = [
        GibbsReflection(title="A hard group", written_on=date(2024, 11, 2), feelings="Tired"),
        DriscollReflection(title="Supervision", written_on=date(2025, 3, 5), what="Case talk"),
        FreeReflection(title="Self-care", written_on=date(2025, 3, 6), text="Walked home"),
    ]
    for reflection in sample.reflections:
        store.reflections.save(reflection)
    return sample


def changed(record: Any, **update: Any) -> Any:
    """A validated copy of ``record`` with some fields changed (``model_copy`` skips validation)."""
    return type(record).model_validate({**record.model_dump(), **update})


def make_store(data_dir: Path, *, backup: bool = False) -> Sample:
    """Create, fill and close a store at ``data_dir`` (optionally with one backup).

    It is opened once more so the catalog's fingerprints of the session files are current
    (saving a note changes its session file, not the catalog; the next open catches up).
    """
    store = RecordStore.open(data_dir)
    try:
        sample = populate(store)
    finally:
        store.close()
    store = RecordStore.open(data_dir)
    try:
        if backup:
            store.backup()
    finally:
        store.close()
    return sample


def _dump(items: list[Any]) -> list[dict[str, Any]]:
    return sorted((item.model_dump(mode="json") for item in items), key=lambda d: d["id"])


def snapshot(store: RecordStore) -> dict[str, Any]:
    """Everything a user could see in the store, in a comparable form."""
    headers = store.sessions.headers()
    out: dict[str, Any] = {
        "groups": _dump(store.groups.all()),
        "members": _dump(store.members.all()),
        "templates": _dump(store.templates.all()),
        "headers": [header.model_dump(mode="json") for header in headers],
        "reflections": _dump(store.reflections.all()),
    }
    for header in headers:
        out[f"session {header.id}"] = {
            "session": store.sessions.get(header.id).model_dump(mode="json"),
            "register": _dump(store.register(header.id).all()),
            "notes": _dump(store.notes(header.id).all()),
            "actions": _dump(store.actions(header.id).all()),
            "concerns": _dump(store.concerns(header.id).all()),
        }
    return out


def read_snapshot(data_dir: Path) -> dict[str, Any]:
    """Open the store freshly, read everything, close it."""
    store = RecordStore.open(data_dir)
    try:
        return snapshot(store)
    finally:
        store.close()


# -- folder fingerprints -----------------------------------------------------------------


def file_hashes(root: Path, *, include_lock: bool = False) -> dict[str, str]:
    """sha256 of every file under ``root`` (relative path -> hash)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and (include_lock or p.name != ".lock")
    }


def file_contents(root: Path) -> dict[str, Any]:
    """Every file under ``root`` except the lock, as bytes, to compare before and after.

    The one expected difference is ignored: on open, the catalog's session index may
    refresh the fingerprint (mtime, size) it keeps of each session file; the catalog is
    compared with those fingerprints taken out.
    """
    out: dict[str, Any] = {}
    for p in sorted(root.rglob("*")):
        if not p.is_file() or p.name == ".lock":
            continue
        raw = p.read_bytes()
        rel = p.relative_to(root).as_posix()
        out[rel] = raw
        if rel == "catalog.json":
            try:
                tables = json.loads(raw)
                for row in tables.get("sessions", {}).values():
                    row.pop("fingerprint", None)
                out[rel] = ("catalog without fingerprints", tables)
            except (ValueError, AttributeError, TypeError):
                pass
    return out


def file_stats(root: Path) -> dict[str, tuple[int, int, int]]:
    """(mtime_ns, size, mode) of every file and folder under ``root``, the lock included."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size, p.stat().st_mode)
        for p in sorted(root.rglob("*"))
    }


def temp_files(root: Path) -> list[Path]:
    """Temporary files left by atomic writes (``.NAME.XXXX.tmp``)."""
    return sorted(p for p in root.rglob(".*.tmp"))


def data_paths(data_dir: Path) -> DataPaths:
    return DataPaths(Path(data_dir).resolve())


def child_env() -> dict[str, str]:
    """Environment for a child Python that must import psw_tui from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("PSW_TUI_DATA_DIR", None)
    return env


# -- fault injection ---------------------------------------------------------------------

STEPS = ("create", "write", "fsync", "replace", "fsync_dir")


class DiskFault:
    """Make one step of ``atomic_write`` fail once with ``OSError(err)``.

    Steps: ``create`` (making the temp file), ``write`` (half the bytes are written, then
    the disk is full), ``fsync`` (of the file), ``replace`` (the rename), ``fsync_dir``
    (of the folder, after the rename). ``target`` limits the fault to writes of the file
    with that name (``catalog.json``, ``<uuid>.json``, ``2025.json``); ``skip`` lets that
    many matching writes succeed first.
    """

    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        step: str,
        target: str | None = None,
        err: int = errno.ENOSPC,
        skip: int = 0,
    ) -> None:
        assert step in STEPS, step
        self.step = step
        self.target = target
        self.err = err
        self.skip = skip
        self.fired = 0
        self.current: str | None = None
        self._os = os
        monkeypatch.setattr(durable, "os", _OsProxy(self))
        monkeypatch.setattr(durable, "tempfile", _TempfileProxy(self))

    def should_fail(self, step: str) -> bool:
        if self.fired or step != self.step:
            return False
        if self.target is not None and self.current != self.target:
            return False
        if self.skip:
            self.skip -= 1
            return False
        self.fired += 1
        return True

    def error(self) -> OSError:
        return OSError(self.err, os.strerror(self.err))


class _OsProxy:
    def __init__(self, fault: DiskFault) -> None:
        self._fault = fault
        self._half_written: set[int] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def write(self, fd: int, data: Any) -> int:
        if fd in self._half_written:
            self._half_written.discard(fd)
            raise self._fault.error()
        if len(data) > 1 and self._fault.should_fail("write"):
            self._half_written.add(fd)
            return os.write(fd, bytes(data[: len(data) // 2]))
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        step = "fsync_dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync"
        if self._fault.should_fail(step):
            raise self._fault.error()
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        if self._fault.should_fail("replace"):
            raise self._fault.error()
        os.replace(src, dst)


class _TempfileProxy:
    def __init__(self, fault: DiskFault) -> None:
        self._fault = fault

    def __getattr__(self, name: str) -> Any:
        return getattr(tempfile, name)

    def mkstemp(self, suffix: str | None = None, prefix: str | None = None, dir: Any = None) -> Any:  # noqa: A002
        # atomic_write names its temp file ".<target name>.XXXX.tmp"
        self._fault.current = (prefix or "")[1:-1]
        if self._fault.should_fail("create"):
            raise self._fault.error()
        return tempfile.mkstemp(suffix=suffix, prefix=prefix, dir=dir)
