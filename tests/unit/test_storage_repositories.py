"""Repositories give back exactly what was saved, in the files the layout promises.

Round trips of every model, reflections moving between year files, the session index and
its repair after a crash, anonymous notes that do not reveal their order, all-or-nothing
imports, rolling backups and restoring them.
"""

from __future__ import annotations

import errno
import json
import os
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from tinydb.table import Document

from psw_tui.models import (
    Action,
    AnonymousNote,
    Bundle,
    Concern,
    Debrief,
    DriscollReflection,
    FacilitatorNote,
    FreeReflection,
    GibbsReflection,
    Group,
    Member,
    Pause,
    RegisterEntry,
    Segment,
    SegmentRun,
    Session,
    SessionBundle,
    SessionHeader,
    Template,
)
from psw_tui.storage import (
    ImportRejected,
    RecordNotFound,
    RecordStore,
    SaveFailed,
    StoreCorrupt,
    StoreLocked,
    journal,
    restore_backup,
)
from psw_tui.storage.backups import GENERATIONS, list_backups, verify_backup

from tests.unit.helpers_storage import (
    changed,
    data_paths,
    file_hashes,
    make_store,
    populate,
    read_snapshot,
    snapshot,
    temp_files,
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[RecordStore]:
    opened = RecordStore.open(data_dir)
    yield opened
    opened.close()


def reopen(store: RecordStore) -> RecordStore:
    """Close and open again, so reads come from disk."""
    store.close()
    return RecordStore.open(store.paths.root)


def open_then_reopened(store: RecordStore) -> Iterator[RecordStore]:
    """The same checks on the store as it is, then on a fresh one reading from disk."""
    yield store
    yield reopen(store)


def raw_tables(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes())


# -- round trips ---------------------------------------------------------------------------


def full_session(group: Group) -> Session:
    agenda = [
        Segment(title="Welcome", minutes=5, kind="welcome"),
        Segment(title="Check-in", minutes=25, kind="check_in", prompts=["One word for today?"]),
        Segment(title="Break", minutes=10, kind="break", optional=True),
    ]
    start = datetime(2025, 5, 6, 17, 0, tzinfo=UTC)
    return Session(
        group_id=group.id,
        title="Tuesday evening",
        date=date(2025, 5, 6),
        start_time=time(18, 0),
        status="ended",
        agenda=agenda,
        started_at=start,
        ended_at=start + timedelta(minutes=45),
        runs=[
            SegmentRun(
                segment_id=agenda[0].id,
                started_at=start,
                ended_at=start + timedelta(minutes=6),
                pauses=[Pause(started_at=start + timedelta(minutes=1), ended_at=start + timedelta(minutes=2))],
                extra_seconds=60,
            ),
            SegmentRun(segment_id=agenda[1].id, started_at=start + timedelta(minutes=6)),
        ],
        check_in_question="What brought you here today?",
        debrief=Debrief(how_was_it="Good", self_care="Walk home"),
    )


def test_catalog_models_round_trip(store: RecordStore) -> None:
    group = Group(
        name="PSW group supervision",
        kind="supervision",
        agreement="Confidential, except where someone is at risk.",
        slot_minutes=120,
        signposting=["Samaritans 116 123"],
        question_bank=["What went well?"],
        created_on=date(2024, 9, 1),
    )
    members = [
        Member(group_id=group.id, display_name="Ash", role="supervisor"),
        Member(group_id=group.id, display_name="Bea", role="supervisee", active=False),
    ]
    template = Template(
        name="Supervision (Proctor)",
        group_kind="supervision",
        description="Normative, formative, restorative",
        segments=[Segment(title="Case discussion", minutes=40, kind="case_discussion", prompts=["Why?"])],
    )
    assert store.groups.save(group) == group
    store.members.save_many(members)
    store.templates.save(template)
    for current in open_then_reopened(store):
        assert current.groups.get(group.id) == group
        assert sorted(current.members.all(), key=lambda m: m.display_name) == members
        assert current.templates.get(template.id) == template
        assert current.groups.count() == 1 and current.members.count() == 2
        assert current.groups.get(uuid4()) is None
    store = current
    assert store.members.delete(members[0].id) is True
    assert store.members.delete(members[0].id) is False
    store = reopen(store)
    assert store.members.all() == [members[1]]
    store.close()


def test_session_and_its_records_round_trip(store: RecordStore) -> None:
    group = store.groups.save(Group(name="Crisis peer support group"))
    session = full_session(group)
    store.sessions.save(session)
    member = store.members.save(Member(group_id=group.id, display_name="Kit"))
    register = [
        RegisterEntry(session_id=session.id, member_id=member.id, status="late"),
        RegisterEntry(session_id=session.id, kind="walk_in", display_name="Lou", status="present"),
        RegisterEntry(session_id=session.id, kind="guest", display_name="Mo", status="left_early"),
    ]
    notes: list[Any] = [
        AnonymousNote(kind=kind, session_id=session.id, session_date=session.date, text=f"{kind} text", tags=["hope"])
        for kind in ("contribution", "theme", "parking_lot", "signpost")
    ] + [
        FacilitatorNote(
            session_id=session.id,
            session_date=session.date,
            segment_id=session.agenda[1].id,
            text="Check-in ran long",
            author="Kit",
            created_at=datetime(2025, 5, 6, 17, 30, tzinfo=UTC),
        )
    ]
    actions = [
        Action(session_id=session.id, group_id=group.id, text="Book room", owner_id=member.id, due=date(2025, 5, 13), raised_on=session.date),
        Action(session_id=session.id, group_id=group.id, text="Old", status="done", raised_on=session.date, closed_on=session.date),
    ]
    concerns = [
        Concern(
            session_id=session.id,
            kind="risk_to_self",
            action_taken="Called the crisis team with them",
            escalated_to="Duty manager",
            recorded_by="Kit",
            recorded_at=datetime(2025, 5, 6, 18, 10, tzinfo=UTC),
        )
    ]
    store.register(session.id).save_many(register)
    for note in notes:
        store.notes(session.id).save(note)
    for action in actions:
        store.actions(session.id).save(action)
    store.concerns(session.id).save(concerns[0])

    def by_id(items: list[Any]) -> list[Any]:
        return sorted(items, key=lambda item: str(item.id))

    for current in open_then_reopened(store):
        assert current.sessions.get(session.id) == session
        assert by_id(current.register(session.id).all()) == by_id(register)
        assert by_id(current.notes(session.id).all()) == by_id(notes)
        assert by_id(current.actions(session.id).all()) == by_id(actions)
        assert current.concerns(session.id).all() == concerns
        assert current.notes(session.id).get(notes[-1].id) == notes[-1]
        assert current.counts() == {"groups": 1, "members": 1, "sessions": 1, "notes": 5, "reflections": 0}
    store = current
    # Everything recorded in a session lives in that session's own file.
    tables = raw_tables(store.paths.session_file(session.id))
    assert set(tables) == {"session", "register", "notes", "actions", "concerns"}
    assert "session" not in raw_tables(store.paths.catalog)
    with pytest.raises(RecordNotFound):
        store.notes(uuid4())
    store.close()


def test_reflections_round_trip(store: RecordStore) -> None:
    reflections = [
        GibbsReflection(
            title="Difficult disclosure",
            written_on=date(2024, 2, 1),
            tags=["boundaries"],
            description="d",
            feelings="f",
            evaluation="e",
            analysis="a",
            conclusion="c",
            action_plan="p",
        ),
        DriscollReflection(title="What now", written_on=date(2025, 7, 1), what="w", so_what="s", now_what="n"),
        FreeReflection(title="Notes to self", written_on=date(2025, 7, 2), text="t", session_id=uuid4()),
    ]
    for reflection in reflections:
        store.reflections.save(reflection)
    for current in open_then_reopened(store):
        assert current.reflections.all() == sorted(reflections, key=lambda r: r.written_on, reverse=True)
        assert current.reflections.get(reflections[0].id) == reflections[0]
    store = current
    assert sorted(p.name for p in store.paths.reflections.glob("*.json")) == ["2024.json", "2025.json"]
    assert store.reflections.delete(reflections[1].id) is True
    assert store.reflections.delete(reflections[1].id) is False
    assert reopen(store).reflections.get(reflections[1].id) is None
    store.close()


def test_saving_replaces_the_whole_record(store: RecordStore) -> None:
    """Saving a record again replaces it; nothing of the old version lingers in the file."""
    group = store.groups.save(Group(name="G", signposting=["Old leaflet"]))
    store.groups.save(changed(group, signposting=[]))
    session = store.sessions.save(Session(group_id=group.id, title="S", date=date(2025, 1, 7)))

    # A facilitator's own note turned into a room theme must lose its author and time...
    own = FacilitatorNote(session_id=session.id, session_date=session.date, text="Theme?", author="Sam")
    store.notes(session.id).save(own)
    theme = AnonymousNote(id=own.id, kind="theme", session_id=session.id, session_date=session.date, text="Theme?")
    store.notes(session.id).save(theme)
    # ...and a reflection re-written in another model keeps none of the old stages.
    gibbs = store.reflections.save(GibbsReflection(title="R", written_on=date(2025, 1, 8), feelings="raw"))
    free = FreeReflection(id=gibbs.id, title="R", written_on=date(2025, 1, 8), text="rewritten")
    store.reflections.save(free)

    store = reopen(store)
    try:
        assert store.groups.get(group.id).signposting == []
        stored = raw_tables(store.paths.session_file(session.id))["notes"][str(own.id)]
        assert "author" not in stored and "created_at" not in stored, "an anonymous note kept its author"
        assert store.notes(session.id).get(own.id) == theme
        assert store.reflections.get(gibbs.id) == free
    finally:
        store.close()


# -- reflections across year files ---------------------------------------------------------


def test_reflection_moves_between_year_files_when_its_date_changes(store: RecordStore) -> None:
    reflection = store.reflections.save(FreeReflection(title="Moving", written_on=date(2025, 1, 3), text="a"))
    keep = store.reflections.save(FreeReflection(title="Stays", written_on=date(2025, 6, 1)))
    moved = changed(reflection, written_on=date(2019, 12, 31), text="b")
    store.reflections.save(moved)

    def ids_in(year: int) -> set[str]:
        path = store.paths.reflection_file(year)
        return set(raw_tables(path)["reflections"]) if path.exists() else set()

    assert ids_in(2019) == {str(reflection.id)}
    assert ids_in(2025) == {str(keep.id)}
    assert store.reflections.get(reflection.id) == moved
    assert [r.id for r in store.reflections.all()] == [keep.id, reflection.id]

    back = changed(moved, written_on=date(2025, 2, 1))
    store = reopen(store)
    store.reflections.save(back)
    assert ids_in(2019) == set()
    assert ids_in(2025) == {str(keep.id), str(reflection.id)}
    store = reopen(store)
    assert store.reflections.all() == [keep, back]
    assert store.reflections.delete(reflection.id)
    assert reopen(store).reflections.all() == [keep]


# -- the session index -----------------------------------------------------------------------


def test_session_index_follows_every_save(store: RecordStore) -> None:
    walk = store.groups.save(Group(name="Walk and talk"))
    voices = store.groups.save(Group(name="Hearing Voices"))
    first = store.sessions.save(Session(group_id=walk.id, title="Walk 1", date=date(2025, 4, 1)))
    second = store.sessions.save(Session(group_id=voices.id, title="Voices 1", date=date(2025, 3, 1)))
    third = store.sessions.save(Session(group_id=walk.id, title="Walk 2", date=date(2025, 4, 8)))

    def titles(current: RecordStore, group: Group | None = None) -> list[str]:
        return [h.title for h in current.sessions.headers(group.id if group else None)]

    assert titles(store) == ["Voices 1", "Walk 1", "Walk 2"]  # oldest first
    assert titles(store, walk) == ["Walk 1", "Walk 2"]

    running = changed(first, status="running", title="Walk 1 (park)", started_at=datetime.now(UTC))
    store.sessions.save(running)
    moved = changed(second, date=date(2025, 5, 1))
    store.sessions.save(moved)
    assert titles(store) == ["Walk 1 (park)", "Walk 2", "Voices 1"]
    assert [h.id for h in store.sessions.running()] == [first.id]

    store.sessions.delete(third.id)
    assert not store.paths.session_file(third.id).exists()
    with pytest.raises(RecordNotFound):
        store.sessions.get(third.id)

    store = reopen(store)
    try:
        assert titles(store) == ["Walk 1 (park)", "Voices 1"]
        assert [h.id for h in store.sessions.running()] == [first.id]
        for header in store.sessions.headers():
            assert header == SessionHeader.of(store.sessions.get(header.id))
        # The index is what is on disk, not only in memory.
        index = raw_tables(store.paths.catalog)["sessions"]
        assert index[str(first.id)]["status"] == "running"
        assert str(third.id) not in index
    finally:
        store.close()


def test_sessions_on_one_day_with_and_without_a_start_time(store: RecordStore) -> None:
    """A day with a 10:00 session and one not yet given a time lists both (untimed first)."""
    group = store.groups.save(Group(name="Drop-in"))
    day = date(2025, 6, 3)
    timed = Session(group_id=group.id, title="Morning", date=day, start_time=time(10, 0))
    untimed = Session(group_id=group.id, title="To be arranged", date=day)
    store.sessions.save(timed)
    store.sessions.save(untimed)
    assert [h.title for h in store.sessions.headers()] == ["To be arranged", "Morning"]
    store.close()
    with RecordStore.open(store.paths.root) as again:  # and the folder still opens
        assert len(again.sessions.headers()) == 2


def _crash_between_session_file_and_catalog(store: RecordStore, session: Session) -> None:
    """Write a new version of the session through its own TinyDB only (the catalog write
    that would follow never happens)."""
    db = store.session_db(session.id)
    doc = session.model_dump(mode="json", exclude={"id"})
    db.table("session").upsert(Document(doc, doc_id=str(session.id)))


def test_reconcile_index_repairs_a_row_after_a_crash(store: RecordStore) -> None:
    group = store.groups.save(Group(name="Walk and talk"))
    session = store.sessions.save(Session(group_id=group.id, title="Walk", date=date(2025, 4, 1)))
    started = changed(session, status="running", title="Walk (rain plan)", started_at=datetime.now(UTC))
    _crash_between_session_file_and_catalog(store, started)
    assert store.sessions.header(session.id).status == "planned"  # the index is behind

    assert store.sessions.reconcile_index() == 1
    assert store.sessions.header(session.id) == SessionHeader.of(started)
    assert [h.id for h in store.sessions.running()] == [session.id]
    assert store.sessions.reconcile_index() == 0  # nothing more to do

    # The same repair happens on its own at the next start (journey 4: resume the session).
    _crash_between_session_file_and_catalog(store, changed(started, title="Walk (indoors)"))
    store = reopen(store)
    try:
        assert store.sessions.header(session.id).title == "Walk (indoors)"
        assert [h.id for h in store.sessions.running()] == [session.id]
        assert raw_tables(store.paths.catalog)["sessions"][str(session.id)]["title"] == "Walk (indoors)"
    finally:
        store.close()


def test_reconcile_index_sees_a_same_size_change_within_one_clock_tick(store: RecordStore) -> None:
    """Renamed "Group A" -> "Group B" and crashed: same size, and on a file system with coarse
    timestamps (FAT, exFAT, HFS+, older kernels) the same mtime as the previous write. The
    file was still replaced, so the index must notice."""
    group = store.groups.save(Group(name="G"))
    session = store.sessions.save(Session(group_id=group.id, title="Group A", date=date(2025, 4, 1)))
    path = store.paths.session_file(session.id)
    store = reopen(store)  # fingerprints are current
    before = path.stat()
    renamed = changed(session, title="Group B")
    _crash_between_session_file_and_catalog(store, renamed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same clock tick
    assert path.stat().st_size == before.st_size
    store = reopen(store)
    try:
        assert store.sessions.header(session.id).title == "Group B", "the session list shows a stale title"
    finally:
        store.close()


# -- anonymous notes -------------------------------------------------------------------------


def test_anonymous_note_keys_reveal_no_order(store: RecordStore) -> None:
    group = store.groups.save(Group(name="Hearing Voices"))
    session = store.sessions.save(Session(group_id=group.id, title="S", date=date(2025, 2, 4)))
    saved = []
    for i in range(20):
        note = AnonymousNote(kind="contribution", session_id=session.id, session_date=session.date, text=f"said {i}")
        store.notes(session.id).save(note)
        saved.append(str(note.id))

    pairs: list[list[tuple[str, Any]]] = []
    json.loads(store.paths.session_file(session.id).read_bytes(), object_pairs_hook=lambda p: pairs.append(p) or dict(p))
    file_order = [key for key, _ in next(p for p in pairs if {k for k, _ in p} == set(saved))]
    assert file_order == sorted(saved), "note keys are not sorted in the file"
    assert file_order != saved, "the file lists notes in the order they were taken"
    for key in saved:
        assert UUID(key).version == 4  # random, not a counter or a time-based id
    stored = raw_tables(store.paths.session_file(session.id))["notes"]
    for doc in stored.values():
        assert set(doc) == {"kind", "session_id", "session_date", "segment_id", "text", "tags"}
    # Read back from the file (a fresh start), they come in id order, not entry order.
    store = reopen(store)
    texts = [n.text for n in store.notes(session.id).all()]
    assert sorted(texts) == sorted(f"said {i}" for i in range(20))
    assert texts != [f"said {i}" for i in range(20)]
    store.close()


# -- imports -------------------------------------------------------------------------------


def make_bundle() -> Bundle:
    group = Group(name="Imported walk group")
    template = Template(name="Imported template", segments=[Segment(title="Walk", minutes=60, kind="sharing")])
    members = [Member(group_id=group.id, display_name=n) for n in ("Ray", "Sky")]
    parts = []
    for i in range(3):
        session = Session(group_id=group.id, title=f"Imported {i}", date=date(2024, 1, 2 + 7 * i))
        parts.append(
            SessionBundle(
                session=session,
                register_entries=[RegisterEntry(session_id=session.id, member_id=members[0].id, status="present")],
                notes=[AnonymousNote(kind="theme", session_id=session.id, session_date=session.date, text="Fresh air")],
                actions=[Action(session_id=session.id, group_id=group.id, text="Map", raised_on=session.date)],
            )
        )
    reflections = [
        FreeReflection(title="Imported 2025", written_on=date(2025, 8, 1)),  # joins an existing file
        FreeReflection(title="Imported 2023", written_on=date(2023, 8, 1)),  # a new file
    ]
    return Bundle(groups=[group], members=members, templates=[template], sessions=parts, reflections=reflections)


def test_import_bundle_adds_everything(data_dir: Path) -> None:
    sample = make_store(data_dir)
    bundle = make_bundle()
    with RecordStore.open(data_dir) as store:
        before = store.counts()
        store.import_bundle(bundle)
        assert store.counts()["sessions"] == before["sessions"] + 3
    with RecordStore.open(data_dir) as store:
        assert store.counts() == {
            "groups": before["groups"] + 1,
            "members": before["members"] + 2,
            "sessions": before["sessions"] + 3,
            "notes": before["notes"] + 3,
            "reflections": before["reflections"] + 2,
        }
        for part in bundle.sessions:
            assert store.sessions.get(part.session.id) == part.session
            assert store.notes(part.session.id).all() == part.notes
        assert {r.title for r in store.reflections.all()} >= {"Imported 2025", "Imported 2023"}


def test_handles_taken_before_an_import_keep_the_imported_records(data_dir: Path) -> None:
    """The app's services hold ``store.groups``, ``store.reflections``... for their lifetime;
    saving through them after an import must not write back a pre-import copy of a file."""
    make_store(data_dir)
    bundle = make_bundle()
    with RecordStore.open(data_dir) as store:
        groups, reflections, sessions = store.groups, store.reflections, store.sessions
        reflections.all()
        store.import_bundle(bundle)
        groups.save(Group(name="Added after the import"))
        reflections.save(FreeReflection(title="Written after the import", written_on=date(2025, 9, 1)))
        assert {h.id for h in sessions.headers()} >= {p.session.id for p in bundle.sessions}
    with RecordStore.open(data_dir) as store:
        titles = {r.title for r in store.reflections.all()}
        assert {"Imported 2025", "Imported 2023", "Written after the import"} <= titles
        names = {g.name for g in store.groups.all()}
        assert {"Imported walk group", "Added after the import"} <= names


WRITES_PER_IMPORT = 3 + 1 + 2  # three session files, the catalog, two reflection years


@pytest.mark.parametrize("failing_call", range(1, WRITES_PER_IMPORT + 1))
def test_import_bundle_is_all_or_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    sample = make_store(data_dir)
    bundle = make_bundle()
    before = read_snapshot(data_dir)
    hashes = file_hashes(data_dir)
    real_write = journal._write_new
    calls: list[Path] = []

    def disk_fills_up(path: Path, data: bytes) -> None:
        if path.name == journal.LABEL_FILE:
            return real_write(path, data)
        calls.append(path)
        if len(calls) == failing_call:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, data)

    with RecordStore.open(data_dir) as store:
        monkeypatch.setattr(journal, "_write_new", disk_fills_up)
        with pytest.raises(SaveFailed):
            store.import_bundle(bundle)
        monkeypatch.undo()
        assert snapshot(store) == before  # the open store shows nothing half-imported
    assert len(calls) >= failing_call
    assert read_snapshot(data_dir) == before
    assert file_hashes(data_dir) == hashes  # not a byte changed, no file added or left
    assert temp_files(data_dir) == []
    # And the same import then goes through in full.
    with RecordStore.open(data_dir) as store:
        store.import_bundle(bundle)
        assert store.counts()["sessions"] == len(sample.sessions) + 3


def test_import_bundle_refuses_clashing_ids(data_dir: Path) -> None:
    sample = make_store(data_dir)
    clashes = {
        "group": Bundle(groups=[sample.group]),
        "member": Bundle(members=[sample.members[0]]),
        "template": Bundle(templates=[sample.template]),
        "session": Bundle(sessions=[SessionBundle(session=sample.session)]),
        "reflection": Bundle(reflections=[sample.reflections[0]]),
        "one-of-many": make_bundle().model_copy(
            update={"reflections": [FreeReflection(title="new"), sample.reflections[1]]}
        ),
    }
    hashes = file_hashes(data_dir)
    with RecordStore.open(data_dir) as store:
        before = snapshot(store)
        for name, bundle in clashes.items():
            with pytest.raises(ImportRejected) as caught:
                store.import_bundle(bundle)
            assert "nothing was imported" in str(caught.value), name
            assert snapshot(store) == before, name
    assert file_hashes(data_dir) == hashes


# -- backups -------------------------------------------------------------------------------


def test_backups_rotate_keeping_seven_generations(data_dir: Path) -> None:
    make_store(data_dir)
    taken = []
    with RecordStore.open(data_dir) as store:
        for day in range(1, 11):
            taken.append(store.backup(datetime(2025, 1, day, 9, 0)))
            assert taken[-1].exists()
            assert verify_backup(taken[-1])["catalog.json"] == store.paths.catalog.read_bytes()
    kept = [info.path for info in list_backups(data_paths(data_dir))]
    assert GENERATIONS == 7
    assert kept == list(reversed(taken[-7:]))  # the newest seven, newest first
    assert sorted((data_dir / "backups").iterdir()) == sorted(kept)


def test_the_backup_just_taken_is_never_rotated_away(data_dir: Path) -> None:
    """With the clock set back (a dead RTC battery, a wrong date fixed by hand, the DST
    fall-back hour), a new backup sorts as the oldest; it must still be kept."""
    make_store(data_dir)
    with RecordStore.open(data_dir) as store:
        for day in range(1, 8):
            store.backup(datetime(2030, 1, day))
        newest = store.backup(datetime(2025, 1, 1))
        assert newest.exists(), "the backup that was just reported as taken is gone"
        assert verify_backup(newest)


def test_restore_backup_brings_the_data_back(data_dir: Path) -> None:
    sample = make_store(data_dir)
    with RecordStore.open(data_dir) as store:
        backup = store.backup()
        at_backup = snapshot(store)
        # Life goes on: a new group, a session deleted, a note, a reflection in a new year.
        store.groups.save(Group(name="Added later"))
        store.sessions.delete(sample.sessions[1].id)
        store.notes(sample.session.id).save(
            AnonymousNote(kind="theme", session_id=sample.session.id, session_date=sample.session.date, text="later")
        )
        store.reflections.save(FreeReflection(title="Later", written_on=date(2031, 1, 1)))
        later = snapshot(store)
        # Restoring is refused while the store is open, and touches nothing.
        hashes = file_hashes(data_dir)
        with pytest.raises(StoreLocked):
            restore_backup(data_dir, backup)
        assert file_hashes(data_dir) == hashes
        assert snapshot(store) == later

    saved = restore_backup(data_dir, backup)
    assert read_snapshot(data_dir) == at_backup
    assert not data_paths(data_dir).reflection_file(2031).exists()
    assert temp_files(data_dir) == []
    assert not list(data_dir.glob(".restore-*"))
    # What was there before the restore is kept as a backup of its own.
    with zipfile.ZipFile(saved) as archive:
        assert "reflections/2031.json" in archive.namelist()
    restore_backup(data_dir, saved)
    assert read_snapshot(data_dir) == later


def test_restore_refuses_a_damaged_backup_and_changes_nothing(data_dir: Path) -> None:
    make_store(data_dir, backup=True)
    backup = list_backups(data_paths(data_dir))[0].path
    backup.write_bytes(backup.read_bytes()[:-40])
    hashes = file_hashes(data_dir)
    with pytest.raises(StoreCorrupt) as caught:
        restore_backup(data_dir, backup)
    assert caught.value.path == backup
    assert file_hashes(data_dir) == hashes


def test_counts(store: RecordStore) -> None:
    assert store.counts() == {"groups": 0, "members": 0, "sessions": 0, "notes": 0, "reflections": 0}
    populate(store)
    assert store.counts() == {"groups": 1, "members": 3, "sessions": 2, "notes": 8, "reflections": 3}
