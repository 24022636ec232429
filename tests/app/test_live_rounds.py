"""The round keeper and the arrive / leave tally, as the facilitator uses them."""

from __future__ import annotations

import json

from psw_tui.models import Attendance
from psw_tui.services.exports import ExportFormat, export_session
from psw_tui.storage import RecordStore
from tests.app.live_helpers import live_setup, open_live, settle, text_of, visible_text


async def _mark_present(pilot, setup, how_many: int) -> list[str]:  # noqa: ANN001
    await pilot.press("f7", *["1"] * how_many, "escape")
    await settle(pilot, setup.app)
    screen = setup.app.screen
    return [row.name for row in screen.live.register_rows() if row.entry.status is Attendance.PRESENT]


async def test_next_pass_back_and_a_late_arrival(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        here = await _mark_present(pilot, setup, 3)
        await pilot.press("ctrl+s")
        await settle(pilot, setup.app)
        bar = text_of(screen, "#round-bar")
        assert f"Now: {here[0]}" in bar and f"next: {here[1]}" in bar
        await pilot.press("alt+right")  # the first spoke
        await settle(pilot, setup.app)
        assert f"Now: {here[1]}" in text_of(screen, "#round-bar")
        await pilot.press("alt+down")  # the second passes
        await settle(pilot, setup.app)
        assert "1 spoke, 1 passed" in text_of(screen, "#round-bar")
        await pilot.press("alt+left")  # back: the pass is not counted
        await settle(pilot, setup.app)
        assert f"Now: {here[1]}" in text_of(screen, "#round-bar")
        assert "1 spoke, 0 passed" in text_of(screen, "#round-bar")
        # someone arrives late: marked late, they join the end of the order
        rows = screen.live.register_rows()
        late = next(row for row in rows if row.entry.status is None)
        screen.live.set_attendance(late.entry.id, Attendance.LATE)
        screen.flows.late_arrivals_join()
        keeper = screen.query_one("#round-bar")
        assert keeper.round.order[-1].name == late.name
        await pilot.press("shift+f4", "shift+f4", "shift+f4")  # everyone else spoke
        await settle(pilot, setup.app)
        assert "Round done" in text_of(screen, "#round-bar")
        await pilot.press("ctrl+s")  # end: only the counts are kept
        await settle(pilot, setup.app)
        session = demo_store.sessions.get(setup.session_id)  # type: ignore[arg-type]
        assert [(c.spoke, c.passed) for c in session.rounds] == [(4, 0)]
        stored = json.loads(session.model_dump_json())
        assert set(stored["rounds"][0]) == {"segment_id", "spoke", "passed", "median_seconds"}


async def test_the_projector_shows_the_speaker_time_with_no_name(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        here = await _mark_present(pilot, setup, 3)
        await pilot.press("ctrl+s", "f11")
        await settle(pilot, setup.app)
        setup.time.advance(30)
        screen.tick()
        await pilot.pause()
        assert text_of(screen, "#projector-speaker").startswith("Speaker time 00:30")
        shown = visible_text(setup.app)
        for name in here:
            assert name not in shown
        await pilot.press("alt+right")  # the round's keys work while projecting
        await settle(pilot, setup.app)
        assert screen.query_one("#round-bar").round.index == 1


async def test_no_record_or_export_holds_the_order_or_a_time_per_person(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await _mark_present(pilot, setup, 4)
        await pilot.press("ctrl+s")
        await settle(pilot, setup.app)
        for seconds in (95, 140, 61):
            setup.time.advance(seconds)
            await pilot.press("alt+right")
            await settle(pilot, setup.app)
        await pilot.press("alt+down", "ctrl+s")
        await settle(pilot, setup.app)
    session_file = (demo_store.paths.root / "sessions" / f"{setup.session_id}.json").read_text()
    for seconds in ("95", "140", "61"):
        assert f'"seconds": {seconds}' not in session_file
    for fmt in ExportFormat:
        for shareable in (False, True):
            if shareable and fmt in (ExportFormat.CSV, ExportFormat.JSON):
                continue
            text = export_session(demo_store, setup.session_id, fmt, shareable=shareable).data
            text = text.decode() if isinstance(text, bytes) else text
            assert "Now:" not in text and "next:" not in text
            for seconds in ("1:35", "2:20", "1:01"):
                assert seconds not in text
    internal = export_session(demo_store, setup.session_id, ExportFormat.MD, shareable=False).data
    assert "3 spoke, 1 passed, median 1.6 min" in (internal.decode() if isinstance(internal, bytes) else internal)


async def test_the_arrival_scale_one_key_per_answer(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot, setup)
        await screen.run_action("scale('arrival')")
        await settle(pilot, setup.app)
        await pilot.press("1", "2", "2", "4", "5", "5", "backspace")
        await settle(pilot, setup.app)
        assert "stormy 1 · 2 rough 2" in text_of(screen, "#scale-tally")
        await pilot.press(*"felt calmer", "enter")  # typing ends the tally: it is a note
        await settle(pilot, setup.app)
        session = demo_store.sessions.get(setup.session_id)  # type: ignore[arg-type]
        assert session.arrival is not None and session.arrival.counts == [1, 2, 0, 1, 1]
        assert [n.text for n in demo_store.notes(setup.session_id).all()] == ["felt calmer"]  # type: ignore[arg-type]
        assert not screen.query_one("#scale-tally").display
