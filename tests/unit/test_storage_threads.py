"""Workers read the store while the UI thread writes (issue 13, item 5).

The home screen counts (``dashboard_alerts``, ``store.counts``) and the search index
(``SearchIndex.build``) run in worker threads; the live screen saves notes on the UI
thread meanwhile. Here both workers run flat out while the main thread saves hundreds of
notes across more sessions than the store keeps open, so handles are dropped and reopened
all the time. Nothing may raise, every result must be one the store really held, and no
note may be lost.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from psw_tui.models import Action, AnonymousNote, Attendance, Group, Member, NoteKind, Session, SessionStatus
from psw_tui.models.records import RegisterEntry
from psw_tui.services.dashboard import dashboard_alerts
from psw_tui.services.search import SearchIndex
from psw_tui.storage import RecordStore, SavedWithDiskError, durable
from psw_tui.storage.session_cache import KEEP_OPEN

SESSIONS = KEEP_OPEN * 2
SAVES = 300
MARK = "Saved while workers read"
TODAY = date(2026, 3, 2)


def _populate(store: RecordStore) -> list[Session]:
    group = store.groups.save(Group(name="Thursday peer support"))
    members = [store.members.save(Member(group_id=group.id, display_name=f"Member {n}")) for n in range(6)]
    sessions = []
    for n in range(SESSIONS):
        day = TODAY - timedelta(days=7 * (SESSIONS - n))
        start = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=10)
        session = store.sessions.save(Session(
            group_id=group.id, title=f"Week {n}", date=day, status=SessionStatus.ENDED,
            started_at=start, ended_at=start + timedelta(hours=2)))
        present = members[: 2 + n % 4]
        store.register(session.id).save_many(
            [RegisterEntry(session_id=session.id, member_id=m.id, status=Attendance.PRESENT) for m in present])
        store.actions(session.id).save(Action(
            session_id=session.id, group_id=group.id, text=f"Follow up week {n}", raised_on=day))
        store.notes(session.id).save(AnonymousNote(
            kind=NoteKind.THEME, session_id=session.id, session_date=day, text=f"Theme of week {n}"))
        sessions.append(session)
    return sessions


def _marked(index: SearchIndex) -> int:
    return sum(1 for entry in index.entries if entry is not None and entry.text.startswith(MARK))


def test_search_index_and_home_counts_read_while_notes_are_saved(data_dir: Path) -> None:
    store = RecordStore.open(data_dir)
    sessions = _populate(store)
    baseline_alerts = dashboard_alerts(store, TODAY)
    baseline_notes = store.counts()["notes"]
    saved = 0  # notes whose save has returned (only the main thread writes it)
    done = threading.Event()
    errors: list[BaseException] = []
    builds: list[tuple[int, int, int]] = []  # (saved before, marked notes indexed, saved after)
    counts: list[tuple[int, int, int]] = []  # the same for store.counts()["notes"]
    alerts = []

    def search_worker() -> None:
        try:
            while not done.is_set() or not builds:
                before = saved
                index = SearchIndex.build(store)
                builds.append((before, _marked(index), saved))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    def home_worker() -> None:
        try:
            while not done.is_set() or not counts:
                alerts.append(dashboard_alerts(store, TODAY))
                before = saved
                notes = store.counts()["notes"] - baseline_notes
                counts.append((before, notes, saved))
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)

    workers = [threading.Thread(target=search_worker), threading.Thread(target=home_worker)]
    for worker in workers:
        worker.start()
    try:
        for n in range(SAVES):
            session = sessions[(n * 7) % SESSIONS]  # every session in turn: handles are dropped and reopened
            store.notes(session.id).save(AnonymousNote(
                kind=NoteKind.CONTRIBUTION, session_id=session.id, session_date=session.date,
                text=f"{MARK}: number {n}"))
            saved += 1
    finally:
        done.set()
        for worker in workers:
            worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers)
    assert errors == []
    assert builds and counts and alerts
    # Each worker result holds at least every note saved before it started and no more
    # than were saved by the time it finished.
    for before, found, after in builds + counts:
        assert before <= found <= after
    assert all(found == baseline_alerts for found in alerts)  # notes do not change the counts
    assert store.sessions.damaged() == []
    final = SearchIndex.build(store)
    assert _marked(final) == SAVES
    assert final.search("number 299").total == 1
    store.close()
    with RecordStore.open(data_dir) as reopened:  # every note reached the disk
        assert reopened.counts()["notes"] == baseline_notes + SAVES


def test_a_disk_warning_in_a_worker_does_not_wait_on_a_blocked_ui_thread(store: RecordStore, tmp_path: Path) -> None:
    """The app's listener hands the warning to the UI thread and waits for it; a worker
    writing holds the store's lock, which the UI thread may be waiting for."""
    ui_free = threading.Event()
    heard: list[bool] = []

    def listener(warning: SavedWithDiskError) -> None:
        heard.append(ui_free.wait(timeout=10))  # as if waiting for the UI thread to run it

    def worker() -> None:
        with store.mutex:  # a write under way in a worker
            durable.report_disk_warning(SavedWithDiskError(tmp_path / "x.json", OSError(5, "I/O error")))

    durable.add_warning_listener(listener)
    try:
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join(timeout=10)
        with store.mutex:  # the UI thread gets the lock once the worker is done
            ui_free.set()
        waited = threading.Event()
        for _ in range(1000):  # the listener runs on a thread of its own: wait for it
            if heard:
                break
            waited.wait(0.01)
    finally:
        durable.remove_warning_listener(listener)
    assert heard == [True]
